package com.algomarket.workflows.reconciliation;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ReconciliationActivities {

    /** One comparison of the connection's exchange account with the database; records and answers what it found. */
    ReconciliationResult reconcile(String connectionId);
}
