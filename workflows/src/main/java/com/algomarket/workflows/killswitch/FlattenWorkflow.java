package com.algomarket.workflows.killswitch;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * After a kill with {@code flatten: true}: waits until every open order of the portfolio is final (the kill asked
 * each to cancel), then sells each position the portfolio holds at market, one order workflow per symbol.
 */
@WorkflowInterface
public interface FlattenWorkflow {

    /** Answers how many sell orders were started. */
    @WorkflowMethod
    int run(String portfolioId, String flattenId);
}
