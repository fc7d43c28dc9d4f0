package com.algomarket.workflows.streams;

/**
 * The connection whose stream to keep, how long one activity holds it before the workflow continues as new, and how
 * long the worker holding it may go without a heartbeat before another worker takes the stream over: 0 (so in every
 * input recorded before it could be set) means {@link AccountStreamWorkflowImpl#DEFAULT_HEARTBEAT_TIMEOUT}.
 */
public record AccountStreamInput(String connectionId, long periodSeconds, long heartbeatTimeoutSeconds) {

    /** With the default heartbeat timeout. */
    public AccountStreamInput(String connectionId, long periodSeconds) {
        this(connectionId, periodSeconds, 0);
    }
}
