package com.algomarket.api.portfolios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.api.notifications.NotificationPublisher;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.orders.OrderRepository.FollowedOrder;
import com.algomarket.db.portfolios.KillEpoch;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The kill switch fails closed: the portfolios are KILLED (one call, inside the transaction) before any workflow is
 * signalled, and a signal that fails neither stops the others nor fails the kill: the order is named unreachable.
 */
class KillSwitchTest {

    private static final UUID USER = UUID.randomUUID();

    private final PortfolioRepository portfolios = mock(PortfolioRepository.class);
    private final OrderRepository orders = mock(OrderRepository.class);
    private final WorkflowClient workflows = mock(WorkflowClient.class);
    private final TransactionTemplate transactions = mock(TransactionTemplate.class);
    private final NotificationPublisher notifications = mock(NotificationPublisher.class);
    private final OwnedPortfolios owned = new OwnedPortfolios(portfolios);
    private final KillSwitch killSwitch =
            new KillSwitch(portfolios, owned, orders, workflows, mock(AuditLog.class), transactions, notifications);

    private final Portfolio first = portfolio();
    private final Portfolio second = portfolio();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void oneTransaction() {
        when(transactions.execute(any())).thenAnswer(invocation -> {
            TransactionCallback<Object> work = invocation.getArgument(0);
            return work.doInTransaction(null);
        });
        when(portfolios.findByUser(USER)).thenReturn(List.of(first, second));
        List<UUID> both = List.of(first.id(), second.id());
        when(portfolios.kill(eq(USER), eq(both), anyString()))
                .thenReturn(List.of(new KillEpoch(first.id(), 1), new KillEpoch(second.id(), 1)));
    }

    @Test
    void givenOneWorkflowUnreachableAndOneGone_whenKillAll_thenAllKilledFirstAndBothOrdersNamed() {
        FollowedOrder unreachable = new FollowedOrder(UUID.randomUUID(), "order-a");
        FollowedOrder reached = new FollowedOrder(UUID.randomUUID(), "order-b");
        FollowedOrder gone = new FollowedOrder(UUID.randomUUID(), "order-c");
        FollowedOrder finished = new FollowedOrder(UUID.randomUUID(), "order-d");
        when(orders.openOrdersFollowed(List.of(first.id(), second.id())))
                .thenReturn(List.of(unreachable, reached, gone, finished));
        OrderWorkflow down = workflow("order-a");
        doThrow(new StatusRuntimeException(Status.UNAVAILABLE)).when(down).requestCancel(anyString());
        OrderWorkflow up = workflow("order-b");
        for (OrderWorkflow ended : List.of(workflow("order-c"), workflow("order-d"))) {
            doThrow(new WorkflowNotFoundException(WorkflowExecution.getDefaultInstance(), "OrderWorkflow", null))
                    .when(ended)
                    .requestCancel(anyString());
        }
        // The gone one's row is still open; the finished one's row became final meanwhile.
        when(orders.isOpen(gone.orderId())).thenReturn(true);

        KillSwitch.Outcome outcome = killSwitch.killAll(USER, false);

        assertThat(outcome.cancelled()).isEqualTo(1);
        assertThat(outcome.unreachable()).containsExactly(unreachable.orderId(), gone.orderId());
        InOrder order = inOrder(portfolios, transactions, down, up);
        order.verify(transactions).execute(any());
        order.verify(down).requestCancel(KillSwitch.REASON);
        order.verify(up).requestCancel(KillSwitch.REASON);
        verify(portfolios, times(1)).kill(eq(USER), any(), anyString());
        verify(portfolios, never()).changeStatus(any(), any(), any(), any(), any());
    }

    @Test
    void givenTwoPortfoliosKilledNow_whenKillAll_thenOneEventEachRecordedInTheKillAndDeliveredAfterIt() {
        NotificationPublisher.Recorded recorded =
                new NotificationPublisher.Recorded(USER, UUID.randomUUID(), List.of());
        when(notifications.record(any())).thenReturn(recorded);

        killSwitch.killAll(USER, false);

        ArgumentCaptor<NewNotification> told = ArgumentCaptor.forClass(NewNotification.class);
        InOrder order = inOrder(transactions, notifications);
        order.verify(transactions).execute(any());
        order.verify(notifications).deliver(List.of(recorded, recorded));
        verify(notifications, times(2)).record(told.capture());
        assertThat(told.getAllValues())
                .extracting(NewNotification::type)
                .containsOnly(NotificationType.PORTFOLIO_KILLED);
        assertThat(told.getAllValues())
                .extracting(event -> event.data().get("portfolioId"))
                .containsExactly(first.id().toString(), second.id().toString());
        // Named by the kill's epoch: the same kill told again is the same event.
        assertThat(told.getAllValues().getFirst().eventId())
                .isEqualTo(
                        NewNotification.of(first.id() + "/1", USER, NotificationType.PORTFOLIO_KILLED, null, Map.of())
                                .eventId());
    }

    @Test
    void givenNothingToKill_whenKillAll_thenNoTransactionAndNoSignal() {
        when(portfolios.findByUser(USER)).thenReturn(List.of());

        KillSwitch.Outcome outcome = killSwitch.killAll(USER, true);

        assertThat(outcome).isEqualTo(new KillSwitch.Outcome(0, List.of()));
        verify(transactions, never()).execute(any());
        verify(workflows, never()).newWorkflowStub(eq(OrderWorkflow.class), anyString());
    }

    private OrderWorkflow workflow(String workflowId) {
        OrderWorkflow workflow = mock(OrderWorkflow.class);
        when(workflows.newWorkflowStub(OrderWorkflow.class, workflowId)).thenReturn(workflow);
        return workflow;
    }

    private static Portfolio portfolio() {
        return new Portfolio(
                UUID.randomUUID(),
                USER,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                new BigDecimal("1000"),
                "EUR",
                PortfolioStatus.ACTIVE,
                null,
                true,
                OffsetDateTime.now());
    }
}
