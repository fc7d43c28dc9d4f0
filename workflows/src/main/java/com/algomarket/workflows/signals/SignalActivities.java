package com.algomarket.workflows.signals;

import com.algomarket.workflows.orders.PlannedOrder;
import io.temporal.activity.ActivityInterface;
import java.util.List;

@ActivityInterface
public interface SignalActivities {

    /**
     * Sizes the signal for the portfolios after {@code afterPortfolioId} (null: from the first), at most {@code limit}.
     * A portfolio that may not trade it (paused, killed, subscription ended for an entry, connection not active,
     * symbol not traded, size below the exchange's minimum) gets its order recorded as REJECTED with the reason and
     * never sent. Idempotent: a retried page records nothing twice and plans the same orders.
     */
    FanOutPage planOrders(String signalId, String afterPortfolioId, int limit);

    /**
     * Starts the order workflows (not as children: one parent's history takes child starts one after another, a
     * few a second on the dev server; independent starts run in parallel) and answers how many were started now. An
     * order workflow that exists already (a retried activity) is left as it is and not counted.
     */
    int startOrders(List<PlannedOrder> orders);
}
