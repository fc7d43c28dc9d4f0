/**
 * One account stream per exchange connection, owned by a workflow ({@code stream-<connectionId>}): the stream runs as
 * one long-running activity that heartbeats every second or so with a heartbeat timeout of a few seconds, so that
 * however many workers there are the connection has exactly one stream, and when the worker holding it dies Temporal
 * retries the activity on another worker within seconds. Each run of the workflow holds the stream for a period and
 * then continues as new, which keeps its history short.
 */
package com.algomarket.workflows.streams;
