package com.algomarket.workflows.orders;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays order histories recorded from the real dev server against the paper venue, before the local-activity
 * version, with it, with its version 2 (one local activity for the risk check and the intent), and of an order that
 * waited for the account stream's signals, as listed in {@link OrderFixtures}.
 */
class OrderWorkflowReplayTest {

    @ParameterizedTest
    @MethodSource({
        "com.algomarket.workflows.orders.OrderFixtures#historiesBeforeLocalActivities",
        "com.algomarket.workflows.orders.OrderFixtures#historiesWithVersionOne",
        "com.algomarket.workflows.orders.OrderFixtures#historiesWithVersionTwo",
        "com.algomarket.workflows.orders.OrderFixtures#historiesWaitingForExecutions"
    })
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("order", scenario, 10, OrderWorkflowImpl.class);
    }
}
