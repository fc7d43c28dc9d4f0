package com.algomarket.api.portfolios;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.killswitch.FlattenWorkflow;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Stops portfolios: KILLED in the database first (the order activities refuse to send for a portfolio that is not
 * ACTIVE, so nothing new reaches the exchange from this moment), then every open order workflow is asked to cancel;
 * each keeps following its order until the exchange confirms the cancel or a fill.
 */
@Service
class KillSwitch {

    private static final Logger log = LoggerFactory.getLogger(KillSwitch.class);

    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final WorkflowClient workflows;
    private final AuditLog auditLog;

    KillSwitch(PortfolioRepository portfolios, OrderRepository orders, WorkflowClient workflows, AuditLog auditLog) {
        this.portfolios = portfolios;
        this.orders = orders;
        this.workflows = workflows;
        this.auditLog = auditLog;
    }

    /**
     * Kills the portfolio and answers how many open orders were asked to cancel. With {@code flatten}, a
     * {@link FlattenWorkflow} then sells the positions once those orders are final.
     */
    int kill(UUID userId, UUID portfolioId, boolean flatten) {
        Portfolio portfolio = portfolios
                .findForUser(portfolioId, userId)
                .orElseThrow(() -> ApiProblem.notFound("portfolio", portfolioId));
        portfolios.changeStatus(
                portfolio.id(),
                userId,
                List.of(PortfolioStatus.ACTIVE, PortfolioStatus.PAUSED),
                PortfolioStatus.KILLED,
                "kill switch");
        auditLog.append("user:" + userId, "portfolio", portfolioId.toString(), PortfolioStatus.KILLED.name(), "{}");
        int cancelled = 0;
        for (String workflowId : orders.openWorkflowIds(portfolio.id())) {
            try {
                workflows.newWorkflowStub(OrderWorkflow.class, workflowId).requestCancel("kill switch");
                cancelled++;
            } catch (WorkflowNotFoundException finished) {
                log.info("Order workflow {} had finished before the kill switch reached it", workflowId);
            }
        }
        if (flatten) {
            startFlatten(portfolio);
        }
        return cancelled;
    }

    int killAll(UUID userId, boolean flatten) {
        return portfolios.findByUser(userId).stream()
                .filter(portfolio -> portfolio.status() != PortfolioStatus.CLOSED)
                .mapToInt(portfolio -> kill(userId, portfolio.id(), flatten))
                .sum();
    }

    private void startFlatten(Portfolio portfolio) {
        String flattenId = UUID.randomUUID().toString();
        FlattenWorkflow flatten = workflows.newWorkflowStub(
                FlattenWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(FlattenWorkflow.workflowId(portfolio.id().toString(), flattenId))
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(
                                        SearchAttributeKeys.USER_ID,
                                        portfolio.userId().toString())
                                .set(
                                        SearchAttributeKeys.PORTFOLIO_ID,
                                        portfolio.id().toString())
                                .set(
                                        SearchAttributeKeys.ALGORITHM_ID,
                                        portfolio.algorithmId().toString())
                                .build())
                        .build());
        WorkflowClient.start(flatten::run, portfolio.id().toString(), flattenId);
        auditLog.append(
                "user:" + portfolio.userId(),
                "portfolio",
                portfolio.id().toString(),
                "FLATTEN",
                "{\"flattenId\":\"" + flattenId + "\"}");
    }

    /** KILLED or PAUSED back to ACTIVE: signals reach the exchange again. */
    Portfolio resume(UUID userId, UUID portfolioId) {
        changeOrThrow(
                userId,
                portfolioId,
                List.of(PortfolioStatus.KILLED, PortfolioStatus.PAUSED),
                PortfolioStatus.ACTIVE,
                null);
        return portfolios.findForUser(portfolioId, userId).orElseThrow();
    }

    Portfolio pause(UUID userId, UUID portfolioId) {
        changeOrThrow(
                userId, portfolioId, List.of(PortfolioStatus.ACTIVE), PortfolioStatus.PAUSED, "paused by the user");
        return portfolios.findForUser(portfolioId, userId).orElseThrow();
    }

    private void changeOrThrow(
            UUID userId, UUID portfolioId, List<PortfolioStatus> from, PortfolioStatus to, String reason) {
        Portfolio portfolio = portfolios
                .findForUser(portfolioId, userId)
                .orElseThrow(() -> ApiProblem.notFound("portfolio", portfolioId));
        if (portfolio.status() != to && !portfolios.changeStatus(portfolioId, userId, from, to, reason)) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "portfolio-not-changeable",
                    "Portfolio cannot change",
                    "The portfolio is " + portfolio.status() + ".");
        }
        auditLog.append("user:" + userId, "portfolio", portfolioId.toString(), to.name(), "{}");
    }
}
