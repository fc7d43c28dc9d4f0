package com.algomarket.activities.orders;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.VenueOperation.Fault;
import com.algomarket.activities.orders.VenueOperation.Kill;
import com.algomarket.activities.orders.VenueOperation.PriceMove;
import com.algomarket.activities.orders.VenueOperation.Resume;
import com.algomarket.activities.orders.VenueOperation.Signal;
import com.algomarket.activities.orders.VenueOperation.UserCancel;
import com.algomarket.activities.orders.VenueOperation.Wait;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.db.jooq.tables.records.OrdersRecord;
import com.algomarket.db.orders.OrderRepository.FollowedOrder;
import com.algomarket.db.portfolios.KillEpoch;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.killswitch.FlattenWorkflow;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.signals.SignalWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jooq.Record;

/**
 * One sequence's world: a user with two portfolios (1,000 EUR each) of one algorithm on one connection, whose key is
 * a new paper venue account holding the portfolios' 2,000 EUR and no BTC. {@link #apply} does what the API would do
 * for each operation (a signal is stored and its fan-out started as SignalService does; a kill is KillSwitch's steps:
 * KILLED in one transaction, then the open orders' workflows asked to cancel, then the epoch's flatten started);
 * {@link #settle} waits until every workflow has ended and {@link #check} compares the venue with the database.
 */
final class VenueBook {

    private static final BigDecimal SIZE = new BigDecimal("1000");
    private static final BigDecimal TOLERANCE = new BigDecimal("0.00000001");
    private static final Duration WORKFLOW_RESULT = Duration.ofMinutes(2);

    private final TradingStack stack;
    private final UUID user;
    private final UUID algorithm;
    private final List<UUID> portfolioIds = new ArrayList<>();
    private final PaperExchange.ApiKey key;
    private final Set<String> workflows = new LinkedHashSet<>();
    /** Per portfolio, the venue times (ms) from each kill's commit to the resume that ended it. */
    private final Map<Integer, List<long[]>> killedSpans = new HashMap<>();

    private int signalsSent;
    private int flattenOrders;

    VenueBook(TradingStack stack) {
        this.stack = stack;
        PortfolioRows.Owned first = PortfolioRows.insert(stack.dsl);
        user = first.user();
        portfolioIds.add(first.portfolio());
        UUID second = UUID.randomUUID();
        stack.dsl.execute(
                "insert into portfolios (id, user_id, purchase_id, connection_id, algorithm_id, size, quote_currency,"
                        + " status) select ?, user_id, purchase_id, connection_id, algorithm_id, size, quote_currency,"
                        + " 'ACTIVE' from portfolios where id = ?",
                second,
                first.portfolio());
        portfolioIds.add(second);
        Record row = stack.dsl.fetchOne(
                "select connection_id, algorithm_id from portfolios where id = ?", first.portfolio());
        UUID connection = row.get(0, UUID.class);
        algorithm = row.get(1, UUID.class);
        key = stack.venue.createKey(
                EnumSet.of(Permission.READ, Permission.TRADE), Map.of("EUR", SIZE.add(SIZE), "BTC", BigDecimal.ZERO));
        stack.dsl.execute(
                "update exchange_connections set api_key_ciphertext = ?, api_secret_ciphertext = ? where id = ?",
                stack.cipher.encrypt(key.apiKey(), connection, EncryptedCredentials.API_KEY_COLUMN),
                stack.cipher.encrypt(key.secret(), connection, EncryptedCredentials.API_SECRET_COLUMN),
                connection);
        stack.openMarket(new BigDecimal("60000"), new BigDecimal("0.5"));
    }

    int signalsSent() {
        return signalsSent;
    }

    /**
     * How many orders the sequence's flattens started, sent or refused before the venue (known after {@link #check}):
     * each is an abandoned child that ends after its flatten (see {@link ChildrenAwaited}).
     */
    int flattenOrders() {
        return flattenOrders;
    }

    void apply(VenueOperation operation) {
        switch (operation) {
            case Signal signal -> signal(signal);
            case Kill kill -> kill(kill);
            case Resume resume -> resume(resume.portfolio());
            case UserCancel cancel -> userCancel(cancel);
            case PriceMove move ->
                stack.venue.setMarket(
                        TradingStack.VENUE_SYMBOL,
                        price().multiply(BigDecimal.valueOf(100 + move.percent()))
                                .movePointLeft(2),
                        null);
            case Fault fault ->
                stack.faults.add(new com.algomarket.activities.paper.PaperFaults.Fault(
                        fault.endpoint(), fault.kind(), 1.0, Duration.ofMillis(50), fault.count()));
            case Wait wait -> stack.temporal.sleep(Duration.ofSeconds(wait.seconds()));
        }
    }

    /** Every order the sequence's account placed at the venue, oldest first. */
    List<PaperOrder> venueOrders() {
        return stack.venue.allOrders(key.apiKey());
    }

    /** The venue's BTC/EUR price now. */
    BigDecimal price() {
        return stack.venue.marketView(TradingStack.VENUE_SYMBOL).price();
    }

    /** A limit's price is the offset one; a stop-limit's limit lies 1 % beyond its stop, where it still fills. */
    private static BigDecimal limitPrice(Signal asked, BigDecimal offset) {
        return switch (asked.type()) {
            case LIMIT -> offset;
            case STOP_LIMIT ->
                offset.multiply(asked.side() == Side.BUY ? new BigDecimal("1.01") : new BigDecimal("0.99"))
                        .setScale(2, RoundingMode.HALF_UP);
            default -> null;
        };
    }

    /** As SignalService.accept: the signal's row, then its fan-out workflow. */
    private void signal(Signal asked) {
        UUID id = UUID.randomUUID();
        BigDecimal offset = price().multiply(BigDecimal.valueOf(100 + asked.offsetPercent()))
                .movePointLeft(2)
                .setScale(2, RoundingMode.HALF_UP);
        stack.signals.insert(
                new com.algomarket.db.signals.Signal(
                        id,
                        algorithm,
                        TradingStack.SYMBOL,
                        asked.side(),
                        asked.type(),
                        asked.hundredths() == null ? null : BigDecimal.valueOf(asked.hundredths(), 2),
                        asked.quantity() == null ? null : BigDecimal.valueOf(asked.quantity(), 5),
                        limitPrice(asked, offset),
                        asked.type() == OrderType.STOP_LOSS || asked.type() == OrderType.STOP_LIMIT ? offset : null,
                        asked.type() == OrderType.LIMIT || asked.type() == OrderType.STOP_LIMIT
                                ? TimeInForce.GTC
                                : null,
                        asked.timeoutSeconds(),
                        null,
                        null),
                "key-" + id);
        String workflowId = WorkflowIds.signal(id.toString());
        SignalWorkflow workflow = stack.client.newWorkflowStub(
                SignalWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setTypedSearchAttributes(SearchAttributes.newBuilder()
                                .set(SearchAttributeKeys.ALGORITHM_ID, algorithm.toString())
                                .build())
                        .build());
        WorkflowClient.start(workflow::run, id.toString());
        workflows.add(workflowId);
        signalsSent++;
    }

    /** KillSwitch.kill's steps, in its order. */
    private void kill(Kill asked) {
        List<UUID> ids = List.of(portfolioIds.get(asked.portfolio()));
        record Killed(List<KillEpoch> epochs, List<FollowedOrder> open) {}
        Killed killed = stack.dsl.transactionResult(configuration -> {
            stack.portfolios.kill(user, ids, "kill switch");
            return new Killed(stack.portfolios.killedEpochs(user, ids), stack.orders.openOrdersFollowed(ids));
        });
        // Committed: from this instant on the venue must see no new order of the portfolio but its flatten's.
        killedSpans
                .computeIfAbsent(asked.portfolio(), p -> new ArrayList<>())
                .add(new long[] {System.currentTimeMillis(), Long.MAX_VALUE});
        for (FollowedOrder order : killed.open()) {
            askToCancel(order.workflowId(), "kill switch");
        }
        if (asked.flatten()) {
            for (KillEpoch epoch : killed.epochs()) {
                startFlatten(epoch);
            }
        }
    }

    private void startFlatten(KillEpoch epoch) {
        String flattenId = "kill-" + epoch.epoch();
        String workflowId = WorkflowIds.flatten(epoch.portfolioId().toString(), flattenId);
        FlattenWorkflow flatten = stack.client.newWorkflowStub(
                FlattenWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setTaskQueue(TaskQueues.ORDERS)
                        .build());
        try {
            WorkflowClient.start(flatten::run, epoch.portfolioId().toString(), flattenId);
        } catch (WorkflowExecutionAlreadyStarted sameEpoch) {
            // A second kill of the same epoch: its flatten runs already, as KillSwitch leaves it.
        }
        workflows.add(workflowId);
    }

    private void resume(int portfolio) {
        boolean resumed = stack.portfolios.changeStatus(
                portfolioIds.get(portfolio), user, List.of(PortfolioStatus.KILLED), PortfolioStatus.ACTIVE, null);
        if (resumed) {
            for (long[] span : killedSpans.getOrDefault(portfolio, List.of())) {
                span[1] = Math.min(span[1], System.currentTimeMillis());
            }
        }
    }

    private void userCancel(UserCancel asked) {
        List<FollowedOrder> open = stack.orders.openOrdersFollowed(List.of(portfolioIds.get(asked.portfolio())));
        if (!open.isEmpty()) {
            askToCancel(open.get(asked.order() % open.size()).workflowId(), "cancelled by the user");
        }
    }

    private void askToCancel(String workflowId, String reason) {
        try {
            stack.client.newWorkflowStub(OrderWorkflow.class, workflowId).requestCancel(reason);
        } catch (WorkflowNotFoundException finished) {
            // Ended (or not started yet): the order is final or is still checked against the portfolio's status.
        }
    }

    /**
     * Clears the venue's faults and waits (in skipped time) until every workflow the sequence started has ended:
     * signals first, then the orders and flattens, again while any started more.
     */
    void settle() {
        stack.faults.clear();
        Set<String> ended = new LinkedHashSet<>();
        while (true) {
            Set<String> pending = new LinkedHashSet<>(workflows);
            pending.addAll(stack.dsl
                    .fetch(
                            "select workflow_id from orders where portfolio_id in (?, ?) and workflow_id is not null",
                            portfolioIds.get(0),
                            portfolioIds.get(1))
                    .getValues(0, String.class));
            pending.removeAll(ended);
            if (pending.isEmpty()) {
                return;
            }
            for (String workflowId : pending) {
                try {
                    stack.client
                            .newUntypedWorkflowStub(workflowId)
                            .getResult(WORKFLOW_RESULT.toSeconds(), TimeUnit.SECONDS, Object.class);
                } catch (WorkflowNotFoundException neverStarted) {
                    // An order refused while it was planned has a row and no workflow.
                } catch (WorkflowFailedException failed) {
                    throw new AssertionError("workflow " + workflowId + " failed", failed);
                } catch (java.util.concurrent.TimeoutException stuck) {
                    throw new AssertionError("workflow " + workflowId + " did not end", stuck);
                }
                ended.add(workflowId);
            }
        }
    }

    /** Each of the book's orders as the database has it ({@code REJECTED: buy stop ... is at or below ...}). */
    List<String> orderOutcomes() {
        return stack.dsl
                .select(ORDERS.STATUS, ORDERS.REASON)
                .from(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.in(portfolioIds))
                .fetch(row -> row.value1() + (row.value2() == null ? "" : ": " + row.value2()));
    }

    /** The invariants of issue 13, item 5, on what the venue did and what the database says. */
    void check() {
        Map<String, OrdersRecord> rows = stack.dsl
                .selectFrom(ORDERS)
                .where(ORDERS.PORTFOLIO_ID.in(portfolioIds))
                .fetchMap(ORDERS.CLIENT_ORDER_ID);
        List<PaperOrder> venueOrders = stack.venue.allOrders(key.apiKey());

        Map<String, Long> sent =
                venueOrders.stream().collect(Collectors.groupingBy(PaperOrder::clientOrderId, Collectors.counting()));
        sent.forEach((clientOrderId, times) -> assertThat(times)
                .as("orders at the venue with client order id %s", clientOrderId)
                .isEqualTo(1));

        Map<Long, Integer> portfolioOfVenueOrder = new HashMap<>();
        for (PaperOrder order : venueOrders) {
            OrdersRecord row = rows.get(order.clientOrderId());
            assertThat(row)
                    .as("the database's order of venue order %s", order.clientOrderId())
                    .isNotNull();
            int portfolio = portfolioIds.indexOf(row.get(ORDERS.PORTFOLIO_ID));
            portfolioOfVenueOrder.put(order.orderId(), portfolio);
            boolean flatten = row.get(ORDERS.WORKFLOW_ID).contains("-flatten-");
            for (long[] span : killedSpans.getOrDefault(portfolio, List.of())) {
                if (!flatten) {
                    assertThat(order.time() >= span[0] && order.time() < span[1])
                            .as(
                                    "p%d's order %s reached the venue at %d, after its kill at %d (resumed at %d)",
                                    portfolio, order.clientOrderId(), order.time(), span[0], span[1])
                            .isFalse();
                }
            }
            assertThat(order.status())
                    .as("venue order %s at rest", order.clientOrderId())
                    .isNotIn(PaperOrder.Status.NEW, PaperOrder.Status.PARTIALLY_FILLED);
        }

        BigDecimal[] held = {BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal[] spent = {BigDecimal.ZERO, BigDecimal.ZERO};
        List<PaperTrade> trades =
                stack.venue.trades(key.apiKey(), TradingStack.VENUE_SYMBOL, null, null, null, null, Integer.MAX_VALUE);
        for (PaperTrade trade : trades) {
            int p = portfolioOfVenueOrder.get(trade.orderId());
            held[p] = trade.buyer() ? held[p].add(trade.qty()) : held[p].subtract(trade.qty());
            spent[p] = trade.buyer() ? spent[p].add(trade.quoteQty()) : spent[p].subtract(trade.quoteQty());
            assertThat(held[p])
                    .as("p%d's BTC after venue trade %d (sold more than it held)", p, trade.id())
                    .isGreaterThanOrEqualTo(TOLERANCE.negate());
            assertThat(spent[p])
                    .as("p%d's EUR spent after venue trade %d (more than its funds)", p, trade.id())
                    .isLessThanOrEqualTo(SIZE.add(TOLERANCE));
        }

        for (OrdersRecord row : rows.values()) {
            if (String.valueOf(row.get(ORDERS.WORKFLOW_ID)).contains("-flatten-")) {
                flattenOrders++;
            }
            assertThat(row.get(ORDERS.STATUS).isFinal())
                    .as("order %s (%s) final at rest", row.get(ORDERS.WORKFLOW_ID), row.get(ORDERS.STATUS))
                    .isTrue();
        }
        BigDecimal[] btc = stack.venue.balances(key.apiKey()).get("BTC");
        BigDecimal venueBtc = btc == null ? BigDecimal.ZERO : btc[0].add(btc[1]);
        BigDecimal databaseBtc = BigDecimal.ZERO;
        for (int p = 0; p < 2; p++) {
            BigDecimal position = position(p);
            assertThat(position)
                    .as("p%d's position in the database against its venue trades", p)
                    .isCloseTo(held[p], org.assertj.core.data.Offset.offset(TOLERANCE));
            databaseBtc = databaseBtc.add(position);
        }
        assertThat(databaseBtc)
                .as("the database's positions against the venue's BTC balance")
                .isCloseTo(venueBtc, org.assertj.core.data.Offset.offset(TOLERANCE));
    }

    private BigDecimal position(int portfolio) {
        BigDecimal quantity = stack.dsl
                .select(POSITIONS.QUANTITY)
                .from(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(portfolioIds.get(portfolio)))
                .and(POSITIONS.SYMBOL.eq(TradingStack.SYMBOL))
                .fetchOne(POSITIONS.QUANTITY);
        return quantity == null ? BigDecimal.ZERO : quantity;
    }
}
