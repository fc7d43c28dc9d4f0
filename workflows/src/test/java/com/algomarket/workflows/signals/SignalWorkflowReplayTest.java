package com.algomarket.workflows.signals;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays SignalWorkflow histories recorded from the real dev server (SignalsIT with -Drecord.histories). */
class SignalWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"three-portfolios"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("signal", scenario, 5, SignalWorkflowImpl.class);
    }
}
