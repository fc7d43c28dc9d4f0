package com.algomarket.activities.reconciliation;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.ExchangeOrder;
import com.algomarket.activities.exchange.Fill;
import com.algomarket.activities.notifications.Notifier;
import com.algomarket.activities.portfolios.PortfolioPauses;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.notifications.NewNotification;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.reconciliation.ReconciliationRepository;
import com.algomarket.db.signals.SignalRepository;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.notifications.NotificationType;
import com.algomarket.workflows.reconciliation.ReconciliationActivities;
import com.algomarket.workflows.reconciliation.ReconciliationResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Compares a connection's exchange account with the database. Our orders carry {@link ClientOrderIds#MARKER}; an
 * order without it is the user's own and is only counted. What the exchange says wins over the database: fills are
 * imported (once each, by trade id), lost orders adopted, orders the exchange has finished resolved. What neither
 * explains pauses the portfolio it concerns, with the reason on the portfolio, a metric and the workflow's
 * Reconciliation search attribute.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class ReconciliationActivitiesImpl implements ReconciliationActivities {

    private static final String ACTOR = "reconciliation";

    /** Signals this old or younger can explain an order of ours that the database lost. */
    static final Duration SIGNAL_LOOKBACK = Duration.ofDays(7);
    /** The first run reads this much of the fill history; later runs start a little before the previous one. */
    static final Duration FIRST_FILL_WINDOW = Duration.ofHours(24);

    static final Duration FILL_OVERLAP = Duration.ofMinutes(10);

    private final ConnectionRepository connections;
    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final SignalRepository signals;
    private final AlgorithmRepository algorithms;
    private final ReconciliationRepository runs;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final AuditLog auditLog;
    private final PortfolioPauses pauses;
    private final ReconciledOrders reconciledOrders;
    private final ConnectedStreams connectedStreams;
    private final MeterRegistry meters;
    private final Notifier notifier;
    private final Clock clock;

    @Override
    public ReconciliationResult compareWithExchange(String connectionIdText) {
        UUID connectionId = UUID.fromString(connectionIdText);
        OffsetDateTime startedAt = OffsetDateTime.now(clock);
        Optional<Connection> found = connections.find(connectionId);
        if (found.isEmpty()) {
            return new ReconciliationResult(null, clock.millis(), 0, 0, 0, 0, 0, List.of(), true, false);
        }
        Connection connection = found.get();
        ExchangeGateway gateway = gateways.get(connection.exchange());
        ApiCredentials credentials = vault.open(connectionId);
        List<Portfolio> owners = portfolios.findByConnection(connectionId);
        List<UUID> ownerIds = owners.stream().map(Portfolio::id).toList();
        Map<String, ReconciledOrders.Origin> ours = expectedClientOrderIds(owners, startedAt);
        List<OrderDetail> openInDatabase = ownerIds.isEmpty() ? List.of() : orders.openOrders(ownerIds);
        Set<String> symbols = new TreeSet<>();
        owners.forEach(p -> algorithms.find(p.algorithmId()).ifPresent(a -> symbols.addAll(a.symbols())));
        openInDatabase.forEach(order -> symbols.add(order.symbol()));
        OffsetDateTime fillsSince = runs.lastStart(connectionId)
                .map(last -> last.minus(FILL_OVERLAP))
                .orElse(startedAt.minus(FIRST_FILL_WINDOW));

        ReconciliationTally tally = new ReconciliationTally();
        try {
            for (String symbol : symbols) {
                compareSymbol(
                        connection, gateway, credentials, symbol, ours, openInDatabase, ownerIds, fillsSince, tally);
            }
        } catch (ExchangeCallException e) {
            // The exchange could not be read: nothing is concluded from half a comparison. Temporal retries, except a
            // key the exchange refuses: that waits for the next interval (or the user's new key).
            String message = connection.exchange() + ": " + e.getMessage();
            throw e.failure() == ExchangeFailure.AUTH
                    ? ApplicationFailure.newNonRetryableFailure(
                            message, e.failure().name())
                    : ApplicationFailure.newFailure(message, e.failure().name());
        }

        return record(connectionId, connection, owners, startedAt, tally);
    }

    /** Compares one symbol: the exchange's open orders with ours, our open orders it no longer lists, its fills. */
    private void compareSymbol(
            Connection connection,
            ExchangeGateway gateway,
            ApiCredentials credentials,
            String symbol,
            Map<String, ReconciledOrders.Origin> ours,
            List<OrderDetail> openInDatabase,
            List<UUID> ownerIds,
            OffsetDateTime fillsSince,
            ReconciliationTally tally) {
        List<ExchangeOrder> open = gateway.openOrders(credentials, symbol);
        tally.openOrders += open.size();
        Set<String> openIds = new HashSet<>();
        Map<String, ExchangeOrder> openByClientOrderId = new HashMap<>();
        for (ExchangeOrder order : open) {
            openIds.add(order.exchangeOrderId());
            if (order.clientOrderId() != null) {
                openByClientOrderId.put(order.clientOrderId(), order);
            }
            checkOpenOrder(connection, order, ours, tally);
        }
        for (OrderDetail row : openInDatabase) {
            if (!row.symbol().equals(symbol)) {
                continue;
            }
            if (row.exchangeOrderId() == null) {
                // Before ReconciliationIT these rows were skipped: an order sent by a worker that stopped before it
                // recorded the answer, whose workflow was then lost, stayed NEW and its fills were never imported.
                reconciledOrders.adoptSent(
                        gateway, credentials, row, openByClientOrderId.get(row.clientOrderId()), tally);
            } else if (!openIds.contains(row.exchangeOrderId())) {
                reconciledOrders.resolve(gateway, credentials, row, tally);
            }
        }
        if (!ownerIds.isEmpty()) {
            for (Fill fill : gateway.fillsSince(credentials, symbol, fillsSince.toInstant())) {
                reconciledOrders.importFill(ownerIds, fill, tally);
            }
        }
    }

    /** Pauses the portfolios with mismatches, then records, counts and logs the run. */
    private ReconciliationResult record(
            UUID connectionId,
            Connection connection,
            List<Portfolio> owners,
            OffsetDateTime startedAt,
            ReconciliationTally tally) {
        for (Map.Entry<UUID, List<String>> entry : tally.mismatchesByPortfolio.entrySet()) {
            pause(owners, entry.getKey(), entry.getValue());
        }
        List<String> mismatches = tally.mismatchesByPortfolio.values().stream()
                .flatMap(List::stream)
                .toList();
        if (!mismatches.isEmpty()) {
            meters.counter(
                            "algomarket.reconciliation.mismatches",
                            "exchange",
                            connection.exchange().name())
                    .increment(mismatches.size());
        }
        UUID runId = UUID.randomUUID();
        OffsetDateTime finishedAt = OffsetDateTime.now(clock);
        runs.insert(tally.run(runId, connectionId, startedAt, finishedAt, mismatches));
        if (tally.adopted + tally.resolved + tally.fillsImported + tally.manualOrders + mismatches.size() > 0) {
            log.info(
                    "Reconciled connection {}: {} open, {} fills imported, {} adopted, {} resolved, {} manual, "
                            + "{} mismatches",
                    connectionId,
                    tally.openOrders,
                    tally.fillsImported,
                    tally.adopted,
                    tally.resolved,
                    tally.manualOrders,
                    mismatches.size());
        }
        // Read after the comparison: the workflow waits an hour only if the stream is still connected now.
        return tally.result(runId, finishedAt, mismatches, connectedStreams.connectedNow(connection));
    }

    /**
     * Our client order ids recomputed from every (portfolio, recent signal) pair: the id is a hash of the order's
     * business key, so an order the database lost still names the portfolio and signal that made it.
     */
    private Map<String, ReconciledOrders.Origin> expectedClientOrderIds(List<Portfolio> owners, OffsetDateTime now) {
        Map<UUID, List<UUID>> signalsByAlgorithm = new HashMap<>();
        Map<String, ReconciledOrders.Origin> expected = new HashMap<>();
        for (Portfolio portfolio : owners) {
            List<UUID> recent = signalsByAlgorithm.computeIfAbsent(
                    portfolio.algorithmId(), algorithm -> signals.idsSince(algorithm, now.minus(SIGNAL_LOOKBACK)));
            for (UUID signalId : recent) {
                expected.put(
                        ClientOrderIds.forBusinessKey(
                                WorkflowIds.order(portfolio.id().toString(), signalId.toString())),
                        new ReconciledOrders.Origin(portfolio, signalId));
            }
        }
        return expected;
    }

    private void checkOpenOrder(
            Connection connection,
            ExchangeOrder order,
            Map<String, ReconciledOrders.Origin> ours,
            ReconciliationTally tally) {
        if (!ClientOrderIds.isOurs(order.clientOrderId())) {
            tally.manualOrders++;
            return;
        }
        Optional<OrderDetail> row = orders.findByClientOrderId(order.clientOrderId());
        if (row.isPresent()) {
            if (row.get().isFinal()) {
                tally.mismatch(
                        row.get().portfolioId(),
                        "order " + row.get().id() + " is " + row.get().status()
                                + " in the database but open at the exchange (" + order.exchangeOrderId() + ")");
            }
            return;
        }
        ReconciledOrders.Origin origin = ours.get(order.clientOrderId());
        if (origin == null) {
            // Ours by its marker, yet no signal of ours explains it: every portfolio of the connection stops.
            tally.mismatch(
                    null,
                    "open order " + order.exchangeOrderId() + " (" + order.clientOrderId()
                            + ") carries our marker but matches no recent signal");
            return;
        }
        reconciledOrders.adoptLost(connection, order, origin, tally);
    }

    private void pause(List<Portfolio> owners, UUID portfolioId, List<String> mismatches) {
        List<Portfolio> affected = portfolioId == null
                ? owners
                : owners.stream().filter(p -> p.id().equals(portfolioId)).toList();
        String reason = "reconciliation: " + String.join("; ", mismatches);
        for (Portfolio portfolio : pauses.pauseActive(ACTOR, affected, reason)) {
            OffsetDateTime pausedAt = OffsetDateTime.now(clock);
            notifier.publish(NewNotification.of(
                    portfolio.id() + "/" + pausedAt.toInstant(),
                    portfolio.userId(),
                    NotificationType.PORTFOLIO_PAUSED,
                    pausedAt,
                    Map.of("portfolioId", portfolio.id().toString(), "reason", reason)));
        }
    }
}
