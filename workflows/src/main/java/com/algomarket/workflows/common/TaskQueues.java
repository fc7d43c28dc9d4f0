package com.algomarket.workflows.common;

/** Task queue names shared by the clients that start workflows and the workers that run them. */
public final class TaskQueues {

    public static final String ONBOARDING = "onboarding";
    public static final String PURCHASES = "purchases";
    public static final String ORDERS = "orders";
    /** Short workflows a REST request waits for: key checks, balances and last prices. */
    public static final String CONNECTIONS = "connections";
    /** The account streams: one long-running activity per connection, each holding an activity slot. */
    public static final String STREAMS = "streams";
    /** Notification deliveries (emails and webhook posts) and the order workflow's notice of its end. */
    public static final String NOTIFICATIONS = "notifications";

    private TaskQueues() {}
}
