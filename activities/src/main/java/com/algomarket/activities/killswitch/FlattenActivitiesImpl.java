package com.algomarket.activities.killswitch;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.orders.OrderIntents;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.orders.OrderRepository.HeldPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.killswitch.FlattenActivities;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.PlannedOrder;
import com.algomarket.workflows.orders.Side;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

@Component
@RequiredArgsConstructor
public class FlattenActivitiesImpl implements FlattenActivities {

    /** A flatten's market sell waits this long for its fills before it is cancelled. */
    static final long SELL_TIMEOUT_SECONDS = 60;

    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final AuditLog auditLog;
    private final LedgerRepository ledger;

    @Override
    public void awaitNoOpenOrders(String portfolioId) {
        List<String> open = orders.openWorkflowIds(UUID.fromString(portfolioId));
        if (!open.isEmpty()) {
            throw ApplicationFailure.newFailure(
                    open.size() + " orders are still open, e.g. " + open.get(0), "ORDERS_OPEN");
        }
    }

    @Override
    public List<PlannedOrder> planSells(String portfolioId, String flattenId) {
        Portfolio portfolio = portfolios.find(UUID.fromString(portfolioId)).orElseThrow();
        Connection connection = connections
                .findForUser(portfolio.connectionId(), portfolio.userId())
                .orElseThrow();
        ExchangeGateway gateway = gateways.get(connection.exchange());
        ApiCredentials credentials = vault.open(connection.id());
        List<PlannedOrder> sells = new ArrayList<>();
        for (HeldPosition position : uncoveredPositions(portfolio.id())) {
            String signalId = "flatten-" + flattenId + "-"
                    + position.symbol().replace("/", "").toLowerCase(Locale.ROOT);
            String workflowId = WorkflowIds.order(portfolioId, signalId);
            UUID orderId = UUID.nameUUIDFromBytes(workflowId.getBytes(StandardCharsets.UTF_8));
            Sellable sellable = sellable(gateway, credentials, connection, position);
            BigDecimal price = sellable.price();
            BigDecimal quantity = sellable.quantity();
            String rejection = sellable.rejection();
            if (rejection != null) {
                recordRejected(
                        portfolio,
                        connection,
                        position.symbol(),
                        orderId,
                        quantity,
                        workflowId,
                        portfolioId,
                        flattenId,
                        rejection);
                continue;
            }
            OrderInput sell = new OrderInput(
                    orderId.toString(),
                    portfolioId,
                    signalId,
                    connection.id().toString(),
                    connection.exchange(),
                    position.symbol(),
                    Side.SELL,
                    OrderType.MARKET,
                    quantity,
                    null,
                    null,
                    null,
                    SELL_TIMEOUT_SECONDS,
                    ClientOrderIds.forBusinessKey(workflowId),
                    price,
                    true,
                    // Followed by polling: a flatten's market sells mostly fill in their submit's answer.
                    0);
            // The row the sell's activities check its workflow's input against, written before the workflow exists.
            orders.insertIntent(OrderIntents.of(sell));
            sells.add(new PlannedOrder(
                    sell, portfolio.userId().toString(), portfolio.algorithmId().toString()));
        }
        return sells;
    }

    /**
     * What the portfolio holds minus what its sells still reserve on its ledger, per symbol; a position its sells cover
     * entirely is left out. The flatten runs once the open orders are final, but an order may be open again by then (a
     * resume, a signal): selling its quantity twice would sell coins that are not the portfolio's.
     */
    private List<HeldPosition> uncoveredPositions(UUID portfolioId) {
        Map<String, BigDecimal> covered = ledger.openSells(portfolioId);
        return orders.heldPositions(portfolioId).stream()
                .map(held -> new HeldPosition(
                        held.symbol(), held.quantity().subtract(covered.getOrDefault(held.symbol(), BigDecimal.ZERO))))
                .filter(uncovered -> uncovered.quantity().signum() > 0)
                .toList();
    }

    /** A position that cannot be sold is recorded as a REJECTED order, so that the flatten's outcome names it. */
    private void recordRejected(
            Portfolio portfolio,
            Connection connection,
            String symbol,
            UUID orderId,
            BigDecimal quantity,
            String workflowId,
            String portfolioId,
            String flattenId,
            String rejection) {
        orders.insertRejected(
                new NewOrder(
                        orderId,
                        portfolio.id(),
                        null,
                        ClientOrderIds.forBusinessKey(workflowId),
                        connection.exchange(),
                        symbol,
                        Side.SELL,
                        OrderType.MARKET,
                        null,
                        quantity,
                        null,
                        null,
                        WorkflowIds.flatten(portfolioId, flattenId)),
                "flatten: " + rejection);
        auditLog.append("flatten-workflow", "order", orderId.toString(), "REJECTED", Map.of("reason", rejection));
    }

    /** A held position as the venue would take it: rounded to its step, at its last price, or why it cannot be. */
    private record Sellable(BigDecimal price, BigDecimal quantity, String rejection) {}

    private static Sellable sellable(
            ExchangeGateway gateway, ApiCredentials credentials, Connection connection, HeldPosition position) {
        BigDecimal price = null;
        BigDecimal quantity = position.quantity();
        String rejection;
        try {
            InstrumentRules rules = gateway.instrumentRules(credentials, position.symbol());
            price = gateway.lastPrice(credentials, position.symbol());
            quantity = rules.roundQuantity(position.quantity());
            rejection = quantity.signum() <= 0
                    ? "position " + position.quantity().toPlainString() + " is below the quantity step"
                    : rules.violation(quantity, price);
        } catch (ExchangeCallException e) {
            if (e.failure() != ExchangeFailure.REJECTED) {
                throw ApplicationFailure.newFailure(
                        "could not read " + position.symbol() + ": " + e.getMessage(),
                        e.failure().name());
            }
            rejection = connection.exchange() + " does not trade " + position.symbol() + ": " + e.getMessage();
        }
        return new Sellable(price, quantity, rejection);
    }
}
