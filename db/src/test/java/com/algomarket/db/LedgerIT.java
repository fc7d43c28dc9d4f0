package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.ledger.LedgerFunds;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.NewOrders;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.db.support.SchemaConnections;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger under concurrency, on a real PostgreSQL and separate connections: the check and the reservation of one
 * order hold the portfolio's row lock, so a second order of the portfolio is checked against the first's reservation;
 * and two first fills of a new position are both counted.
 */
@MigratedSchema("ledger_it")
class LedgerIT {

    private static final String SYMBOL = "BTC/EUR";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private static DSLContext dsl;
    private static SchemaConnections connections;
    private static OrderRepository orders;
    private static LedgerRepository ledger;

    @BeforeAll
    static void schema(
            DSLContext migrated,
            SchemaConnections more,
            OrderRepository orderRepository,
            LedgerRepository ledgerRepository) {
        dsl = migrated;
        connections = more;
        orders = orderRepository;
        ledger = ledgerRepository;
    }

    @Test
    void givenTwoSellsOfTheWholePosition_whenCheckedAtOnce_thenExactlyOneIsReserved() throws Exception {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        hold(portfolio, "0.2");
        UUID first = order(portfolio, Side.SELL, null);
        UUID second = order(portfolio, Side.SELL, null);

        List<Optional<String>> decisions = checkedWhileTheOtherWaits(
                portfolio,
                first,
                second,
                null,
                funds -> funds.sellable().compareTo(new BigDecimal("0.2")) >= 0
                        ? Optional.<String>empty()
                        : Optional.of("sellable " + funds.sellable()));

        assertThat(decisions).extracting(Optional::isEmpty).containsExactly(true, false);
        assertThat(decisions.get(1).orElseThrow()).isEqualTo("sellable 0E-18");
        assertThat(reserved(first)).isTrue();
        assertThat(reserved(second)).isFalse();
    }

    @Test
    void givenTwoBuysThatFitAloneButNotTogether_whenCheckedAtOnce_thenTheSecondIsRefused() throws Exception {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio(); // size 1000 EUR
        UUID first = order(portfolio, Side.BUY, null); // 0.2 BTC at 3000 EUR: 600 EUR each
        UUID second = order(portfolio, Side.BUY, null);
        BigDecimal price = new BigDecimal("3000");
        BigDecimal needed = new BigDecimal("0.2").multiply(price);
        assertThat(ledger.funds(portfolio, second, SYMBOL).freeQuote())
                .as("alone, each fits")
                .isGreaterThanOrEqualTo(needed);

        List<Optional<String>> decisions = checkedWhileTheOtherWaits(
                portfolio,
                first,
                second,
                price,
                funds -> funds.freeQuote().compareTo(needed) >= 0
                        ? Optional.<String>empty()
                        : Optional.of(
                                "free " + funds.freeQuote().stripTrailingZeros().toPlainString()));

        assertThat(decisions).extracting(Optional::isEmpty).containsExactly(true, false);
        assertThat(decisions.get(1).orElseThrow()).isEqualTo("free 400");
    }

    @Test
    void givenAFilledSellWhoseFillsAreNotImportedYet_thenItStillReservesWhatItSold() {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        hold(portfolio, "0.2");
        UUID sell = order(portfolio, Side.SELL, null);
        ledger.reserve(portfolio, sell, SYMBOL, null, funds -> Optional.empty());
        // A final status written before the order's trades are imported (the order workflow records it only after
        // its import; reconciliation need not).
        orders.update(sell, new OrderChange(OrderStatus.FILLED, "x-1", new BigDecimal("0.2"), null, null));

        assertThat(ledger.funds(portfolio, UUID.randomUUID(), SYMBOL).sellable())
                .isEqualByComparingTo("0");
        assertThat(ledger.openSells(portfolio)).containsOnlyKeys(SYMBOL);

        orders.importFill(sell, portfolio, SYMBOL, false, NewOrders.fill("t-s", "3000", "0.2", OffsetDateTime.now()));
        LedgerFunds funds = ledger.funds(portfolio, UUID.randomUUID(), SYMBOL);
        assertThat(funds.position()).isEqualByComparingTo("0");
        assertThat(funds.openSells()).isEqualByComparingTo("0");
        assertThat(ledger.openSells(portfolio)).isEmpty();
    }

    @Test
    void givenASellPlannedButNeverApproved_thenItReservesNothing() {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        hold(portfolio, "0.2");
        order(portfolio, Side.SELL, null);
        UUID approved = order(portfolio, Side.SELL, null);

        assertThat(ledger.openSells(portfolio)).isEmpty();
        ledger.reserve(portfolio, approved, SYMBOL, null, funds -> Optional.empty());
        assertThat(ledger.openSells(portfolio).get(SYMBOL)).isEqualByComparingTo("0.2");
    }

    @Test
    void givenTwoFirstFillsOfANewPosition_whenImportedAtOnce_thenBothAreCounted() throws Exception {
        UUID portfolio = PortfolioRows.insert(dsl).portfolio();
        UUID buy = order(portfolio, Side.BUY, null);
        UUID adopted = order(portfolio, Side.BUY, null);
        CyclicBarrier together = new CyclicBarrier(2);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Boolean> own = threads.submit(() -> importAfter(together, buy, "t-own", "1000"));
            Future<Boolean> reconciled = threads.submit(() -> importAfter(together, adopted, "t-rec", "2000"));
            assertThat(own.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(reconciled.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }

        Record position = dsl.selectFrom(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(portfolio))
                .fetchSingle();
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.2");
        // With each trade's 0.01 EUR of fee: (100 + 200 + 0.02) / 0.2.
        assertThat(position.get(POSITIONS.AVERAGE_COST)).isEqualByComparingTo("1500.1");
    }

    /**
     * Checks {@code first} and, once its check has read the funds and while it still holds the lock, {@code second}
     * from another connection; {@code first}'s check ends only when {@code second} waits on the portfolio's lock. Without
     * the lock, both would read the funds before either reserved.
     */
    private static List<Optional<String>> checkedWhileTheOtherWaits(
            UUID portfolio, UUID first, UUID second, BigDecimal price, Function<LedgerFunds, Optional<String>> check)
            throws Exception {
        LedgerRepository firstLedger = new LedgerRepository(connections.open());
        LedgerRepository secondLedger = new LedgerRepository(connections.open());
        CountDownLatch firstRead = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<Optional<String>> firstDecision =
                    threads.submit(() -> firstLedger.reserve(portfolio, first, SYMBOL, price, funds -> {
                        Optional<String> decision = check.apply(funds);
                        firstRead.countDown();
                        awaitSomeoneWaitingOnALock();
                        return decision;
                    }));
            assertThat(firstRead.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Future<Optional<String>> secondDecision =
                    threads.submit(() -> secondLedger.reserve(portfolio, second, SYMBOL, price, check));
            return List.of(
                    firstDecision.get(DEADLINE.toSeconds(), TimeUnit.SECONDS),
                    secondDecision.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }
    }

    /** Until another session of this database waits on a row lock; fails after the deadline. */
    private static void awaitSomeoneWaitingOnALock() {
        try {
            DSLContext observer = connections.open();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (observer.fetchCount(observer.select()
                            .from("pg_stat_activity")
                            .where("datname = current_database() and wait_event_type = 'Lock'"))
                    == 0) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the second check never waited on the portfolio's lock");
                }
                Thread.onSpinWait();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean importAfter(CyclicBarrier together, UUID order, String tradeId, String price)
            throws Exception {
        OrderRepository onItsOwnConnection = new OrderRepository(connections.open());
        together.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        return onItsOwnConnection.importFill(
                order,
                orderPortfolio(order),
                SYMBOL,
                true,
                NewOrders.fill(tradeId, price, "0.1", OffsetDateTime.now()));
    }

    private static UUID orderPortfolio(UUID order) {
        return dsl.select(ORDERS.PORTFOLIO_ID)
                .from(ORDERS)
                .where(ORDERS.ID.eq(order))
                .fetchSingle(ORDERS.PORTFOLIO_ID);
    }

    /** The portfolio holds {@code quantity} BTC, bought by a filled order at 1000 EUR. */
    private static void hold(UUID portfolio, String quantity) {
        UUID buy = order(portfolio, Side.BUY, null);
        orders.update(
                buy,
                new OrderChange(
                        OrderStatus.FILLED, "x-" + buy, new BigDecimal(quantity), new BigDecimal("1000"), null));
        orders.importFill(
                buy, portfolio, SYMBOL, true, NewOrders.fill("t-" + buy, "1000", quantity, OffsetDateTime.now()));
    }

    private static UUID order(UUID portfolio, Side side, BigDecimal limitPrice) {
        NewOrder order = NewOrders.paper(portfolio, side, OrderType.MARKET, TimeInForce.GTC, limitPrice);
        orders.insertIntent(order);
        return order.id();
    }

    private static boolean reserved(UUID order) {
        return dsl.select(ORDERS.RESERVED_AT)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(order))
                        .fetchSingle(ORDERS.RESERVED_AT)
                != null;
    }
}
