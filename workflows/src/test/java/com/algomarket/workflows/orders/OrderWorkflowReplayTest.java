package com.algomarket.workflows.orders;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays order histories recorded from the real dev server against the paper venue. Before the local-activity
 * version (OrderLifecycleIT): filled, UNKNOWN then found by its client order id, refused by the risk check, killed
 * while resting, timed out and cancelled. With it (SignalsIT, OrderPathsIT with -Drecord.histories): filled from a
 * signal, killed while resting, partial fill then timeout, UNKNOWN not found and resubmitted, rate limited then
 * filled, rejected by the exchange.
 */
class OrderWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "filled",
                "unknown-then-found",
                "risk-refused",
                "killed-while-resting",
                "timed-out-and-cancelled",
                "filled-from-signal",
                "killed-while-resting-v1",
                "partial-fill-then-timeout",
                "unknown-not-found-resubmitted",
                "rate-limited-then-filled",
                "rejected-by-exchange"
            })
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("order", scenario, 10, OrderWorkflowImpl.class);
    }
}
