package com.algomarket.workflows.valuation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Stores one equity point per portfolio and UTC day: every portfolio that is not closed is valued at its venue's prices
 * (fees included) when the workflow starts and then at each UTC midnight. One workflow for all portfolios, paging
 * through them, rather than one per portfolio: a once-a-day valuation needs no durable state per portfolio, and a page
 * reads each venue's price of a symbol once for all the portfolios that hold it. A durable timer and continue-as-new,
 * not a Temporal Schedule, so that it runs on the embedded default's in-process server too (it has no Schedules).
 */
@WorkflowInterface
public interface DailyValuationWorkflow {

    @WorkflowMethod
    void run(DailyValuationInput input);

    /** Values every portfolio now (stored as today's point) instead of waiting for midnight: an operator, a test. */
    @SignalMethod
    void valueNow();

    /** The last valuation's tally; null before the first. */
    @QueryMethod
    ValuationTally lastValuation();
}
