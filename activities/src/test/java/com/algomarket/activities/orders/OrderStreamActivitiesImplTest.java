package com.algomarket.activities.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.orders.OrderRowCheck.Checked;
import com.algomarket.activities.support.StoredPortfolios;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderSnapshot;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.TimeInForce;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.support.OrderInputs;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Settling an order from what the account stream recorded: its trades are imported once each when they add up to what
 * the workflow knows filled; otherwise nothing is imported and the exchange's fills must settle it.
 */
class OrderStreamActivitiesImplTest {

    private static final UUID CONNECTION = UUID.randomUUID();
    private static final OrderInput INPUT = OrderInputs.paperOrder()
            .ids(
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    UUID.randomUUID().toString(),
                    CONNECTION.toString())
            .quantity("0.5")
            .limit("30000")
            .standing(TimeInForce.GTC, 600)
            .clientOrderId("a1a0c0de-0000-8000-8000-000000000002")
            .safetyLookupSeconds(3600)
            .build();

    private final OrderRowCheck rows = mock(OrderRowCheck.class);
    private final OrderRepository orders = mock(OrderRepository.class);
    private final AccountStreamRepository streamRecords = mock(AccountStreamRepository.class);
    private final NewOrder row = OrderIntents.of(INPUT);
    private OrderStreamActivitiesImpl activities;

    @BeforeEach
    void activities() {
        Portfolio portfolio = StoredPortfolios.portfolio(
                row.portfolioId(), UUID.randomUUID(), CONNECTION, "50000", PortfolioStatus.ACTIVE, null);
        when(rows.check(eq(INPUT), any(), eq(false))).thenReturn(new Checked(row, portfolio, false, null, null));
        when(orders.importFill(any(), any(), any(), anyBoolean(), any())).thenReturn(true);
        activities = new OrderStreamActivitiesImpl(rows, orders, streamRecords) {
            @Override
            String workflowId() {
                return row.workflowId();
            }
        };
    }

    @Test
    void givenRecordedTradesThatAddUp_whenSettled_thenImportedOnceEachWithTheirAveragePrice() {
        when(streamRecords.executionsOfOrder(CONNECTION, "x-1"))
                .thenReturn(List.of(execution("t-1", "0.2", "30000"), execution("t-2", "0.3", "29000")));

        OrderSnapshot settled = activities.settleFromStream(INPUT, known(OrderStatus.FILLED, "0.5"));

        assertThat(settled.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(settled.filledQuantity()).isEqualByComparingTo("0.5");
        assertThat(settled.averagePrice()).isEqualByComparingTo("29400");
        ArgumentCaptor<ImportedFill> fills = ArgumentCaptor.forClass(ImportedFill.class);
        verify(orders, times(2))
                .importFill(eq(row.id()), eq(row.portfolioId()), eq("BTC/EUR"), eq(true), fills.capture());
        assertThat(fills.getAllValues()).extracting(ImportedFill::tradeId).containsExactly("t-1", "t-2");
        assertThat(fills.getAllValues().getFirst().fee()).isEqualByComparingTo("0.01");
    }

    @Test
    void givenATradeTheStreamDidNotRecord_whenSettled_thenNothingImportedAndNoAnswer() {
        when(streamRecords.executionsOfOrder(CONNECTION, "x-1")).thenReturn(List.of(execution("t-1", "0.2", "30000")));

        assertThat(activities.settleFromStream(INPUT, known(OrderStatus.FILLED, "0.5")))
                .isNull();

        verify(orders, never()).importFill(any(), any(), any(), anyBoolean(), any());
    }

    @Test
    void givenFilledButShortOfTheOrdersQuantity_whenSettled_thenNoAnswer() {
        // The workflow believed a partial quantity was the whole order: the exchange's fills must settle it.
        when(streamRecords.executionsOfOrder(CONNECTION, "x-1")).thenReturn(List.of(execution("t-1", "0.2", "30000")));

        assertThat(activities.settleFromStream(INPUT, known(OrderStatus.FILLED, "0.2")))
                .isNull();
    }

    @Test
    void givenCancelledWithNothingFilled_whenSettled_thenCancelledWithoutFills() {
        when(streamRecords.executionsOfOrder(CONNECTION, "x-1")).thenReturn(List.of());

        OrderSnapshot settled = activities.settleFromStream(INPUT, known(OrderStatus.CANCELLED, "0"));

        assertThat(settled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(settled.filledQuantity()).isEqualByComparingTo("0");
        assertThat(settled.averagePrice()).isNull();
        verify(orders, never()).importFill(any(), any(), any(), anyBoolean(), any());
    }

    private static OrderSnapshot known(OrderStatus status, String filled) {
        return new OrderSnapshot("x-1", status, new BigDecimal(filled), null);
    }

    private static AccountStreamRepository.Execution execution(String tradeId, String quantity, String price) {
        return new AccountStreamRepository.Execution(
                CONNECTION,
                "BTCEUR",
                tradeId,
                "x-1",
                INPUT.clientOrderId(),
                "BUY",
                new BigDecimal(quantity),
                new BigDecimal(price),
                new BigDecimal("0.01"),
                "EUR",
                "PARTIALLY_FILLED",
                OffsetDateTime.now(ZoneOffset.UTC),
                "STREAM");
    }
}
