package com.algomarket.workflows.streams;

/** The connection whose stream to keep, and how long one activity holds it before the workflow continues as new. */
public record AccountStreamInput(String connectionId, long periodSeconds) {}
