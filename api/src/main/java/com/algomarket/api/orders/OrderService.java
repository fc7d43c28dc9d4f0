package com.algomarket.api.orders;

import com.algomarket.api.portfolios.OwnedPortfolios;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.PortfolioTrade;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A user's orders and trades, and their cancel: a signal to the order's workflow, which keeps the order open until
 * the exchange confirms the cancel (or a fill wins the race). Another user's portfolio or order is not found.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class OrderService {

    static final String CANCEL_REASON = "cancelled by the user";

    private final OrderQueries queries;
    private final OwnedPortfolios portfolios;
    private final WorkflowClient workflows;
    private final AuditLog auditLog;

    List<OrderDetail> orders(UUID userId, UUID portfolioId, OrderStatus status, int limit) {
        portfolios.find(userId, portfolioId);
        return queries.orders(portfolioId, status, limit);
    }

    List<PortfolioTrade> trades(UUID userId, UUID portfolioId, int limit) {
        portfolios.find(userId, portfolioId);
        return queries.trades(portfolioId, limit);
    }

    OrderDetail get(UUID userId, UUID orderId) {
        return queries.orderForUser(orderId, userId).orElseThrow(() -> ApiProblem.notFound("order", orderId));
    }

    /** Asks the order's workflow to cancel and answers the order as it is now (still open: the exchange decides). */
    OrderDetail cancel(UUID userId, UUID orderId) {
        OrderDetail order = get(userId, orderId);
        if (order.isFinal()) {
            throw orderFinal(order);
        }
        try {
            workflows.newWorkflowStub(OrderWorkflow.class, order.workflowId()).requestCancel(CANCEL_REASON);
        } catch (WorkflowNotFoundException finished) {
            // The workflow ended between the read and the signal: the order is final now.
            OrderDetail now = get(userId, orderId);
            throw now.isFinal()
                    ? orderFinal(now)
                    : new ApiProblem(
                            HttpStatus.CONFLICT,
                            "order-not-followed",
                            "Order not followed",
                            "The order's workflow has ended while the order is " + now.status()
                                    + "; reconciliation settles it with the exchange.");
        }
        auditLog.append(
                "user:" + userId,
                "order",
                orderId.toString(),
                "CANCEL_REQUESTED",
                "{\"workflowId\":\"" + order.workflowId() + "\"}");
        return get(userId, orderId);
    }

    private static ApiProblem orderFinal(OrderDetail order) {
        return new ApiProblem(
                HttpStatus.CONFLICT,
                "order-final",
                "Order final",
                "The order is " + order.status() + " already; there is nothing to cancel.");
    }
}
