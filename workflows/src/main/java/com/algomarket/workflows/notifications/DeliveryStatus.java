package com.algomarket.workflows.notifications;

/** A delivery is RETRYING from its creation until it is DELIVERED, or FAILED for good. */
public enum DeliveryStatus {
    RETRYING,
    DELIVERED,
    FAILED
}
