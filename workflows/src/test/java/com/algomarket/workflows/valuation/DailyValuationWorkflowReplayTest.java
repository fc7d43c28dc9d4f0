package com.algomarket.workflows.valuation;

import com.algomarket.workflows.support.RecordedHistories;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays DailyValuationWorkflow histories: recorded from DailyValuationWorkflowTest with -Drecord.histories (a run
 * paging through two pages; a run asked to value again the same day).
 */
class DailyValuationWorkflowReplayTest {

    @ParameterizedTest
    @ValueSource(strings = {"two-pages", "value-now"})
    void givenRecordedHistory_whenReplayed_thenCurrentImplementationIsCompatible(String scenario) throws Exception {
        RecordedHistories.assertReplays("daily-valuation", scenario, 10, DailyValuationWorkflowImpl.class);
    }
}
