package com.algomarket.api.crash;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.api.support.TestUsers;
import com.algomarket.db.jooq.tables.records.FillsRecord;
import com.algomarket.db.jooq.tables.records.OrdersRecord;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import com.google.protobuf.util.Timestamps;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * One crash run's subscribers, signals and final accounting, against an app that may be down at any moment: every
 * REST call is retried with the same Idempotency-Key until it is answered, and the checks read the venue and the
 * database directly.
 */
final class CrashRun implements AutoCloseable {

    static final Duration FINAL_DEADLINE = Duration.ofMinutes(5);
    private static final Duration CALL_DEADLINE = Duration.ofMinutes(3);
    private static final Set<OrderStatus> FINAL =
            EnumSet.of(OrderStatus.FILLED, OrderStatus.CANCELLED, OrderStatus.REJECTED, OrderStatus.EXPIRED);

    private final PaperExchange venue;
    private final Http anonymous;
    private final Function<String, List<String>> inbox;
    private final Connection connection;
    private final DSLContext dsl;
    private final List<Subscriber> subscribers = new ArrayList<>();
    // Appended by a posting thread while the kill loop reads it.
    private final List<String> signalIds = new CopyOnWriteArrayList<>();
    private Http developer;
    private String algorithmId;

    CrashRun(PaperExchange venue, int appPort, Function<String, List<String>> inbox) throws SQLException {
        this.venue = venue;
        this.anonymous = new Http(appPort);
        this.inbox = inbox;
        this.connection = ServerEnvironment.owner().connect();
        this.dsl = DSL.using(connection, SQLDialect.POSTGRES);
    }

    /** While the app is up: a developer's algorithm and {@code count} subscribed portfolios of 1,000 EUR. */
    void subscribe(int count) {
        TestUsers users = new TestUsers(anonymous, inbox);
        developer = users.verified("DEVELOPER").http();
        algorithmId = PaperSubscribers.algorithm(developer);
        PaperSubscribers paper = new PaperSubscribers(users, venue);
        for (int i = 0; i < count; i++) {
            subscribers.add(paper.subscribe(algorithmId, "1000"));
        }
    }

    /** Posts a market buy of 0.001 BTC, retrying through outages with the same Idempotency-Key. */
    String postBuy() {
        return postSignal("""
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""");
    }

    /** Posts a signal of the run's algorithm, retrying through outages with the same Idempotency-Key. */
    String postSignal(String json) {
        String signalId = PaperSubscribers.signalUntilAccepted(developer, algorithmId, json, CALL_DEADLINE);
        signalIds.add(signalId);
        return signalId;
    }

    List<Subscriber> subscribers() {
        return List.copyOf(subscribers);
    }

    /** The status of the one order a signal of the run made for {@code subscriber}; empty before the fan-out wrote it. */
    Optional<OrderStatus> orderStatus(Subscriber subscriber, String signalId) {
        return dsl.select(ORDERS.STATUS)
                .from(ORDERS)
                .where(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                .and(ORDERS.PORTFOLIO_ID.eq(UUID.fromString(subscriber.portfolioId())))
                .fetchOptional(ORDERS.STATUS);
    }

    int expectedOrders() {
        return signalIds.size() * subscribers.size();
    }

    /** Orders of this run, by status. */
    Map<OrderStatus, Integer> ordersByStatus() {
        return dsl.select(ORDERS.STATUS, DSL.count())
                .from(ORDERS)
                .where(ORDERS.SIGNAL_ID.in(signalUuids()))
                .groupBy(ORDERS.STATUS)
                .fetchMap(ORDERS.STATUS, r -> r.value2());
    }

    /** The latest change to any order of the run: recovery after a restart shows as this moving on. */
    java.time.OffsetDateTime lastOrderChange() {
        return dsl.select(DSL.max(ORDERS.UPDATED_AT))
                .from(ORDERS)
                .where(ORDERS.SIGNAL_ID.in(signalUuids()))
                .fetchOne(0, java.time.OffsetDateTime.class);
    }

    /**
     * Orders of the run that are not final yet, counting those a signal's fan-out has not even recorded: a kill that
     * lands while this is above zero interrupts orders in flight.
     */
    int openOrders() {
        int finished = ordersByStatus().entrySet().stream()
                .filter(entry -> FINAL.contains(entry.getKey()))
                .mapToInt(Map.Entry::getValue)
                .sum();
        return expectedOrders() - finished;
    }

    /**
     * Waits until every order of the run is in the database and final, then checks it against the venue: exactly
     * {@code expectedFilled} orders FILLED (a run where every order ended REJECTED must not pass), each client order id
     * placed once, every venue order known to the database and every database fill a venue trade, no database order
     * claiming fills its venue order lacks, and each position equal to the venue's balance.
     */
    String verify(int expectedFilled) {
        int expected = expectedOrders();
        Await.until(
                FINAL_DEADLINE,
                this::ordersByStatus,
                statuses -> statuses.entrySet().stream()
                                .filter(entry -> FINAL.contains(entry.getKey()))
                                .mapToInt(Map.Entry::getValue)
                                .sum()
                        == expected);

        List<OrdersRecord> orders =
                dsl.selectFrom(ORDERS).where(ORDERS.SIGNAL_ID.in(signalUuids())).fetch();
        Map<String, OrdersRecord> ordersByClientId =
                orders.stream().collect(Collectors.toMap(order -> order.get(ORDERS.CLIENT_ORDER_ID), order -> order));
        Map<String, PaperOrder> venueByClientId = new HashMap<>();
        int venueOrders = 0;
        int duplicates = 0;
        int unknownToDatabase = 0;
        int fillMismatches = 0;
        int venueTrades = 0;
        int databaseFills = 0;
        int positionMismatches = 0;
        for (Subscriber subscriber : subscribers) {
            List<PaperOrder> placed = venue.allOrders(subscriber.key().apiKey());
            venueOrders += placed.size();
            Map<String, Long> perClientId =
                    placed.stream().collect(Collectors.groupingBy(PaperOrder::clientOrderId, Collectors.counting()));
            duplicates += (int)
                    perClientId.values().stream().filter(count -> count > 1).count();
            placed.forEach(order -> venueByClientId.put(order.clientOrderId(), order));
            for (PaperOrder order : placed) {
                OrdersRecord row = ordersByClientId.get(order.clientOrderId());
                if (row == null) {
                    unknownToDatabase++;
                    continue;
                }
                List<PaperTrade> trades =
                        venue.trades(subscriber.key().apiKey(), "BTCEUR", order.orderId(), null, null, null, 1000);
                venueTrades += trades.size();
                List<FillsRecord> fills = dsl.selectFrom(FILLS)
                        .where(FILLS.ORDER_ID.eq(row.get(ORDERS.ID)))
                        .fetch();
                databaseFills += fills.size();
                BigDecimal venueQuantity =
                        trades.stream().map(PaperTrade::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal fillQuantity =
                        fills.stream().map(fill -> fill.get(FILLS.QUANTITY)).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (trades.size() != fills.size()
                        || venueQuantity.compareTo(fillQuantity) != 0
                        || venueQuantity.compareTo(row.get(ORDERS.FILLED_QUANTITY)) != 0) {
                    fillMismatches++;
                }
            }
            BigDecimal btc = venue.balances(subscriber.key().apiKey())
                    .getOrDefault("BTC", new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO})[0];
            BigDecimal position = dsl.select(POSITIONS.QUANTITY)
                    .from(POSITIONS)
                    .where(POSITIONS.PORTFOLIO_ID.eq(UUID.fromString(subscriber.portfolioId())))
                    .fetchOptional(POSITIONS.QUANTITY)
                    .orElse(BigDecimal.ZERO);
            if (btc.compareTo(position) != 0) {
                positionMismatches++;
            }
        }
        // The other way round: an order the database says filled (in part) must have done so at the venue.
        int fillsTheVenueLacks = (int) orders.stream()
                .filter(row ->
                        row.get(ORDERS.FILLED_QUANTITY).signum() > 0 || row.get(ORDERS.STATUS) == OrderStatus.FILLED)
                .filter(row -> {
                    PaperOrder atVenue = venueByClientId.get(row.get(ORDERS.CLIENT_ORDER_ID));
                    return atVenue == null
                            || atVenue.executedQty().compareTo(row.get(ORDERS.FILLED_QUANTITY)) < 0
                            || atVenue.executedQty().signum() == 0;
                })
                .count();
        int filled = ordersByStatus().getOrDefault(OrderStatus.FILLED, 0);
        String report = String.format(
                Locale.ROOT,
                "orders final %d/%d %s, FILLED %d (expected %d); database orders claiming fills the venue lacks %d; "
                        + "venue orders %d, client order ids "
                        + "placed more than once %d, venue orders unknown to the database %d; venue trades %d, "
                        + "database fills %d, orders whose fills differ %d; portfolios whose position differs from "
                        + "the venue balance %d/%d",
                orders.size(),
                expected,
                ordersByStatus(),
                filled,
                expectedFilled,
                fillsTheVenueLacks,
                venueOrders,
                duplicates,
                unknownToDatabase,
                venueTrades,
                databaseFills,
                fillMismatches,
                positionMismatches,
                subscribers.size());
        assertThat(orders).as(report).hasSize(expected);
        assertThat(filled).as(report).isEqualTo(expectedFilled);
        assertThat(fillsTheVenueLacks).as(report).isZero();
        assertThat(duplicates).as(report).isZero();
        assertThat(unknownToDatabase).as(report).isZero();
        assertThat(venueTrades).as(report).isEqualTo(databaseFills);
        assertThat(fillMismatches).as(report).isZero();
        assertThat(positionMismatches).as(report).isZero();
        return report;
    }

    /**
     * How often an order's workflow task waited out the sticky schedule-to-start timeout (the worker that cached the
     * workflow had died), and for how long in all: what sticky queues cost recovery in this run.
     */
    String stickyTimeouts(String temporalAddress) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporalAddress)
                .build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(service);
            int timeouts = 0;
            long waitedMillis = 0;
            List<String> workflowIds = dsl.select(ORDERS.WORKFLOW_ID)
                    .from(ORDERS)
                    .where(ORDERS.SIGNAL_ID.in(signalUuids()))
                    .fetch(ORDERS.WORKFLOW_ID);
            for (String workflowId : workflowIds) {
                Map<Long, HistoryEvent> scheduled = new HashMap<>();
                for (HistoryEvent event : client.fetchHistory(workflowId).getEvents()) {
                    if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) {
                        scheduled.put(event.getEventId(), event);
                    }
                    if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
                            && event.getWorkflowTaskTimedOutEventAttributes().getTimeoutType()
                                    == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
                        timeouts++;
                        HistoryEvent task = scheduled.get(
                                event.getWorkflowTaskTimedOutEventAttributes().getScheduledEventId());
                        if (task != null) {
                            waitedMillis += Timestamps.toMillis(event.getEventTime())
                                    - Timestamps.toMillis(task.getEventTime());
                        }
                    }
                }
            }
            return String.format(
                    Locale.ROOT,
                    "sticky schedule-to-start timeouts %d in %d order workflows, %d ms " + "waited in all",
                    timeouts,
                    workflowIds.size(),
                    waitedMillis);
        } finally {
            service.shutdown();
        }
    }

    private List<UUID> signalUuids() {
        return signalIds.stream().map(UUID::fromString).toList();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
