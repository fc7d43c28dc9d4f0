package com.algomarket.workflows.reconciliation;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ReconciliationActivities {

    /** Named apart from OrderActivities.reconcile: activity type names are per worker. One comparison of the connection's exchange account with the database; records and answers what it found. */
    ReconciliationResult compareWithExchange(String connectionId);
}
