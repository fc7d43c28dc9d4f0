package com.algomarket.workflows.trackrecord;

/**
 * One run over all algorithms: when it started (epoch milliseconds, workflow time), how many track records it brought
 * up to date and how many failed (left as they were, tried again at the next run).
 */
public record TrackRecordTally(long startedAtMillis, int updated, int failed) {}
