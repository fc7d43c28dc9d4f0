package com.algomarket.workflows.trackrecord;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays TrackRecordWorkflow histories: recorded from TrackRecordWorkflowTest with -Drecord.histories (a run paging
 * through two pages; a run asked to compute again at once).
 */
class TrackRecordWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"two-pages", "compute-now"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("track-records", scenario, 10, TrackRecordWorkflowImpl.class);
    }
}
