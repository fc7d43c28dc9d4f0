package com.algomarket.workflows.connections;

import java.util.List;

/** A connection's balances at its exchange, or why they could not be read ({@code balances} is then null). */
public record AccountBalances(List<AssetBalance> balances, String unavailable) {

    public static AccountBalances of(List<AssetBalance> balances) {
        return new AccountBalances(balances, null);
    }

    public static AccountBalances unavailable(String reason) {
        return new AccountBalances(null, reason);
    }
}
