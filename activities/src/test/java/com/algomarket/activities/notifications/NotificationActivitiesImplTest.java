package com.algomarket.activities.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.algomarket.activities.email.EmailSender;
import com.algomarket.db.notifications.NotificationRepository;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.ObjectProvider;

/** Which event an order's end is, from its final status and what filled; an order no row backs tells no one. */
class NotificationActivitiesImplTest {

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
        OrderDetail order = new OrderDetail(
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
                null,
                "order-p-s",
                OffsetDateTime.now(),
                OffsetDateTime.now());

        assertThat(NotificationActivitiesImpl.typeOfEnd(order)).isEqualTo(expected);
    }

    /**
     * A workflow whose input no order row backs (started by whoever reached Temporal) ends REJECTED and asks for its
     * notice: there is no owner to tell, and the notice ends at once instead of retrying for an hour.
     */
    @Test
    @SuppressWarnings("unchecked")
    void givenAnOrderIdNoRowBacks_whenItsEndIsTold_thenNoNoticeAndNoFailure() {
        OrderRepository orders = mock(OrderRepository.class);
        PortfolioRepository portfolios = mock(PortfolioRepository.class);
        Notifier notifier = mock(Notifier.class);
        UUID forged = UUID.randomUUID();
        when(orders.find(forged)).thenReturn(Optional.empty());
        NotificationActivitiesImpl activities = new NotificationActivitiesImpl(
                mock(NotificationRepository.class),
                notifier,
                orders,
                portfolios,
                mock(UserRepository.class),
                mock(EmailSender.class),
                mock(ObjectProvider.class),
                Clock.systemUTC(),
                false,
                "http://localhost:8080");

        activities.orderEnded(forged.toString());
        activities.orderEnded("not an order id");

        verifyNoInteractions(notifier, portfolios);
    }
}
