package com.algomarket.workflows.reconciliation;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays ReconciliationWorkflow histories recorded from the real dev server (SignalsIT with -Drecord.histories). */
class ReconciliationWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"adopted-then-mismatch"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("reconciliation", scenario, 5, ReconciliationWorkflowImpl.class);
    }
}
