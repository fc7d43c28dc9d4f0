package com.algomarket.api.support;

import com.algomarket.db.orders.OrderRepository;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an IT of the app on a {@link PaperVenue} works with, injected once here instead of in every class: the venue,
 * the database, the Temporal client, users and subscribers made through the REST API, and the orders as stored. The
 * subclass carries {@link RealServersOnPaper} (or {@link RealServers} and {@link PaperVenue}) with its own seed, which
 * make these beans exist.
 */
public abstract class OnPaperVenue {

    /** How long a test waits for what the workflows do after a request has been answered (an upper bound only). */
    protected static final Duration DEADLINE = Duration.ofSeconds(90);

    @Autowired
    protected PaperVenue.Venue venue;

    @Autowired
    protected DSLContext dsl;

    @Autowired
    protected WorkflowClient workflowClient;

    @Autowired
    protected TestUsers users;

    @Autowired
    protected PaperSubscribers subscribers;

    @Autowired
    protected OrderRepository orders;

    /** What the database holds for a portfolio's signals: the orders they started and the positions. */
    protected PortfolioRows rows;

    @BeforeEach
    void readPortfolioRows() {
        rows = new PortfolioRows(dsl);
    }
}
