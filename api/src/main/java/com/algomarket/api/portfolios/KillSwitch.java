package com.algomarket.api.portfolios;

import com.algomarket.api.notifications.NotificationPublisher;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.orders.OrderRepository.FollowedOrder;
import com.algomarket.db.portfolios.KillEpoch;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.killswitch.FlattenWorkflow;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stops portfolios, failing closed: every portfolio a kill names is KILLED in one database transaction before any
 * workflow hears of it (the order activities refuse to send for a portfolio that is not ACTIVE, so nothing new reaches
 * the exchange from the commit on). Then every open order workflow is asked to cancel, best effort: one that cannot be
 * reached is named in the answer, and still cancels its order by itself the next time it wakes and reads KILLED.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class KillSwitch {

    static final String REASON = "kill switch";

    private final PortfolioRepository portfolios;
    private final OwnedPortfolios owned;
    private final OrderRepository orders;
    private final WorkflowClient workflows;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final NotificationPublisher notifications;

    /**
     * What a kill did: how many open orders' workflows were asked to cancel, and the open orders whose workflow could
     * not be asked (their portfolio is KILLED all the same).
     */
    record Outcome(int cancelled, List<UUID> unreachable) {}

    /**
     * Kills the portfolio. With {@code flatten}, a {@link FlattenWorkflow} then sells its positions once its open
     * orders are final.
     */
    Outcome kill(UUID userId, UUID portfolioId, boolean flatten) {
        return kill(userId, List.of(owned.find(userId, portfolioId)), flatten);
    }

    /** Kills every portfolio of the user that is not closed, all in one transaction. */
    Outcome killAll(UUID userId, boolean flatten) {
        return kill(
                userId,
                portfolios.findByUser(userId).stream()
                        .filter(portfolio -> portfolio.status() != PortfolioStatus.CLOSED)
                        .toList(),
                flatten);
    }

    private Outcome kill(UUID userId, List<Portfolio> named, boolean flatten) {
        if (named.isEmpty()) {
            return new Outcome(0, List.of());
        }
        List<UUID> ids = named.stream().map(Portfolio::id).toList();
        Killed killed = transactions.execute(status -> {
            List<KillEpoch> moved = portfolios.kill(userId, ids, REASON);
            List<NotificationPublisher.Recorded> told = new ArrayList<>();
            for (KillEpoch epoch : moved) {
                auditLog.append(
                        "user:" + userId,
                        "portfolio",
                        epoch.portfolioId().toString(),
                        PortfolioStatus.KILLED.name(),
                        Map.of("killEpoch", epoch.epoch()));
                told.add(notifications.record(killed(userId, epoch, flatten)));
            }
            return new Killed(portfolios.killedEpochs(userId, ids), orders.openOrdersFollowed(ids), told);
        });
        // Committed: from here on nothing can un-kill these portfolios but a resume.
        notifications.deliver(killed.told());
        Outcome outcome = askToCancel(killed.openOrders());
        if (flatten) {
            Map<UUID, Portfolio> byId = named.stream().collect(Collectors.toMap(Portfolio::id, Function.identity()));
            killed.epochs().forEach(epoch -> startFlatten(byId.get(epoch.portfolioId()), epoch.epoch()));
        }
        return outcome;
    }

    private record Killed(
            List<KillEpoch> epochs, List<FollowedOrder> openOrders, List<NotificationPublisher.Recorded> told) {}

    /** The event of one portfolio's kill, named by its epoch: a repeated kill of the same epoch tells nothing new. */
    private static NewNotification killed(UUID userId, KillEpoch epoch, boolean flatten) {
        return NewNotification.of(
                epoch.portfolioId() + "/" + epoch.epoch(),
                userId,
                NotificationType.PORTFOLIO_KILLED,
                OffsetDateTime.now(),
                Map.of(
                        "portfolioId", epoch.portfolioId().toString(),
                        "reason", REASON,
                        "flatten", String.valueOf(flatten)));
    }

    /**
     * Signals each open order's workflow to cancel. A workflow that has finished (or is unknown) while its row is
     * still open in the database follows nothing any more: that order is unreachable, like one whose signal failed.
     */
    private Outcome askToCancel(List<FollowedOrder> open) {
        int cancelled = 0;
        List<UUID> unreachable = new ArrayList<>();
        for (FollowedOrder order : open) {
            try {
                workflows
                        .newWorkflowStub(OrderWorkflow.class, order.workflowId())
                        .requestCancel(REASON);
                cancelled++;
            } catch (WorkflowNotFoundException finished) {
                if (orders.isOpen(order.orderId())) {
                    log.warn(
                            "Order {} is open but its workflow {} is not running", order.orderId(), order.workflowId());
                    unreachable.add(order.orderId());
                } else {
                    log.info("Order workflow {} had finished before the kill switch reached it", order.workflowId());
                }
            } catch (RuntimeException signalFailed) {
                // The kill holds regardless: the workflow reads KILLED the next time it wakes and cancels by itself.
                log.warn("Could not ask order workflow {} to cancel", order.workflowId(), signalFailed);
                unreachable.add(order.orderId());
            }
        }
        return new Outcome(cancelled, List.copyOf(unreachable));
    }

    /**
     * Starts the flatten of the portfolio's current kill epoch. Its id names the epoch and Temporal refuses a second
     * start of one id, so a repeated kill (or a kill-all after a kill) of the same epoch adds no flatten, while a
     * retried request whose flatten never started gets it.
     */
    private void startFlatten(Portfolio portfolio, int epoch) {
        String flattenId = "kill-" + epoch;
        FlattenWorkflow flatten = workflows.newWorkflowStub(
                FlattenWorkflow.class,
                WorkflowStarts.once(
                                WorkflowIds.flatten(portfolio.id().toString(), flattenId),
                                TaskQueues.ORDERS,
                                Map.of(
                                        SearchAttributeKeys.USER_ID, portfolio.userId(),
                                        SearchAttributeKeys.PORTFOLIO_ID, portfolio.id(),
                                        SearchAttributeKeys.ALGORITHM_ID, portfolio.algorithmId()))
                        .build());
        try {
            WorkflowClient.start(flatten::run, portfolio.id().toString(), flattenId);
        } catch (WorkflowExecutionAlreadyStarted sameEpoch) {
            log.info("The flatten of portfolio {}'s kill {} has already started", portfolio.id(), epoch);
            return;
        }
        auditLog.append(
                "user:" + portfolio.userId(),
                "portfolio",
                portfolio.id().toString(),
                "FLATTEN",
                Map.of("flattenId", flattenId));
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
        Portfolio portfolio = owned.find(userId, portfolioId);
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
