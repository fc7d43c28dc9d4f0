package com.algomarket.activities.signals;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.notifications.OrderNotices;
import com.algomarket.activities.orders.OrderIntents;
import com.algomarket.activities.orders.OrderStarter;
import com.algomarket.activities.streams.StreamedOrders;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.MarketBuyMargin;
import com.algomarket.db.signals.Signal;
import com.algomarket.db.signals.SignalRepository;
import com.algomarket.db.signals.Subscriber;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.PlannedOrder;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.algomarket.workflows.orders.trailing.TrailingStopInput;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.signals.FanOutPage;
import com.algomarket.workflows.signals.SignalActivities;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * Plans a signal's orders, a page of portfolios at a time: sizes each portfolio's order at the exchange's rules and
 * price, and records a rejection for every portfolio that gets no exchange order.
 */
@Component
@RequiredArgsConstructor
public class SignalActivitiesImpl implements SignalActivities {

    /** How long an order of each type waits for its fills before it is cancelled, when the signal does not say. */
    public static final Map<OrderType, Integer> DEFAULT_TIMEOUT_SECONDS = Map.of(
            OrderType.MARKET,
            60,
            OrderType.LIMIT,
            3_600,
            OrderType.STOP_LOSS,
            7 * 24 * 3_600,
            OrderType.STOP_LIMIT,
            7 * 24 * 3_600,
            OrderType.TRAILING_STOP,
            7 * 24 * 3_600);

    /**
     * An exchange that cannot answer for its rules or price fails the page, and the page is retried for this long;
     * after that its portfolios' orders are recorded as rejected: a market signal hours late is a different trade, not
     * the one the algorithm sent. Counted in time, not attempts: one rate limit bans a whole exchange for a while,
     * and five quick attempts fell inside one ban (OrderCrashSafetyIT rejected half its orders that way).
     */
    static final Duration RETRY_UNAVAILABLE_FOR = Duration.ofMinutes(2);

    private final SignalRepository signals;
    private final OrderRepository orders;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final AuditLog auditLog;
    private final OrderStarter starter;
    private final StreamedOrders streamedOrders;
    private final MarketBuyMargin marketBuyMargin;
    private final OrderNotices orderNotices;

    @Override
    public FanOutPage planOrders(String signalId, String afterPortfolioId, int limit) {
        Signal signal = signals.find(UUID.fromString(signalId))
                .orElseThrow(
                        () -> ApplicationFailure.newNonRetryableFailure("no signal " + signalId, "SIGNAL_NOT_FOUND"));
        List<Subscriber> page = signals.subscribers(
                signal.algorithmId(),
                signal.symbol(),
                afterPortfolioId == null ? null : UUID.fromString(afterPortfolioId),
                limit);
        Map<Exchange, Market> markets = new HashMap<>();
        List<PlannedOrder> planned = new ArrayList<>();
        List<UUID> refusedToTell = new ArrayList<>();
        int rejected = 0;
        boolean buy = signal.side() == Side.BUY;
        for (Subscriber subscriber : page) {
            String standingRefusal = refusal(subscriber, buy);
            String refusal = standingRefusal;
            Market market = null;
            if (refusal == null) {
                market = markets.computeIfAbsent(subscriber.exchange(), exchange -> market(signal, subscriber));
                refusal = market.unavailable;
            }
            OrderSizing.Sized sized = null;
            if (refusal == null) {
                sized = OrderSizing.size(
                        buy,
                        signal.portfolioFraction(),
                        signal.quantity(),
                        subscriber.size(),
                        subscriber.positionQuantity(),
                        sizingPrice(signal, market.price),
                        market.rules);
                refusal = sized.rejection();
            }
            if (refusal != null) {
                UUID orderId = recordRejected(signal, subscriber, sized == null ? null : sized.quantity(), refusal);
                rejected++;
                if (standingRefusal == null && (sized == null || !sized.nothingHeld())) {
                    refusedToTell.add(orderId);
                }
            } else {
                OrderInput input = orderInput(signal, subscriber, sized.quantity(), market.price);
                // The row the order's activities check the workflow's input against: written here, where the order
                // is computed from the database, before any workflow exists. A retried page writes nothing new.
                orders.insertIntent(OrderIntents.of(input));
                planned.add(plannedOrder(signal, subscriber, input));
            }
        }
        // Told after the page's intents are written, so that the notices do not hold up the orders that go.
        refusedToTell.forEach(orderId -> orderNotices.tellEnd(orderId.toString()));
        String next = page.size() < limit
                ? null
                : page.get(page.size() - 1).portfolioId().toString();
        return new FanOutPage(planned, rejected, next);
    }

    private static PlannedOrder plannedOrder(Signal signal, Subscriber subscriber, OrderInput input) {
        return new PlannedOrder(
                input,
                subscriber.userId().toString(),
                signal.algorithmId().toString(),
                signal.trailing() == null
                        ? null
                        : new TrailingStopInput(
                                input,
                                signal.trailing().pct(),
                                signal.trailing().amount(),
                                signal.trailing().activationPrice()));
    }

    @Override
    public int startOrders(List<PlannedOrder> orders) {
        return starter.start(orders);
    }

    /**
     * Why the portfolio may send nothing for this signal, whatever the exchange says; null when it may. Such a refusal
     * is recorded but not told to the owner as a rejected order: they were told when the state began (the portfolio
     * killed or paused, the subscription ended, the key revoked), and an order refused on every signal while it lasts
     * is no news. Nor is a sell of what the portfolio does not hold. What is told is the refusal of an order the
     * algorithm meant for this portfolio and the exchange would not take (too small for its rules, the market
     * unavailable): the owner may change something about it.
     */
    private static String refusal(Subscriber subscriber, boolean buy) {
        if (subscriber.portfolioStatus() != PortfolioStatus.ACTIVE) {
            return "portfolio is " + subscriber.portfolioStatus();
        }
        if (buy && !subscriber.acceptsNewEntries()) {
            return "the subscription has ended: exits only";
        }
        if (subscriber.connectionStatus() != ConnectionStatus.ACTIVE) {
            return "connection is " + subscriber.connectionStatus();
        }
        return null;
    }

    /** The symbol's rules and the price to size at on one exchange, read once per page through one of its keys. */
    private Market market(Signal signal, Subscriber subscriber) {
        ExchangeGateway gateway = gateways.find(subscriber.exchange()).orElse(null);
        if (gateway == null) {
            return Market.unavailable(subscriber.exchange() + " is not configured in this deployment");
        }
        try {
            var credentials = vault.open(subscriber.connectionId());
            InstrumentRules rules = gateway.instrumentRules(credentials, signal.symbol());
            BigDecimal price = signal.limitPrice() != null
                    ? signal.limitPrice()
                    : signal.stopPrice() != null ? signal.stopPrice() : gateway.lastPrice(credentials, signal.symbol());
            return new Market(rules, price, null);
        } catch (ExchangeCallException e) {
            if (e.failure() == ExchangeFailure.REJECTED) {
                return Market.unavailable(
                        subscriber.exchange() + " does not trade " + signal.symbol() + ": " + e.getMessage());
            }
            long triedFor = System.currentTimeMillis()
                    - Activity.getExecutionContext().getInfo().getScheduledTimestamp();
            if (triedFor < RETRY_UNAVAILABLE_FOR.toMillis()) {
                throw ApplicationFailure.newFailure(
                        subscriber.exchange() + " could not be read: " + e.getMessage(),
                        e.failure().name());
            }
            return Market.unavailable(subscriber.exchange() + " was unavailable while sizing: " + e.getMessage());
        }
    }

    private record Market(InstrumentRules rules, BigDecimal price, String unavailable) {

        static Market unavailable(String reason) {
            return new Market(null, null, reason);
        }
    }

    private OrderInput orderInput(Signal signal, Subscriber subscriber, BigDecimal quantity, BigDecimal price) {
        String workflowId = WorkflowIds.order(
                subscriber.portfolioId().toString(), signal.id().toString());
        OrderType type = orderType(signal);
        TimeInForce timeInForce = type == OrderType.LIMIT
                ? (signal.timeInForce() == null ? TimeInForce.GTC : signal.timeInForce())
                : null;
        int timeout =
                signal.timeoutSeconds() != null ? signal.timeoutSeconds() : DEFAULT_TIMEOUT_SECONDS.get(signal.type());
        return new OrderInput(
                orderId(workflowId).toString(),
                subscriber.portfolioId().toString(),
                signal.id().toString(),
                subscriber.connectionId().toString(),
                subscriber.exchange(),
                signal.symbol(),
                signal.side(),
                type,
                quantity,
                signal.limitPrice(),
                signal.stopPrice(),
                timeInForce,
                timeout,
                ClientOrderIds.forBusinessKey(workflowId),
                price,
                false,
                streamedOrders.safetyLookupSeconds(subscriber.exchange()));
    }

    private UUID recordRejected(Signal signal, Subscriber subscriber, BigDecimal quantity, String reason) {
        String workflowId = WorkflowIds.order(
                subscriber.portfolioId().toString(), signal.id().toString());
        UUID orderId = orderId(workflowId);
        orders.insertRejected(
                new NewOrder(
                        orderId,
                        subscriber.portfolioId(),
                        signal.id(),
                        ClientOrderIds.forBusinessKey(workflowId),
                        subscriber.exchange(),
                        signal.symbol(),
                        signal.side(),
                        orderType(signal),
                        signal.timeInForce(),
                        quantity == null ? BigDecimal.ZERO : quantity,
                        signal.limitPrice(),
                        signal.stopPrice(),
                        WorkflowIds.signal(signal.id().toString())),
                reason);
        auditLog.append(
                "signal-workflow",
                "order",
                orderId.toString(),
                OrderStatus.REJECTED.name(),
                Map.of("signalId", signal.id().toString(), "reason", reason));
        return orderId;
    }

    /**
     * The price a buy is sized at: a market buy at the highest price it is expected to pay, so that a buy of the
     * portfolio's whole size fits the reservation the pre-trade check makes for it (see {@link MarketBuyMargin}).
     */
    private BigDecimal sizingPrice(Signal signal, BigDecimal price) {
        return signal.side() == Side.BUY ? marketBuyMargin.worstBuyPrice(orderType(signal), price) : price;
    }

    /**
     * The type of the signal's orders: a trailing stop's orders are its exits, a limit order at the signal's limit
     * price or else a market order; every other type as the signal says.
     */
    static OrderType orderType(Signal signal) {
        if (signal.type() != OrderType.TRAILING_STOP) {
            return signal.type();
        }
        return signal.limitPrice() != null ? OrderType.LIMIT : OrderType.MARKET;
    }

    /** The order's row id, the same on every retry of the plan: derived from its business key. */
    static UUID orderId(String workflowId) {
        return UUID.nameUUIDFromBytes(workflowId.getBytes(StandardCharsets.UTF_8));
    }
}
