package com.algomarket.workflows.connections;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the short workflows a REST request waits for, recorded from the real dev server through the README's walk
 * ({@code temporal workflow show --output json}): a key check that passed, one of a key that may withdraw (the
 * exchange answered; the API refuses it), one the exchange refused; a balance read; a last-price read.
 */
class ExchangeAccountWorkflowsReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"read-and-trade", "may-withdraw", "invalid-credentials"})
    void givenRecordedKeyCheck_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("key-check", scenario, 8, KeyCheckWorkflowImpl.class);
    }

    @Test
    void givenRecordedBalanceRead_whenReplayed_thenCurrentImplementationIsCompatible() throws Exception {
        RecordedHistories.assertReplays("account-balances", "read", 8, AccountBalancesWorkflowImpl.class);
    }

    @Test
    void givenRecordedPriceRead_whenReplayed_thenCurrentImplementationIsCompatible() throws Exception {
        RecordedHistories.assertReplays("last-prices", "read", 8, LastPricesWorkflowImpl.class);
    }
}
