package com.algomarket.workflows.connections;

/**
 * The key's permissions, or why they could not be read ({@code detail} says it in words). {@code accountId} is the
 * exchange's identifier of the account the key belongs to, where the exchange tells one (Binance's and the paper
 * venue's uid); null elsewhere, and in results recorded before it existed.
 */
public record KeyCheckResult(KeyPermissions permissions, KeyCheckFailure failure, String detail, String accountId) {

    public static KeyCheckResult permitted(KeyPermissions permissions, String accountId) {
        return new KeyCheckResult(permissions, null, null, accountId);
    }

    public static KeyCheckResult failed(KeyCheckFailure failure, String detail) {
        return new KeyCheckResult(null, failure, detail, null);
    }
}
