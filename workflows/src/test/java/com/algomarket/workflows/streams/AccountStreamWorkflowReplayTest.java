package com.algomarket.workflows.streams;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays AccountStreamWorkflow histories recorded from the real dev server (AccountStreamIT with -Drecord.histories). */
class AccountStreamWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"followed-then-stopped"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("account-stream", scenario, 5, AccountStreamWorkflowImpl.class);
    }
}
