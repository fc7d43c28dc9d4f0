package com.algomarket.workflows.orders;

import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.trailing.TrailingStopInput;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/**
 * An order ready to start, with what operators filter and read it by in the Web UI: the user and the algorithm it
 * belongs to (search attributes) besides what the input carries.
 */
public record PlannedOrder(OrderInput input, String userId, String algorithmId, TrailingStopInput trailing) {

    /** An order sent at once, not a trailing stop's exit. Older histories have no {@code trailing}: null, the same. */
    public PlannedOrder(OrderInput input, String userId, String algorithmId) {
        this(input, userId, algorithmId, null);
    }

    public String workflowId() {
        return WorkflowIds.order(input.portfolioId(), input.signalId());
    }

    public SearchAttributes searchAttributes() {
        SearchAttributes.Builder attributes = SearchAttributes.newBuilder()
                .set(SearchAttributeKeys.USER_ID, userId)
                .set(SearchAttributeKeys.PORTFOLIO_ID, input.portfolioId())
                .set(SearchAttributeKeys.EXCHANGE, input.exchange().name())
                .set(SearchAttributeKeys.ORDER_STATUS, OrderStatus.NEW.name());
        if (algorithmId != null) {
            attributes.set(SearchAttributeKeys.ALGORITHM_ID, algorithmId);
        }
        return attributes.build();
    }

    /** What an operator reads in the Web UI's list without opening the history. */
    public Map<String, Object> memo() {
        return Map.of(
                "symbol",
                input.symbol(),
                "side",
                input.side().name(),
                "type",
                trailing == null
                        ? input.type().name()
                        : "TRAILING_STOP then " + input.type().name(),
                "quantity",
                input.quantity().toPlainString());
    }
}
