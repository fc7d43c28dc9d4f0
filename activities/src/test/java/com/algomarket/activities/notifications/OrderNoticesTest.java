package com.algomarket.activities.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.algomarket.activities.support.StoredPortfolios;
import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

/** Which event an order's end is, from its final status and what filled; an order no row backs tells no one. */
class OrderNoticesTest {

    @ParameterizedTest(name = "{0} with {1} filled: {2}")
    @CsvSource({
        "FILLED,           0.5, ORDER_FILLED",
        "REJECTED,         0,   ORDER_REJECTED",
        "CANCELLED,        0,   ORDER_CANCELLED",
        "EXPIRED,          0,   ORDER_CANCELLED",
        "CANCELLED,        0.2, ORDER_PARTIALLY_FILLED",
        "EXPIRED,          0.2, ORDER_PARTIALLY_FILLED",
        "PARTIALLY_FILLED, 0.2, ",
        "PENDING,          0,   ",
        "NEW,              0,   "
    })
    void givenOrderStatusAndFill_whenItsEndIsTold_thenTheEventType(
            OrderStatus status, BigDecimal filled, NotificationType expected) {
        OrderDetail order = order(status, filled, null);

        assertThat(OrderNotices.typeOfEnd(order)).isEqualTo(expected);
    }

    /**
     * A workflow whose input no order row backs (started by whoever reached Temporal) ends REJECTED and asks for its
     * notice: there is no owner to tell, and the notice ends at once instead of retrying for an hour.
     */
    @Test
    void givenAnOrderIdNoRowBacks_whenItsEndIsTold_thenNoNoticeAndNoFailure() {
        OrderRepository orders = mock(OrderRepository.class);
        PortfolioRepository portfolios = mock(PortfolioRepository.class);
        Notifier notifier = mock(Notifier.class);
        UUID forged = UUID.randomUUID();
        when(orders.find(forged)).thenReturn(Optional.empty());
        OrderNotices notices = new OrderNotices(orders, portfolios, notifier);

        notices.tellEnd(forged.toString());
        notices.tellEnd("not an order id");
        notices.tellEnd(null);

        verifyNoInteractions(notifier, portfolios);
    }

    /** A rejection is told to the portfolio's owner with its reason, under an id the order alone decides. */
    @Test
    void givenARejectedOrder_whenItsEndIsToldTwice_thenTheOwnerGetsOneEventWithTheReason() {
        OrderRepository orders = mock(OrderRepository.class);
        PortfolioRepository portfolios = mock(PortfolioRepository.class);
        Notifier notifier = mock(Notifier.class);
        OrderDetail rejected = order(OrderStatus.REJECTED, BigDecimal.ZERO, "notional 0.6 is below the minimum 5");
        UUID owner = UUID.randomUUID();
        when(orders.find(rejected.id())).thenReturn(Optional.of(rejected));
        when(portfolios.find(rejected.portfolioId()))
                .thenReturn(Optional.of(StoredPortfolios.portfolio(
                        rejected.portfolioId(), owner, UUID.randomUUID(), "100", PortfolioStatus.ACTIVE, null)));
        OrderNotices notices = new OrderNotices(orders, portfolios, notifier);

        notices.tellEnd(rejected.id().toString());
        notices.tellEnd(rejected.id().toString());

        ArgumentCaptor<NewNotification> told = ArgumentCaptor.forClass(NewNotification.class);
        verify(notifier, times(2)).publish(told.capture());
        NewNotification event = told.getAllValues().getFirst();
        assertThat(event.userId()).isEqualTo(owner);
        assertThat(event.type()).isEqualTo(NotificationType.ORDER_REJECTED);
        assertThat(event.data())
                .containsEntry("orderId", rejected.id().toString())
                .containsEntry("status", "REJECTED")
                .containsEntry("reason", "notional 0.6 is below the minimum 5");
        assertThat(told.getAllValues().getLast().eventId())
                .as("the same event both times")
                .isEqualTo(event.eventId());
    }

    private static OrderDetail order(OrderStatus status, BigDecimal filled, String reason) {
        return new OrderDetail(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "c-1",
                "x-1",
                "BTC/EUR",
                Side.BUY,
                OrderType.LIMIT,
                null,
                new BigDecimal("0.5"),
                null,
                null,
                filled,
                null,
                status,
                reason,
                "order-p-s",
                OffsetDateTime.now(),
                OffsetDateTime.now());
    }
}
