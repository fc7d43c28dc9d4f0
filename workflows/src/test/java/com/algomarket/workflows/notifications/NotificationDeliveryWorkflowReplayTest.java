package com.algomarket.workflows.notifications;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays delivery histories recorded from the workflow's unit test (NotificationDeliveryWorkflowTest with
 * -Drecord.histories): a delivery retried then delivered, and one that gave up after a day.
 */
class NotificationDeliveryWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"retried-then-delivered", "gave-up-after-a-day"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("notification-delivery", scenario, 5, NotificationDeliveryWorkflowImpl.class);
    }
}
