package com.algomarket.workflows.killswitch;

import com.algomarket.workflows.orders.PlannedOrder;
import io.temporal.activity.ActivityInterface;
import java.util.List;

@ActivityInterface
public interface FlattenActivities {

    /** Fails (to be retried) while the portfolio has an order that is not final. */
    void awaitNoOpenOrders(String portfolioId);

    /**
     * A market sell of each position the portfolio holds, rounded down to the exchange's step; a position too small
     * to sell is recorded as a rejected order with the reason.
     */
    List<PlannedOrder> planSells(String portfolioId, String flattenId);
}
