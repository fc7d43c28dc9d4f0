package com.algomarket.activities.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatcher;
import org.mockito.InOrder;

/**
 * The branches of adopting an order the database has as unsent (NEW, without the exchange's id) that the ITs cannot
 * time: the order workflow recording its own answer between the reconciliation's read and its write, and a row the
 * exchange does not know (not sent yet: its workflow decides). And the order's workflow told to look its order up
 * when reconciliation settled it.
 */
class ReconciledOrdersTest {

    private static final String CLIENT_ORDER_ID = "a1a0c0de-0000-8000-8000-000000000001";
    private static final String WORKFLOW_ID = "order-p-s";

    private final OrderRepository orders = mock(OrderRepository.class);
    private final AuditLog auditLog = mock(AuditLog.class);
    private final ExchangeGateway gateway = mock(ExchangeGateway.class);
    private final ApiCredentials credentials = mock(ApiCredentials.class);
    private final WorkflowClient client = mock(WorkflowClient.class);
    private final OrderWorkflow orderWorkflow = mock(OrderWorkflow.class);
    private final ReconciledOrders reconciled = new ReconciledOrders(orders, auditLog, new WaitingOrders(client));
    private final ReconciliationTally tally = new ReconciliationTally();
    private final OrderDetail unsent = row(null, OrderStatus.NEW);
    private final OrderDetail resting = row("42", OrderStatus.PENDING);

    @BeforeEach
    void orderWorkflowRuns() {
        when(client.newWorkflowStub(OrderWorkflow.class, WORKFLOW_ID)).thenReturn(orderWorkflow);
    }

    @Test
    void givenARowTheExchangeDoesNotKnow_whenAdopting_thenLeftToItsWorkflow() {
        when(gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID))
                .thenReturn(Optional.empty());

        reconciled.adoptSent(gateway, credentials, unsent, null, tally);

        verify(orders, never()).adoptSent(any(), any());
        assertThat(tally.adopted).isZero();
        verifyNoInteractions(auditLog);
    }

    @Test
    void givenTheOrderWorkflowRecordedItsAnswerMeanwhile_whenAdopting_thenNothingCountedNorSettled() {
        when(gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID))
                .thenReturn(Optional.of(atExchange(OrderStatus.FILLED)));
        when(orders.adoptSent(any(), any())).thenReturn(false);

        reconciled.adoptSent(gateway, credentials, unsent, null, tally);

        assertThat(tally.adopted).isZero();
        assertThat(tally.resolved).isZero();
        verify(gateway, never()).fillsForOrder(any(), anyString(), anyString());
        verify(orders, never()).update(any(), any());
        verifyNoInteractions(auditLog, orderWorkflow);
    }

    @Test
    void givenAnOpenOrderListedByTheExchange_whenAdopting_thenItsIdAndStatusRecordedWithoutALookup() {
        when(orders.adoptSent(any(), any())).thenReturn(true);

        reconciled.adoptSent(gateway, credentials, unsent, atExchange(OrderStatus.PENDING), tally);

        verify(orders)
                .adoptSent(
                        eq(unsent.id()),
                        argThat(change -> change.status() == OrderStatus.PENDING
                                && change.exchangeOrderId().equals("42")
                                && BigDecimal.ZERO.equals(change.filledQuantity())
                                && change.averagePrice() == null
                                && change.reason() != null));
        verify(gateway, never()).orderByClientOrderId(any(), anyString(), anyString());
        assertThat(tally.adopted).isEqualTo(1);
        assertThat(tally.resolved).isZero();
    }

    @Test
    void givenAFinishedOrder_whenAdopted_thenRecordedAsSentFirstThenSettledWithItsFills() {
        ExchangeOrder filled = atExchange(OrderStatus.FILLED);
        when(gateway.orderByClientOrderId(credentials, "BTC/EUR", CLIENT_ORDER_ID))
                .thenReturn(Optional.of(filled));
        when(orders.adoptSent(any(), any())).thenReturn(true);
        Fill fill = new Fill(
                "t-1",
                "42",
                "BTC/EUR",
                Side.BUY,
                new BigDecimal("60000"),
                new BigDecimal("0.002"),
                new BigDecimal("0.12"),
                "EUR",
                Instant.now());
        when(gateway.fillsForOrder(credentials, "BTC/EUR", "42")).thenReturn(List.of(fill));
        when(orders.importFill(eq(unsent.id()), eq(unsent.portfolioId()), eq("BTC/EUR"), anyBoolean(), any()))
                .thenReturn(true);

        reconciled.adoptSent(gateway, credentials, unsent, null, tally);

        InOrder order = inOrder(orders);
        // PENDING without the fill totals: the final status and totals are written with the fills, not before them.
        order.verify(orders)
                .adoptSent(
                        eq(unsent.id()),
                        argThat(change -> change.status() == OrderStatus.PENDING
                                && change.exchangeOrderId().equals("42")
                                && change.filledQuantity() == null
                                && change.averagePrice() == null));
        order.verify(orders).importFill(eq(unsent.id()), eq(unsent.portfolioId()), eq("BTC/EUR"), eq(true), any());
        order.verify(orders)
                .update(
                        unsent.id(),
                        new OrderChange(
                                OrderStatus.FILLED, "42", filled.filledQuantity(), filled.averagePrice(), null));
        verify(orderWorkflow).lookUpNow("reconciliation: FILLED at the exchange");
        assertThat(tally.adopted).isEqualTo(1);
        assertThat(tally.resolved).isEqualTo(1);
        assertThat(tally.fillsImported).isEqualTo(1);
    }

    @Test
    void givenARestingOrderTheExchangeHasFilled_whenResolved_thenSettledAndItsWorkflowToldToLookUpNow() {
        resolveFilledAtTheExchange();

        InOrder order = inOrder(orders, orderWorkflow);
        order.verify(orders).update(eq(resting.id()), argThat(settledAsFilled()));
        order.verify(orderWorkflow).lookUpNow("reconciliation: FILLED at the exchange");
        assertThat(tally.resolved).isEqualTo(1);
    }

    @Test
    void givenTheOrderWorkflowHasEnded_whenResolved_thenTheSignalIsIgnoredAndTheOrderSettled() {
        doThrow(new WorkflowNotFoundException(WorkflowExecution.getDefaultInstance(), "OrderWorkflow", null))
                .when(orderWorkflow)
                .lookUpNow(anyString());

        resolveFilledAtTheExchange();

        verify(orders).update(eq(resting.id()), argThat(settledAsFilled()));
        assertThat(tally.resolved).isEqualTo(1);
    }

    @Test
    void givenAnOrderStillOpenAtTheExchange_whenResolving_thenNeitherSettledNorItsWorkflowDisturbed() {
        when(gateway.orderByExchangeOrderId(credentials, "BTC/EUR", "42"))
                .thenReturn(Optional.of(atExchange(OrderStatus.PENDING)));

        reconciled.resolve(gateway, credentials, resting, tally);

        verify(orders, never()).update(any(), any());
        verifyNoInteractions(orderWorkflow);
        assertThat(tally.resolved).isZero();
    }

    private void resolveFilledAtTheExchange() {
        when(gateway.orderByExchangeOrderId(credentials, "BTC/EUR", "42"))
                .thenReturn(Optional.of(atExchange(OrderStatus.FILLED)));
        reconciled.resolve(gateway, credentials, resting, tally);
    }

    /** The final state recorded by settling: FILLED under the exchange's id, without a reason. */
    private static ArgumentMatcher<OrderChange> settledAsFilled() {
        return change -> change.status() == OrderStatus.FILLED
                && change.exchangeOrderId().equals("42")
                && change.reason() == null;
    }

    private static OrderDetail row(String exchangeOrderId, OrderStatus status) {
        return new OrderDetail(
                UUID.randomUUID(),
                UUID.randomUUID(),
                CLIENT_ORDER_ID,
                exchangeOrderId,
                "BTC/EUR",
                Side.BUY,
                OrderType.MARKET,
                null,
                new BigDecimal("0.002"),
                null,
                null,
                BigDecimal.ZERO,
                null,
                status,
                null,
                WORKFLOW_ID,
                OffsetDateTime.now(),
                OffsetDateTime.now());
    }

    private static ExchangeOrder atExchange(OrderStatus status) {
        boolean filled = status == OrderStatus.FILLED;
        return new ExchangeOrder(
                "42",
                CLIENT_ORDER_ID,
                "BTC/EUR",
                Side.BUY,
                OrderType.MARKET,
                new BigDecimal("0.002"),
                filled ? new BigDecimal("0.002") : BigDecimal.ZERO,
                filled ? new BigDecimal("60000") : null,
                status,
                Instant.now());
    }
}
