package com.algomarket.workflows.trackrecord;

/**
 * What one page of algorithms did. {@code lastAlgorithmId} is where the next page starts; {@code last} says there is
 * none.
 */
public record TrackRecordPage(int updated, int failed, String lastAlgorithmId, boolean last) {}
