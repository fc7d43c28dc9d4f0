package com.algomarket.workflows.killswitch;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays FlattenWorkflow histories recorded from the real dev server (SignalsIT with -Drecord.histories). */
class FlattenWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"cancel-then-sell"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("flatten", scenario, 5, FlattenWorkflowImpl.class);
    }
}
