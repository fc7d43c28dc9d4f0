package com.algomarket.activities.orders;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.exchange.OrderRequest;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.order.OrderActivities;
import com.algomarket.workflows.order.OrderInput;
import com.algomarket.workflows.order.OrderSnapshot;
import com.algomarket.workflows.order.OrderStatus;
import com.algomarket.workflows.order.OrderUpdate;
import com.algomarket.workflows.order.OrderWorkflow;
import com.algomarket.workflows.order.RiskDecision;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The order workflow's hands: the database through jOOQ, the exchange through its gateway. Credentials are loaded
 * and decrypted here, per call, from the connection id the workflow carries.
 */
@Component
public class OrderActivitiesImpl implements OrderActivities {

    /** Orders a portfolio may send per minute. */
    static final int MAX_ORDERS_PER_MINUTE = 10;

    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final Clock clock;

    public OrderActivitiesImpl(OrderRepository orders, PortfolioRepository portfolios,
            ConnectionRepository connections, CredentialVault vault, ExchangeGateways gateways, Clock clock) {
        this.orders = orders;
        this.portfolios = portfolios;
        this.connections = connections;
        this.vault = vault;
        this.gateways = gateways;
        this.clock = clock;
    }

    @Override
    public RiskDecision checkRisk(OrderInput input) {
        Portfolio portfolio = portfolios.find(UUID.fromString(input.portfolioId())).orElse(null);
        if (portfolio == null || !PortfolioRepository.ACTIVE.equals(portfolio.status())) {
            return RiskDecision.refuse("portfolio is " + (portfolio == null ? "missing" : portfolio.status()));
        }
        boolean buy = "BUY".equals(input.side());
        if (buy && !portfolio.acceptsNewEntries()) {
            return RiskDecision.refuse("the subscription has ended: exits only");
        }
        String connectionStatus = connections.status(UUID.fromString(input.connectionId())).orElse("missing");
        if (!ConnectionRepository.ACTIVE.equals(connectionStatus)) {
            return RiskDecision.refuse("connection is " + connectionStatus);
        }
        BigDecimal price = input.limitPrice() != null ? input.limitPrice() : input.stopPrice();
        if (buy && price != null && input.quantity().multiply(price).compareTo(portfolio.size()) > 0) {
            return RiskDecision.refuse("notional above the portfolio's size of " + portfolio.size().toPlainString());
        }
        if (orders.countSince(portfolio.id(), OffsetDateTime.now(clock).minusMinutes(1)) >= MAX_ORDERS_PER_MINUTE) {
            return RiskDecision.refuse("more than " + MAX_ORDERS_PER_MINUTE + " orders in a minute");
        }
        String[] assets = input.symbol().split("/");
        BigDecimal needed = buy ? (price == null ? BigDecimal.ZERO : input.quantity().multiply(price))
                : input.quantity();
        BigDecimal free = exchange(input, gateway -> gateway.balances(credentials(input))).stream()
                .filter(balance -> balance.asset().equals(buy ? assets[1] : assets[0]))
                .map(Balance::free).findFirst().orElse(BigDecimal.ZERO);
        if (free.compareTo(needed) < 0) {
            return RiskDecision.refuse("free " + (buy ? assets[1] : assets[0]) + " " + free.toPlainString()
                    + " is below " + needed.toPlainString());
        }
        return RiskDecision.approve();
    }

    @Override
    public void recordIntent(OrderInput input) {
        orders.insertIntent(new NewOrder(UUID.fromString(input.orderId()), UUID.fromString(input.portfolioId()),
                signalId(input), input.clientOrderId(), input.exchange(), input.symbol(), input.side(), input.type(),
                input.timeInForce(), input.quantity(), input.limitPrice(), input.stopPrice(),
                OrderWorkflow.workflowId(input.portfolioId(), input.signalId())));
    }

    @Override
    public OrderSnapshot submit(OrderInput input) {
        // Fail closed: a portfolio killed after the risk check sends nothing, whatever the workflow believes.
        Portfolio portfolio = portfolios.find(UUID.fromString(input.portfolioId())).orElseThrow();
        if (!PortfolioRepository.ACTIVE.equals(portfolio.status())) {
            throw ApplicationFailure.newNonRetryableFailure("portfolio is " + portfolio.status(),
                    ExchangeFailure.REJECTED.name());
        }
        OrderRequest request = new OrderRequest(input.symbol(), OrderRequest.OrderSide.valueOf(input.side()),
                OrderRequest.OrderType.valueOf(input.type()), input.quantity(), input.limitPrice(), input.stopPrice(),
                input.timeInForce() == null ? null : OrderRequest.TimeInForce.valueOf(input.timeInForce()),
                input.clientOrderId());
        return snapshot(exchange(input, gateway -> gateway.placeOrder(credentials(input), request)));
    }

    @Override
    public OrderSnapshot lookup(OrderInput input) {
        return exchange(input, gateway -> gateway.orderByClientOrderId(credentials(input), input.symbol(),
                input.clientOrderId())).map(OrderActivitiesImpl::snapshot).orElse(null);
    }

    @Override
    public OrderSnapshot poll(OrderInput input, String exchangeOrderId) {
        return exchange(input, gateway -> gateway.orderByExchangeOrderId(credentials(input), input.symbol(),
                exchangeOrderId)).map(OrderActivitiesImpl::snapshot).orElseThrow(() ->
                ApplicationFailure.newFailure("the exchange does not list order " + exchangeOrderId + " yet",
                        ExchangeFailure.UNAVAILABLE.name()));
    }

    @Override
    public OrderSnapshot cancel(OrderInput input, String exchangeOrderId) {
        return snapshot(exchange(input, gateway -> gateway.cancelOrder(credentials(input), input.symbol(),
                exchangeOrderId)));
    }

    @Override
    public void record(OrderUpdate update) {
        orders.update(UUID.fromString(update.orderId()), update.status().name(), update.exchangeOrderId(),
                update.filledQuantity(), update.averagePrice(), update.reason());
    }

    @Override
    public OrderSnapshot reconcile(OrderInput input, String exchangeOrderId) {
        List<Fill> fills = exchange(input, gateway -> gateway.fillsForOrder(credentials(input), input.symbol(),
                exchangeOrderId));
        UUID orderId = UUID.fromString(input.orderId());
        UUID portfolioId = UUID.fromString(input.portfolioId());
        BigDecimal quantity = BigDecimal.ZERO;
        BigDecimal notional = BigDecimal.ZERO;
        for (Fill fill : fills) {
            orders.importFill(orderId, portfolioId, input.symbol(), "BUY".equals(input.side()), new ImportedFill(
                    fill.tradeId(), fill.price(), fill.quantity(), fill.fee(), fill.feeAsset(),
                    fill.executedAt().atOffset(ZoneOffset.UTC)));
            quantity = quantity.add(fill.quantity());
            notional = notional.add(fill.quantity().multiply(fill.price()));
        }
        OrderSnapshot order = poll(input, exchangeOrderId);
        BigDecimal average = quantity.signum() == 0 ? null
                : notional.divide(quantity, 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // Quantity and price come from the fills, the status from the exchange's order.
        return new OrderSnapshot(exchangeOrderId, order.status(), quantity, average);
    }

    private ApiCredentials credentials(OrderInput input) {
        return vault.open(UUID.fromString(input.connectionId()));
    }

    private interface ExchangeCall<T> {
        T call(ExchangeGateway gateway);
    }

    /** Runs an exchange call and turns its classified failure into the ApplicationFailure type the workflow reads. */
    private <T> T exchange(OrderInput input, ExchangeCall<T> call) {
        try {
            return call.call(gateways.get(Exchange.valueOf(input.exchange())));
        } catch (ExchangeCallException e) {
            ApplicationFailure.Builder failure = ApplicationFailure.newBuilder()
                    .setMessage(e.getMessage())
                    .setType(e.failure().name())
                    .setNonRetryable(e.failure() == ExchangeFailure.REJECTED || e.failure() == ExchangeFailure.AUTH);
            if (e.retryAfter() != null) {
                failure.setNextRetryDelay(e.retryAfter());
            }
            throw failure.build();
        }
    }

    private static OrderSnapshot snapshot(ExchangeOrder order) {
        OrderStatus status = switch (order.status()) {
            case OPEN -> OrderStatus.PENDING;
            case PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case REJECTED -> OrderStatus.REJECTED;
            case EXPIRED -> OrderStatus.EXPIRED;
        };
        return new OrderSnapshot(order.exchangeOrderId(), status, order.filledQuantity(), order.averagePrice());
    }

    private static UUID signalId(OrderInput input) {
        try {
            return input.signalId() == null ? null : UUID.fromString(input.signalId());
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
