package com.algomarket.activities.streams;

import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.orders.OrderExecution;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Tells an order workflow what the account stream reported of its order: each trade, and a cancel or expiry at the
 * exchange. Only orders this system placed and has not settled yet are told (found in the orders table), and only their
 * running workflow: a plain signal, never a signal-with-start, since an execution must not start an order. A workflow
 * that has ended meanwhile needs nothing more; any other failure (the server unreachable) is thrown, so that the
 * stream reconnects and its catch-up read reports the trade again.
 */
@RequiredArgsConstructor
@Slf4j
public final class OrderExecutionSignals {

    private final AccountStreamRepository repository;
    private final WorkflowClient client;

    /** Signals the execution to its order's workflow, if it is a trade or ends the order and the order is ours. */
    public void signal(UUID connectionId, AccountEvent.Execution execution) {
        OrderStatus status = status(execution.orderStatus());
        if (!execution.isTrade() && (status == null || !status.isFinal())) {
            return; // NEW, a pending cancel: the workflow knows these from the exchange's answers
        }
        Optional<String> workflowId =
                repository.openOrderWorkflowId(connectionId, execution.clientOrderId(), execution.exchangeOrderId());
        if (workflowId.isEmpty()) {
            log.debug(
                    "No open order of ours for execution {} of exchange order {}",
                    execution.tradeId(),
                    execution.exchangeOrderId());
            return;
        }
        OrderExecution signal = new OrderExecution(
                execution.tradeId(),
                execution.exchangeOrderId(),
                execution.quantity(),
                execution.price(),
                execution.fee(),
                execution.feeAsset(),
                status,
                execution.source() == AccountEvent.Source.STREAM ? execution.cumulativeQuantity() : null);
        try {
            client.newWorkflowStub(OrderWorkflow.class, workflowId.get()).execution(signal);
        } catch (WorkflowNotFoundException ended) {
            log.debug("Order workflow {} has ended; execution {} not signalled", workflowId.get(), execution.tradeId());
        }
    }

    /** Binance's order status (executionReport {@code X}) as ours; null where the event names none. */
    static OrderStatus status(String binanceStatus) {
        if (binanceStatus == null) {
            return null;
        }
        return switch (binanceStatus) {
            case "NEW", "PENDING_NEW", "PENDING_CANCEL" -> OrderStatus.PENDING;
            case "PARTIALLY_FILLED" -> OrderStatus.PARTIALLY_FILLED;
            case "FILLED" -> OrderStatus.FILLED;
            case "CANCELED" -> OrderStatus.CANCELLED;
            case "REJECTED" -> OrderStatus.REJECTED;
            case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            default -> null;
        };
    }
}
