package com.algomarket.workflows.signals;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An algorithm's signal fanned out to every portfolio subscribed to the algorithm: one order workflow
 * {@code order-<portfolioId>-<signalId>} per portfolio that may trade it, a recorded rejection for every other.
 */
@WorkflowInterface
public interface SignalWorkflow {

    @WorkflowMethod
    SignalOutcome run(String signalId);
}
