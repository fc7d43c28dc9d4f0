package com.algomarket.activities.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.orders.OrderExecution;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * What the account stream tells the order workflows: each trade and each end of an open order of ours, as a plain
 * signal to its running workflow; nothing for other orders, for a NEW report, or for a workflow that has ended.
 */
class OrderExecutionSignalsTest {

    private static final UUID CONNECTION = UUID.randomUUID();
    private static final String WORKFLOW_ID = "order-p-1-s-1";

    private final AccountStreamRepository repository = mock(AccountStreamRepository.class);
    private final WorkflowClient client = mock(WorkflowClient.class);
    private final OrderWorkflow workflow = mock(OrderWorkflow.class);
    private final OrderExecutionSignals signals = new OrderExecutionSignals(repository, client);

    @BeforeEach
    void ourOpenOrder() {
        when(client.newWorkflowStub(OrderWorkflow.class, WORKFLOW_ID)).thenReturn(workflow);
        when(repository.openOrderWorkflowId(CONNECTION, "cid-1", "42")).thenReturn(Optional.of(WORKFLOW_ID));
        when(repository.openOrderWorkflowId(CONNECTION, null, "42")).thenReturn(Optional.of(WORKFLOW_ID));
    }

    @Test
    void givenAPushedTrade_whenSignalled_thenItsWorkflowGetsTheTradeTheStatusAndTheCumulativeQuantity() {
        signals.signal(CONNECTION, execution("cid-1", "TRADE", "PARTIALLY_FILLED", "7", AccountEvent.Source.STREAM));

        assertThat(sent())
                .isEqualTo(new OrderExecution(
                        "7",
                        "42",
                        new BigDecimal("0.2"),
                        new BigDecimal("30000"),
                        new BigDecimal("0.006"),
                        "EUR",
                        OrderStatus.PARTIALLY_FILLED,
                        new BigDecimal("0.2")));
    }

    @Test
    void givenATradeACatchUpFound_whenSignalled_thenFoundByTheExchangesOrderIdWithoutStatusOrCumulative() {
        signals.signal(CONNECTION, execution(null, "TRADE", null, "7", AccountEvent.Source.CATCH_UP));

        OrderExecution sent = sent();
        assertThat(sent.tradeId()).isEqualTo("7");
        assertThat(sent.exchangeStatus()).isNull();
        assertThat(sent.cumulativeQuantity()).isNull();
    }

    @Test
    void givenACancelAtTheExchange_whenSignalled_thenTheWorkflowHearsTheOrderEndedWithoutATrade() {
        // A cancel's report names the cancel request's client order id: the repository finds the order by the
        // exchange's id then.
        when(repository.openOrderWorkflowId(CONNECTION, "cancel-cid", "42")).thenReturn(Optional.of(WORKFLOW_ID));
        signals.signal(CONNECTION, execution("cancel-cid", "CANCELED", "CANCELED", null, AccountEvent.Source.STREAM));

        OrderExecution sent = sent();
        assertThat(sent.tradeId()).isNull();
        assertThat(sent.exchangeStatus()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void givenTheOrdersNewReport_whenSignalled_thenNothingIsAskedOrSent() {
        signals.signal(CONNECTION, execution("cid-1", "NEW", "NEW", null, AccountEvent.Source.STREAM));

        verifyNoInteractions(repository, client);
    }

    @Test
    void givenAnOrderThatIsNotAnOpenOrderOfOurs_whenSignalled_thenNothingIsSent() {
        when(repository.openOrderWorkflowId(CONNECTION, "manual-1", "42")).thenReturn(Optional.empty());

        signals.signal(CONNECTION, execution("manual-1", "TRADE", "FILLED", "7", AccountEvent.Source.STREAM));

        verify(client, never()).newWorkflowStub(any(Class.class), any(String.class));
    }

    @Test
    void givenAWorkflowThatHasEnded_whenSignalled_thenIgnored() {
        doThrow(new WorkflowNotFoundException(
                        WorkflowExecution.newBuilder()
                                .setWorkflowId(WORKFLOW_ID)
                                .build(),
                        "OrderWorkflow",
                        null))
                .when(workflow)
                .execution(any());

        signals.signal(CONNECTION, execution("cid-1", "TRADE", "FILLED", "7", AccountEvent.Source.STREAM));

        verify(workflow).execution(any());
    }

    @Test
    void givenBinanceStatuses_whenMapped_thenOurs() {
        assertThat(OrderExecutionSignals.status("EXPIRED_IN_MATCH")).isEqualTo(OrderStatus.EXPIRED);
        assertThat(OrderExecutionSignals.status("PENDING_CANCEL")).isEqualTo(OrderStatus.PENDING);
        assertThat(OrderExecutionSignals.status("FILLED")).isEqualTo(OrderStatus.FILLED);
        assertThat(OrderExecutionSignals.status(null)).isNull();
    }

    private OrderExecution sent() {
        ArgumentCaptor<OrderExecution> sent = ArgumentCaptor.forClass(OrderExecution.class);
        verify(workflow).execution(sent.capture());
        return sent.getValue();
    }

    private static AccountEvent.Execution execution(
            String clientOrderId, String type, String status, String tradeId, AccountEvent.Source source) {
        boolean trade = tradeId != null;
        return new AccountEvent.Execution(
                "BTCEUR",
                clientOrderId,
                "42",
                "BUY",
                type,
                status,
                tradeId,
                trade ? new BigDecimal("0.2") : BigDecimal.ZERO,
                trade ? new BigDecimal("30000") : BigDecimal.ZERO,
                new BigDecimal("0.2"),
                trade ? new BigDecimal("0.006") : BigDecimal.ZERO,
                trade ? "EUR" : null,
                Instant.now(),
                Instant.now(),
                source);
    }
}
