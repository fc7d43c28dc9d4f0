package com.algomarket.api.support;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import java.math.BigDecimal;

/**
 * An IT on a {@link PaperVenue} about one subscriber's portfolio and the orders it starts straight on the order
 * workflow ({@link DirectOrders}). The subclass calls {@link #subscribe} from its own {@code @BeforeEach}, after it
 * has set the venue's markets as its test needs them.
 */
public abstract class OnPaperPortfolio extends OnPaperVenue {

    /** The subscriber's session with the REST API. */
    protected Http user;

    protected String portfolioId;
    protected DirectOrders directOrders;

    /** The subscriber's key at the venue, with which the test reads the venue's own record of its orders. */
    protected PaperExchange.ApiKey key;

    /**
     * Clears the venue's faults and subscribes a new user to a new algorithm: a portfolio of {@code size} EUR on a
     * PAPER key holding 100,000 EUR, with an active purchase.
     */
    protected void subscribe(String size) {
        venue.faults().clear();
        Subscriber subscriber = subscribers.subscribeToNewAlgorithm(size, new BigDecimal("100000"));
        user = subscriber.http();
        portfolioId = subscriber.portfolioId();
        directOrders = new DirectOrders(workflowClient, orders, subscriber);
        key = subscriber.key();
    }
}
