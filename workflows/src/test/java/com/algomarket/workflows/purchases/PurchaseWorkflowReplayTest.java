package com.algomarket.workflows.purchases;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays purchase histories recorded from the real dev server ({@code temporal workflow show --output json}): paid
 * and active, free and active, payment failed, cancelled at the payment deadline, and paid and active with the
 * {@code clientSecret} update asked twice (still running: a partial history replays as far as it goes). The dev
 * server's histories carry encrypted payloads since; the renewals' (version renewals-and-reminders) are recorded from
 * PurchaseWorkflowTest ({@code -Drecord.histories}): a renewal paid before the renewed purchase's end, reminded 3 and 1
 * days before its own end and expired, and a renewal left unpaid until its deadline.
 */
class PurchaseWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "paid-and-active",
                "free-and-active",
                "payment-failed",
                "cancelled-at-deadline",
                "paid-with-client-secret",
                "renewal-paid-reminded-expired",
                "renewal-unpaid"
            })
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("purchase", scenario, 10, PurchaseWorkflowImpl.class);
    }
}
