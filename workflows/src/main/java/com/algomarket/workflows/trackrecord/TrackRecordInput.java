package com.algomarket.workflows.trackrecord;

/** {@code lastRun} carries the previous run's tally across continue-as-new (null at the first start). */
public record TrackRecordInput(TrackRecordTally lastRun) {}
