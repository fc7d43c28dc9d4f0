package com.algomarket.workflows.store;

/** An algorithm's status in the store; the names are those of the REST contract and the database. */
public enum AlgorithmStatus {
    PUBLISHED,
    RETIRED
}
