package com.algomarket.activities.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.orders.OrderDetail;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which event an order's end is, from its final status and what filled. */
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
}
