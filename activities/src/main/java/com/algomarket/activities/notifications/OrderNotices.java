package com.algomarket.activities.notifications;

import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.notifications.NotificationType;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * The owner's notice of how an order ended, built from its row, whoever noticed the end: the order's workflow when it
 * closes, or the signal's fan-out when it refused the order before any exchange saw it. The event's id is derived from
 * the order, so a notice told twice is recorded and delivered once.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class OrderNotices {

    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final Notifier notifier;

    /** Tells the order's owner how it ended; tells nothing of an order that has no row or has not ended. */
    public void tellEnd(String orderId) {
        OrderDetail order = parse(orderId).flatMap(orders::find).orElse(null);
        if (order == null) {
            // A workflow started with an input no order row backs (whoever reached Temporal): the order check refused
            // and audited it, and there is no owner to tell. Throwing would retry the notice for an hour and keep the
            // forged workflow open.
            log.warn("Order {} has no row: no notice", orderId);
            return;
        }
        NotificationType type = typeOfEnd(order);
        if (type == null) {
            log.warn("Order {} is {}, not final: no notice", orderId, order.status());
            return;
        }
        UUID userId = portfolios.find(order.portfolioId()).orElseThrow().userId();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("orderId", order.id().toString());
        data.put("portfolioId", order.portfolioId().toString());
        data.put("symbol", order.symbol());
        data.put("side", order.side().name());
        data.put("type", order.type().name());
        data.put("quantity", plain(order.quantity()));
        data.put("filledQuantity", plain(order.filledQuantity()));
        if (order.averagePrice() != null) {
            data.put("averagePrice", plain(order.averagePrice()));
        }
        data.put("status", order.status().name());
        if (order.reason() != null) {
            data.put("reason", order.reason());
        }
        notifier.publish(NewNotification.of("order/" + orderId, userId, type, order.updatedAt(), data));
    }

    /** How the order ended, as an event type; null while it is open. */
    static NotificationType typeOfEnd(OrderDetail order) {
        boolean someFilled =
                order.filledQuantity() != null && order.filledQuantity().signum() > 0;
        return switch (order.status()) {
            case FILLED -> NotificationType.ORDER_FILLED;
            case REJECTED -> NotificationType.ORDER_REJECTED;
            case CANCELLED, EXPIRED ->
                someFilled ? NotificationType.ORDER_PARTIALLY_FILLED : NotificationType.ORDER_CANCELLED;
            case NEW, PENDING, PARTIALLY_FILLED -> null;
        };
    }

    private static String plain(BigDecimal value) {
        return value == null ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            return Optional.empty();
        }
    }
}
