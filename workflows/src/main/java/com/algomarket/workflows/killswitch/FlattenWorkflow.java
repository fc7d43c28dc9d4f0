package com.algomarket.workflows.killswitch;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * After a kill with {@code flatten: true}: waits until every open order of the portfolio is final (the kill asked
 * each to cancel), then sells each position the portfolio holds at market, one order workflow per symbol.
 */
@WorkflowInterface
public interface FlattenWorkflow {

    /**
     * {@code flatten-<portfolioId>-<flattenId>}; the kill switch's flatten id is {@code kill-<epoch>}, the portfolio's
     * count of transitions to KILLED, so that every kill of one epoch names the same flatten and Temporal starts it once.
     */
    static String workflowId(String portfolioId, String flattenId) {
        return "flatten-" + portfolioId + "-" + flattenId;
    }

    /** Answers how many sell orders were started. */
    @WorkflowMethod
    int run(String portfolioId, String flattenId);
}
