package com.algomarket.workflows.signal;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface SignalActivities {

    /**
     * Sizes the signal for the portfolios after {@code afterPortfolioId} (null: from the first), at most {@code limit}.
     * A portfolio that may not trade it (paused, killed, subscription ended for an entry, connection not active,
     * symbol not traded, size below the exchange's minimum) gets its order recorded as REJECTED with the reason and
     * never sent. Idempotent: a retried page records nothing twice and plans the same orders.
     */
    FanOutPage planOrders(String signalId, String afterPortfolioId, int limit);
}
