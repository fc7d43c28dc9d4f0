package com.algomarket.workflows.trackrecord;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface TrackRecordActivities {

    /**
     * Brings the track records of the next page of algorithms (by id after {@code afterAlgorithmId}, null: the first
     * page) up to date from what each stored; safe to retry (a repeated call finds nothing new, or redoes the same).
     */
    TrackRecordPage updatePage(String afterAlgorithmId);
}
