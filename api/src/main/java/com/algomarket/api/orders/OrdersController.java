package com.algomarket.api.orders;

import static com.algomarket.api.Decimals.plain;
import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.PortfolioTrade;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.algomarket.workflows.orders.timeline.OrderStep;
import com.algomarket.workflows.orders.timeline.OrderStepKind;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A portfolio's orders and trades (newest first), one order, its story (timeline), and its cancel. */
@RestController
@RequestMapping("/api/v1")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class OrdersController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** At most 9 digits, so that parsing never overflows an int. */
    private static final Pattern ASCII_WHOLE_NUMBER = Pattern.compile("[0-9]{1,9}");

    private final OrderService orders;
    private final OrderTimelines timelines;

    record OrderView(
            UUID id,
            UUID portfolioId,
            String clientOrderId,
            String exchangeOrderId,
            String symbol,
            Side side,
            OrderType type,
            TimeInForce timeInForce,
            String quantity,
            String limitPrice,
            String stopPrice,
            String filledQuantity,
            String averagePrice,
            OrderStatus status,
            String reason,
            String workflowId,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {

        static OrderView of(OrderDetail o) {
            return new OrderView(
                    o.id(),
                    o.portfolioId(),
                    o.clientOrderId(),
                    o.exchangeOrderId(),
                    o.symbol(),
                    o.side(),
                    o.type(),
                    o.timeInForce(),
                    plain(o.quantity()),
                    plain(o.limitPrice()),
                    plain(o.stopPrice()),
                    plain(o.filledQuantity()),
                    plain(o.averagePrice()),
                    o.status(),
                    o.reason(),
                    o.workflowId(),
                    o.createdAt(),
                    o.updatedAt());
        }
    }

    record TradeView(
            UUID id,
            UUID orderId,
            String exchangeTradeId,
            String symbol,
            Side side,
            String price,
            String quantity,
            String fee,
            String feeAsset,
            OffsetDateTime executedAt) {

        static TradeView of(PortfolioTrade t) {
            return new TradeView(
                    t.id(),
                    t.orderId(),
                    t.exchangeTradeId(),
                    t.symbol(),
                    t.side(),
                    plain(t.price()),
                    plain(t.quantity()),
                    plain(t.fee()),
                    t.feeAsset(),
                    t.executedAt());
        }
    }

    @GetMapping("/portfolios/{portfolioId}/orders")
    List<OrderView> orders(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID portfolioId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String limit) {
        return orders.orders(userId(token), portfolioId, status(status), limit(limit)).stream()
                .map(OrderView::of)
                .toList();
    }

    @GetMapping("/portfolios/{portfolioId}/trades")
    List<TradeView> trades(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID portfolioId,
            @RequestParam(required = false) String limit) {
        return orders.trades(userId(token), portfolioId, limit(limit)).stream()
                .map(TradeView::of)
                .toList();
    }

    @GetMapping("/orders/{id}")
    OrderView get(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return OrderView.of(orders.get(userId(token), id));
    }

    record TimelineView(UUID orderId, List<StepView> steps) {}

    /** One step; {@code details} is left out when the step has none. */
    record StepView(
            Instant at,
            OrderStepKind kind,
            String text,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> details) {

        static StepView of(OrderStep step) {
            return new StepView(step.at(), step.kind(), step.text(), step.details());
        }
    }

    /** The order's life in plain steps, read from its workflow history. */
    @GetMapping("/orders/{id}/timeline")
    TimelineView timeline(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return new TimelineView(
                id,
                timelines.timeline(userId(token), id).stream().map(StepView::of).toList());
    }

    /** 202: the cancel is asked; the order stays open until the exchange confirms it. */
    @PostMapping("/orders/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    OrderView cancel(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return OrderView.of(orders.cancel(userId(token), id));
    }

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent. */
    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        // ASCII digits only: Integer.parseInt also reads other scripts' digits (Arabic-Indic, Devanagari, ...), which
        // no client means as a page size.
        String digits = value.strip();
        if (ASCII_WHOLE_NUMBER.matcher(digits).matches()) {
            int limit = Integer.parseInt(digits);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw ApiProblem.invalidParameter("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** {@code status}: one of the order statuses, exactly as answered; null (absent) lists every status. */
    static OrderStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value);
        } catch (IllegalArgumentException notAStatus) {
            throw ApiProblem.invalidParameter(
                    "status",
                    "must be one of "
                            + Arrays.stream(OrderStatus.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }
    }
}
