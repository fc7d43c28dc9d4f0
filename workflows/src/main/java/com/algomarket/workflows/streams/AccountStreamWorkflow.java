package com.algomarket.workflows.streams;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Keeps a connection's account stream running on exactly one worker for as long as the connection exists. */
@WorkflowInterface
public interface AccountStreamWorkflow {

    @WorkflowMethod
    void run(AccountStreamInput input);

    /** Ends the stream and the workflow (the connection was deleted or paused). */
    @SignalMethod
    void stop();
}
