package com.algomarket.activities.orders;

import static org.mockito.Mockito.mock;

import com.algomarket.activities.connections.CredentialCipher;
import com.algomarket.activities.connections.CredentialKeysets;
import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.exchange.binance.BinanceGateway;
import com.algomarket.activities.exchange.transport.RateLimit;
import com.algomarket.activities.exchange.transport.RestEndpoint;
import com.algomarket.activities.killswitch.FlattenActivitiesImpl;
import com.algomarket.activities.notifications.Notifier;
import com.algomarket.activities.notifications.OrderNotices;
import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.signals.SignalActivitiesImpl;
import com.algomarket.activities.streams.StreamedOrders;
import com.algomarket.activities.support.GatewayTestSupport;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.MarketBuyMargin;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.portfolios.RiskDefaults;
import com.algomarket.db.signals.SignalRepository;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.support.TestSchema;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.killswitch.FlattenWorkflowImpl;
import com.algomarket.workflows.notifications.NotificationActivities;
import com.algomarket.workflows.orders.OrderWorkflowImpl;
import com.algomarket.workflows.signals.SignalWorkflowImpl;
import com.algomarket.workflows.support.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.ConnectionProvider;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The real order path, wired by hand as the worker's Spring context wires it: the order, signal and flatten workflows
 * on the time-skipping test server; their real activities on the real database (a pool of connections, with transactions
 * bound to the thread as Spring's are); the real Binance gateway reaching the paper venue over HTTP,
 * with the venue's faults under the test's control.
 *
 * <p>Not wired, because no money moves through them: the owner's notice when an order ends (a worker that answers
 * and does nothing; a mock notifier for the fan-out's refusals), the account stream (off: orders are followed by polling, as on a worker without streams), and
 * the revocation of a refused key (a mock: no fault here refuses a key).
 *
 * <p>One difference from a worker: each workflow here waits for the children it started before it closes ({@link
 * ChildrenAwaited}), because the test server stops skipping time for good when an abandoned child (a flatten's sell)
 * ends after its parent.
 */
final class TradingStack implements AutoCloseable {

    static final String SYMBOL = "BTC/EUR";
    /** The symbol as the venue names it. */
    static final String VENUE_SYMBOL = "BTCEUR";

    private static final String[] KEYWORD_ATTRIBUTES = {
        "UserId", "PortfolioId", "AlgorithmId", "Exchange", "OrderStatus", "OnboardingStep", "Reconciliation"
    };
    private static final int CONNECTIONS = 6;

    /** What {@link LivePrices} ages its reads by: real time, moved ahead by {@link #openMarket}. */
    private final SettableClock livePricesClock = SettableClock.realTime();

    final TestSchema schema;
    final DSLContext dsl;
    final PaperExchange venue;
    final PaperFaults faults;
    final BinanceApiServer api;
    final CredentialCipher cipher;
    final TestWorkflowEnvironment temporal;
    final WorkflowClient client;
    final OrderRepository orders;
    final PortfolioRepository portfolios;
    final SignalRepository signals;
    final AuditLog auditLog;

    TradingStack(long seed) throws Exception {
        schema = TestSchema.migrate("workflow_properties_it");
        Pool pool = new Pool(schema, CONNECTIONS);
        dsl = DSL.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set((ConnectionProvider) pool)
                .set((TransactionProvider) pool));
        Clock clock = Clock.systemUTC();
        venue = PaperExchange.withDefaultMarkets(clock, seed, 0);
        faults = new PaperFaults(seed);
        api = BinanceApiServer.start(venue, faults, clock, 1_000_000, 0);
        cipher = CredentialCipher.fromJsonKeysets(CredentialKeysets.newPrivateKeyset(), null);

        orders = new OrderRepository(dsl);
        portfolios = new PortfolioRepository(dsl);
        signals = new SignalRepository(dsl);
        auditLog = new AuditLog(dsl);
        ConnectionRepository connections = new ConnectionRepository(dsl);
        AlgorithmRepository algorithms = new AlgorithmRepository(dsl);
        LedgerRepository ledger = new LedgerRepository(dsl);
        AccountStreamRepository streamRecords = new AccountStreamRepository(dsl);
        CredentialVault vault = new CredentialVault(Optional.of(cipher), connections);
        // Timeouts shorter than the venue's LATENCY fault would make it a lost answer instead.
        ExchangeGateways gateways = new ExchangeGateways(List.of(new BinanceGateway(
                Exchange.PAPER,
                new RestEndpoint(URI.create(api.baseUrl()), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                GatewayTestSupport.limiter(Exchange.PAPER, RateLimit.perSecond(10_000), RateLimit.perSecond(10_000)),
                clock)));
        OrderExchangeCalls exchange = new OrderExchangeCalls(gateways, mock(KeyRevocations.class));
        OrderRowCheck rows = new OrderRowCheck(orders, portfolios, algorithms, auditLog);
        // Every order may be the whole portfolio and the rate limit never bites: the ledger and the portfolio's state
        // decide, as in LedgerPropertiesIT; the notional and rate rules have RiskPolicyTest.
        RiskDefaults limitless = new RiskDefaults(BigDecimal.ONE, BigDecimal.ONE, 1_000_000, BigDecimal.ONE);
        // The application's default headroom for market buys: what the "never spends more than it had" property
        // holds against.
        MarketBuyMargin marketBuyMargin = new MarketBuyMargin(new BigDecimal("0.02"));
        PreTradeCheck preTrade = new PreTradeCheck(
                orders,
                portfolios,
                connections,
                vault,
                exchange,
                clock,
                limitless,
                auditLog,
                new LivePrices(livePricesClock),
                new OrderLedger(ledger),
                new StoredAccountReads(dsl, streamRecords),
                transactions(dsl),
                marketBuyMargin);
        OrderActivitiesImpl orderActivities = new OrderActivitiesImpl(
                orders,
                vault,
                exchange,
                auditLog,
                rows,
                preTrade,
                new SignalToVenueLatency(signals, clock, new SimpleMeterRegistry()));

        temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new ChildrenAwaited())
                        .build())
                .build());
        for (String attribute : KEYWORD_ATTRIBUTES) {
            temporal.registerSearchAttribute(attribute, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
        client = temporal.getWorkflowClient();
        Worker worker = temporal.newWorker(TaskQueues.ORDERS);
        worker.registerWorkflowImplementationTypes(
                OrderWorkflowImpl.class, SignalWorkflowImpl.class, FlattenWorkflowImpl.class);
        worker.registerActivitiesImplementations(orderActivities);
        worker.registerActivitiesImplementations(new OrderStreamActivitiesImpl(rows, orders, streamRecords));
        worker.registerActivitiesImplementations(new SignalActivitiesImpl(
                signals,
                orders,
                vault,
                gateways,
                auditLog,
                new OrderStarter(client),
                new StreamedOrders(false, Duration.ofHours(1), null),
                marketBuyMargin,
                new OrderNotices(orders, portfolios, mock(Notifier.class))));
        worker.registerActivitiesImplementations(
                new FlattenActivitiesImpl(orders, portfolios, connections, vault, gateways, auditLog, ledger));
        temporal.newWorker(TaskQueues.NOTIFICATIONS).registerActivitiesImplementations(new NoNotices());
        temporal.start();
    }

    /**
     * Opens a new book's market: the venue's price jumps to {@code price}, and every venue price the order path has
     * cached ({@link LivePrices}) ages past its freshness, so no read of the last book's market values this book's
     * orders. Without it, a book opened within a second of a buy priced in a market that had risen refused its own buy
     * stops as "at or below the market price" (CI failed so on 2026-12-01; {@link
     * WorkflowPropertiesIT#aGapPastABuyStopSpendsNoMoreThanTheFunds} makes that book on purpose).
     */
    void openMarket(BigDecimal price, BigDecimal depthPerLevel) {
        venue.setMarket(VENUE_SYMBOL, price, depthPerLevel);
        livePricesClock.advance(LivePrices.FRESH_FOR.plusMillis(1));
    }

    @Override
    public void close() throws Exception {
        temporal.close();
        api.close();
        schema.close();
    }

    /** Spring's transaction callback on jOOQ's thread-bound transaction: the repositories' DSLContext joins it. */
    private static TransactionOperations transactions(DSLContext dsl) {
        return new TransactionOperations() {
            @Override
            public <T> T execute(org.springframework.transaction.support.TransactionCallback<T> action) {
                return dsl.transactionResult(configuration -> action.doInTransaction(new SimpleTransactionStatus()));
            }
        };
    }

    /**
     * A fixed set of connections to the test schema, and transactions bound to the thread as Spring's are: a
     * transaction takes a connection for its thread, every statement of that thread runs on it, and a transaction
     * begun inside another is a savepoint of it (as SpringTransactionProvider's nested propagation makes it).
     */
    private static final class Pool implements ConnectionProvider, TransactionProvider {

        private final BlockingQueue<Connection> idle;
        private final ThreadLocal<Connection> bound = new ThreadLocal<>();
        private final ThreadLocal<Deque<Savepoint>> savepoints = ThreadLocal.withInitial(ArrayDeque::new);

        Pool(TestSchema schema, int size) throws Exception {
            idle = new ArrayBlockingQueue<>(size);
            for (int i = 0; i < size; i++) {
                // Closed with the schema, which opened them.
                idle.add(schema.connections()
                        .open()
                        .configuration()
                        .connectionProvider()
                        .acquire());
            }
        }

        @Override
        public Connection acquire() {
            Connection connection = bound.get();
            return connection != null ? connection : take();
        }

        @Override
        public void release(Connection connection) {
            if (connection != bound.get()) {
                idle.add(connection);
            }
        }

        @Override
        public void begin(TransactionContext context) {
            try {
                Connection connection = bound.get();
                if (connection == null) {
                    connection = take();
                    connection.setAutoCommit(false);
                    bound.set(connection);
                    savepoints.get().push(NO_SAVEPOINT);
                } else {
                    savepoints.get().push(connection.setSavepoint());
                }
            } catch (SQLException e) {
                throw new DataAccessException("could not begin", e);
            }
        }

        @Override
        public void commit(TransactionContext context) {
            end(true);
        }

        @Override
        public void rollback(TransactionContext context) {
            end(false);
        }

        private void end(boolean commit) {
            Connection connection = bound.get();
            Savepoint savepoint = savepoints.get().pop();
            try {
                if (savepoint != NO_SAVEPOINT) {
                    if (commit) {
                        connection.releaseSavepoint(savepoint);
                    } else {
                        connection.rollback(savepoint);
                    }
                    return;
                }
                try {
                    if (commit) {
                        connection.commit();
                    } else {
                        connection.rollback();
                    }
                } finally {
                    connection.setAutoCommit(true);
                    bound.remove();
                    idle.add(connection);
                }
            } catch (SQLException e) {
                throw new DataAccessException(commit ? "could not commit" : "could not roll back", e);
            }
        }

        private Connection take() {
            try {
                Connection connection = idle.poll(30, TimeUnit.SECONDS);
                if (connection == null) {
                    throw new IllegalStateException("no database connection free for 30 s");
                }
                return connection;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Marks the outermost transaction of a thread on the savepoint stack. */
        private static final Savepoint NO_SAVEPOINT = new Savepoint() {
            @Override
            public int getSavepointId() {
                return 0;
            }

            @Override
            public String getSavepointName() {
                return "outermost";
            }
        };
    }

    /** The owner's notice that an order ended: not money, and its delivery has tests of its own. */
    private static final class NoNotices implements NotificationActivities {
        @Override
        public void orderEnded(String orderId) {}

        @Override
        public void deliver(String deliveryId) {}

        @Override
        public void giveUp(String deliveryId, String reason) {}
    }
}
