package com.algomarket.workflows.orders.trailing;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays trailing stops recorded from the real dev server against the paper venue (TrailingStopIT): one that followed
 * the price up and continued as new into its exit order when crossed (twice: the second's exit run is an order
 * history, order/trailing-stop-exit), and one that a kill ended while armed.
 */
class TrailingStopWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "followed-then-crossed",
                "killed-while-armed",
                "crossed-before-its-exit",
                "worker-killed-while-armed"
            })
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("trailing-stop", scenario, 5, TrailingStopWorkflowImpl.class);
    }
}
