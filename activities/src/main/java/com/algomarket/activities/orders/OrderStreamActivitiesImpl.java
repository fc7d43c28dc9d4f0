package com.algomarket.activities.orders;

import com.algomarket.activities.orders.OrderRowCheck.Checked;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderSnapshot;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderStreamActivities;
import com.algomarket.workflows.orders.Side;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Settles an order the account stream followed from the executions the stream recorded, without asking the exchange:
 * the fills were read from the exchange's own stream (or its catch-up reads) and kept once per trade id.
 */
@Component
@RequiredArgsConstructor
public class OrderStreamActivitiesImpl implements OrderStreamActivities {

    private final OrderRowCheck rows;
    private final OrderRepository orders;
    private final AccountStreamRepository streamRecords;

    @Override
    public OrderSnapshot settleFromStream(OrderInput input, OrderSnapshot known) {
        Checked checked = rows.check(input, workflowId(), false);
        if (checked.refused()) {
            throw ApplicationFailure.newNonRetryableFailure(checked.refusal(), ExchangeFailure.REJECTED.name());
        }
        NewOrder row = checked.row();
        List<AccountStreamRepository.Execution> executions =
                streamRecords.executionsOfOrder(checked.connectionId(), known.exchangeOrderId());
        BigDecimal quantity = executions.stream()
                .map(AccountStreamRepository.Execution::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal expected = known.filledQuantity() == null ? BigDecimal.ZERO : known.filledQuantity();
        boolean complete = quantity.compareTo(expected) == 0
                && (known.status() != OrderStatus.FILLED || quantity.compareTo(row.quantity()) == 0);
        if (!complete) {
            return null;
        }
        BigDecimal notional = BigDecimal.ZERO;
        for (AccountStreamRepository.Execution execution : executions) {
            orders.importFill(
                    row.id(),
                    row.portfolioId(),
                    row.symbol(),
                    row.side() == Side.BUY,
                    new ImportedFill(
                            execution.tradeId(),
                            execution.price(),
                            execution.quantity(),
                            execution.fee(),
                            execution.feeAsset(),
                            execution.executedAt()));
            notional = notional.add(execution.quantity().multiply(execution.price()));
        }
        BigDecimal average = quantity.signum() == 0
                ? null
                : notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return new OrderSnapshot(known.exchangeOrderId(), known.status(), quantity, average);
    }

    /** The id of the workflow this activity runs for; a seam for tests, which run it outside Temporal. */
    String workflowId() {
        return Activity.getExecutionContext().getInfo().getWorkflowId();
    }
}
