package com.algomarket.activities.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.VenueOperation.Fault;
import com.algomarket.activities.orders.VenueOperation.Kill;
import com.algomarket.activities.orders.VenueOperation.PriceMove;
import com.algomarket.activities.orders.VenueOperation.Resume;
import com.algomarket.activities.orders.VenueOperation.Signal;
import com.algomarket.activities.orders.VenueOperation.UserCancel;
import com.algomarket.activities.orders.VenueOperation.Wait;
import com.algomarket.activities.paper.PaperFaults.Kind;
import com.algomarket.activities.paper.PaperOrder;
import com.algomarket.activities.support.PropertyRun;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Run: {@code ./mvnw -B -o verify -Pit -DskipUnitTests=true -pl activities -am -Dit.test=WorkflowPropertiesIT
 * -Dfailsafe.failIfNoSpecifiedTests=false} with DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD (Temporal is the
 * in-process time-skipping test server); CI's {@code -Pit} runs it among the other ITs.
 *
 * <p>Time: from 2026-11-30 until {@link ChildrenAwaited}, runs took up to 25 minutes for 200 sequences, because the
 * test server stopped skipping time for good at the first flatten that started an order: the order is the flatten's
 * abandoned child, it ended after the flatten, and the time-skipping lock the server takes for telling a parent of
 * its child's end leaked (the server's lock count stayed at 2 instead of 1 from that sequence on, and every later
 * sequence took its waits and timeouts in real time: 10 s and 30 s each). Flattens that start orders are rare in
 * these sequences (a kill with the flatten after fills), so how slow a run was depended on how early the first one
 * came ({@link ChildrenAwaitedIT} makes one on purpose). With the children awaited, on this project's 2-core machine
 * shared with other builds: 200 sequences in 63.2 s at a load average of 7 to 10 (seed -2530922373039848073), in
 * 79.1 s at 8 to 10 with one flatten's order among them (seed 5749768605750385168), and in 89.0 s at 12 to 13 (seed
 * 8626478062963608094).
 *
 * <p>Issue 13's money invariants as properties of the whole order path: random sequences of signals (buy and sell;
 * market, limit and stop; sized by fraction or quantity), kills with and without the flatten, resumes, user cancels,
 * price moves and venue faults, on two portfolios sharing one connection, run by the real signal, order and flatten
 * workflows (Temporal's time-skipping test server) and their real activities, against the paper venue over HTTP and
 * the database ({@link TradingStack} says what is wired and what is not). After each sequence, once every workflow
 * has ended ({@link VenueBook#check}): no client order id twice at the venue; no portfolio ever sold more than it held
 * or spent more than its funds, trade by trade; no order of a killed portfolio reached the venue after the kill's
 * commit, but its flatten's; at rest every order is final, and each portfolio's position equals its venue trades, and
 * both together the venue's BTC balance.
 *
 * <p>jqwik prints the seed of every run and shrinks a failing one to the shortest sequence that still fails, printed
 * one operation per element ({@code signal SELL MARKET 50% of each portfolio for 30 s}, {@code kill p0 and flatten}).
 *
 * <p>It can fail, and did: its first runs shrank to {@code [BUY MARKET 10%, BUY MARKET 0.001 BTC, BUY MARKET 0.014
 * BTC]}, three market buys that together came to the portfolio's whole size at the price they were checked at, and
 * paid 1000.0998 of 1,000 EUR at the ask. Market buys have been reserved with {@link
 * com.algomarket.db.portfolios.MarketBuyMargin} since; 200 sequences passed after it (seed 64406348335537890).
 */
class WorkflowPropertiesIT {

    private static TradingStack stack;
    private static PropertyRun run;
    private static final AtomicInteger signals = new AtomicInteger();
    private static final AtomicInteger flattenOrders = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        stack = new TradingStack(13);
        run = PropertyRun.start("WorkflowPropertiesIT");
    }

    @AfterContainer
    static void report() throws Exception {
        try {
            run.report("(%d signals to two portfolios, %d orders of flattens), venue faults %s"
                    .formatted(signals.get(), flattenOrders.get(), stack.faults.injected()));
        } finally {
            stack.close();
        }
    }

    // No edge cases: jqwik's would spend the tries on one-element sequences of minimal values.
    @Property(tries = PropertyRun.SEQUENCES, shrinking = ShrinkingMode.FULL, edgeCases = EdgeCasesMode.NONE)
    void moneyInvariantsHoldAtRest(@ForAll("sequences") List<VenueOperation> sequence) {
        VenueBook book = new VenueBook(stack);
        for (VenueOperation operation : sequence) {
            book.apply(operation);
        }
        book.settle();
        book.check();
        run.tried(sequence.size());
        signals.addAndGet(book.signalsSent());
        flattenOrders.addAndGet(book.flattenOrders());
    }

    /**
     * A counterexample of the kind CI found (its seed was not kept), made on purpose: a buy stop that a 6 % jump
     * carries past the price its funds were reserved at. Each portfolio places a buy stop of 0.016 BTC at +1 %
     * (60,600), reserved at 61,812 (988.99 of its 1,000 EUR), and the market jumps 6 %. Sent as a STOP_LOSS, it filled
     * at 63,631.80 and each portfolio spent 1,018.11 of its 1,000 EUR; sent with {@link PriceProtection}'s limit, it
     * rests at 61,812 once triggered and is cancelled at its timeout.
     *
     * <p>It failed CI on 2026-12-01 without ever reaching the venue: it ran within a second of the property's last
     * sequence, whose market had risen, and the pre-trade check still held that market's ask (cached for a second):
     * both buy stops were refused as below the market. The book made first here reproduces that every time; {@link
     * TradingStack#openMarket} is the fix.
     */
    @Example
    void aGapPastABuyStopSpendsNoMoreThanTheFunds() {
        // The book before ends with a buy priced in a market that rose 6 %, as random sequences may: this book's stops
        // must be checked against its own market, not that one's (the order path caches venue prices for a second).
        VenueBook before = new VenueBook(stack);
        List.of(new PriceMove(6), new Signal(Side.BUY, OrderType.MARKET, 10, null, 0, 10))
                .forEach(before::apply);
        before.settle();
        // It was priced there: its buys reached the venue limited above where this book's stops will wait (60,600).
        assertThat(before.venueOrders())
                .isNotEmpty()
                .allSatisfy(buy -> assertThat(buy.price()).isGreaterThan(new BigDecimal("60600")));
        VenueBook book = new VenueBook(stack);
        book.apply(new Signal(Side.BUY, OrderType.STOP_LOSS, null, 1600, 1, 30));
        // The jump must come after both stops rest at the venue: a buy stop sent below the market is refused as one
        // that would trigger at once, and the test server's skipped time does not wait for a slow worker.
        // On failure it says why: each order's status and reason in the database.
        Await.until(
                Duration.ofSeconds(60),
                () -> new StopsPlaced(stopsAtTheVenue(book), book.orderOutcomes()),
                placed -> placed.atTheVenue().size() == 2);
        List.of(new PriceMove(6), new Wait(5)).forEach(book::apply);
        book.settle();

        book.check();

        // The fault struck: the stops were at the venue and the market jumped past their limits. Both were placed:
        // the venue locks 990 EUR for each (1,019 for a STOP_LOSS, so the second did not fit the account's 2,000).
        List<PaperOrder> stops = stopsAtTheVenue(book);
        assertThat(stops).hasSize(2).allSatisfy(stop -> {
            assertThat(stop.type()).isEqualTo("STOP_LOSS_LIMIT");
            assertThat(book.price()).isGreaterThan(stop.price());
        });
    }

    private record StopsPlaced(List<PaperOrder> atTheVenue, List<String> inTheDatabase) {}

    private static List<PaperOrder> stopsAtTheVenue(VenueBook book) {
        return book.venueOrders().stream()
                .filter(order -> order.stopPrice() != null)
                .toList();
    }

    /**
     * Waits and order timeouts stay short: every poll of a waiting order is a real HTTP call and a real database write,
     * and time skips only between them (a 90 s wait and 120 s timeouts made one run exceed 13 minutes).
     */
    @Provide
    Arbitrary<List<VenueOperation>> sequences() {
        Arbitrary<Integer> portfolio = Arbitraries.integers().between(0, 1);
        Arbitrary<VenueOperation> operation = Arbitraries.frequencyOf(
                Tuple.of(8, signal().map(VenueOperation.class::cast)),
                Tuple.of(
                        2,
                        Combinators.combine(portfolio, Arbitraries.of(true, false))
                                .as(Kill::new)),
                Tuple.of(2, portfolio.map(Resume::new)),
                Tuple.of(
                        2,
                        Combinators.combine(portfolio, Arbitraries.integers().between(0, 3))
                                .as(UserCancel::new)),
                Tuple.of(3, Arbitraries.integers().between(-6, 6).map(PriceMove::new)),
                Tuple.of(2, fault()),
                Tuple.of(2, Arbitraries.of(1, 5, 20).map(Wait::new)));
        return operation.list().ofMinSize(1).ofMaxSize(8).withSizeDistribution(RandomDistribution.uniform());
    }

    /**
     * 10 % to 100 % of each portfolio, or 0.001 to 0.02 BTC (60 to 1,200 EUR at the start): some fit, some do not, and
     * sells of a fraction sell that much of the position. Limits within 3 % of the market, stops 1 to 4 % away on the
     * side where they wait (a stop-limit's limit 1 % beyond its stop).
     */
    private static Arbitrary<Signal> signal() {
        Arbitrary<Side> side = Arbitraries.of(Side.BUY, Side.SELL);
        Arbitrary<OrderType> type = Arbitraries.frequency(
                Tuple.of(3, OrderType.MARKET),
                Tuple.of(2, OrderType.LIMIT),
                Tuple.of(1, OrderType.STOP_LOSS),
                Tuple.of(1, OrderType.STOP_LIMIT));
        Arbitrary<Integer> hundredths = Arbitraries.integers().between(1, 10).map(tenths -> tenths * 10);
        Arbitrary<Integer> quantity = Arbitraries.integers().between(1, 20).map(thousandths -> thousandths * 100);
        Arbitrary<Boolean> byFraction = Arbitraries.of(true, false);
        Arbitrary<Integer> offset = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> timeout = Arbitraries.of(10, 30);
        return Combinators.combine(
                        side, type, byFraction, hundredths, quantity, offset, Arbitraries.of(true, false), timeout)
                .as((s, t, fraction, h, q, o, below, seconds) -> new Signal(
                        s,
                        t,
                        fraction ? h : null,
                        fraction ? null : q,
                        switch (t) {
                            case MARKET -> 0;
                            case LIMIT -> below ? -o + 1 : o - 1;
                            // A stop waits below the market for a sell and above it for a buy.
                            case STOP_LOSS, STOP_LIMIT -> s == Side.SELL ? -o : o;
                            case TRAILING_STOP -> throw new IllegalStateException("not generated");
                        },
                        seconds));
    }

    private static Arbitrary<VenueOperation> fault() {
        Arbitrary<String> endpoint =
                Arbitraries.of("POST /api/v3/order", "GET /api/v3/order", "DELETE /api/v3/order", "*");
        Arbitrary<Kind> kind = Arbitraries.of(Kind.HTTP_5XX, Kind.HTTP_429, Kind.LOST_RESPONSE, Kind.LATENCY);
        return Combinators.combine(endpoint, kind, Arbitraries.integers().between(1, 3))
                .as(Fault::new);
    }
}
