package com.algomarket.activities.orders;

import com.algomarket.activities.orders.LedgerOperation.Cancel;
import com.algomarket.activities.orders.LedgerOperation.Fill;
import com.algomarket.activities.orders.LedgerOperation.ImportTrades;
import com.algomarket.activities.orders.LedgerOperation.Kill;
import com.algomarket.activities.orders.LedgerOperation.Place;
import com.algomarket.activities.orders.LedgerOperation.Resume;
import com.algomarket.activities.orders.LedgerOperation.Together;
import com.algomarket.activities.support.PropertyRun;
import com.algomarket.db.support.TestSchema;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jooq.DSLContext;

/**
 * Issue 13's money invariants as properties of the real ledger on PostgreSQL: random sequences of orders (reserved
 * through RiskPolicy and OrderLedger under the portfolio's lock), venue fills at or under the limit, imports, cancels,
 * kills, resumes and pairs of orders checked at the same moment on two connections, on two portfolios of one user.
 * After every operation: no portfolio's free funds below zero (no buy reserved beyond them), no position or sellable
 * quantity below zero (no sell beyond the position), the position equal to the imported fills (no lost update), and
 * reservations exactly those of the orders not yet final and imported (released on final states); no order approved
 * once its portfolio is KILLED. At rest, nothing is reserved.
 *
 * <p>jqwik prints the seed of a failing run and shrinks it to the shortest sequence that still fails, printed one
 * operation per element ({@code p0 BUY 0.20 @ 3000}, {@code p0 fill open order #0 100% at 0% below its limit}).
 */
class LedgerPropertiesIT {

    private static TestSchema schema;
    private static List<DSLContext> sides;
    private static ExecutorService threads;
    private static PropertyRun run;
    private static final AtomicInteger approved = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();
    private static final AtomicInteger pairs = new AtomicInteger();

    @BeforeContainer
    static void migrate() throws Exception {
        schema = TestSchema.migrate("ledger_properties_it");
        sides = List.of(schema.connections().open(), schema.connections().open());
        threads = LedgerBook.newThreads();
        run = PropertyRun.start("LedgerPropertiesIT");
    }

    @AfterContainer
    static void report() throws Exception {
        try {
            run.report("(%d pairs at once), %d orders approved and %d refused"
                    .formatted(pairs.get(), approved.get(), refused.get()));
        } finally {
            threads.close();
            schema.close();
        }
    }

    // No edge cases: jqwik's would use up the tries on one-element sequences of minimal values; every try is random.
    @Property(tries = PropertyRun.SEQUENCES, shrinking = ShrinkingMode.FULL, edgeCases = EdgeCasesMode.NONE)
    void moneyInvariantsHoldAfterEveryOperation(@ForAll("sequences") List<LedgerOperation> sequence) throws Exception {
        LedgerBook book = new LedgerBook(schema.dsl(), sides, threads);
        int step = 0;
        for (LedgerOperation operation : sequence) {
            step++;
            book.apply(operation);
            book.check("step " + step + " (" + operation + ")");
        }
        book.settle();
        book.check("settling every order");
        run.tried(sequence.size());
        approved.addAndGet(book.counts().approved());
        refused.addAndGet(book.counts().refused());
        pairs.addAndGet(book.counts().pairs());
    }

    @Provide
    Arbitrary<List<LedgerOperation>> sequences() {
        Arbitrary<Integer> portfolio = Arbitraries.integers().between(0, 1);
        Arbitrary<Integer> order = Arbitraries.integers().between(0, 3);
        Arbitrary<LedgerOperation> operation = Arbitraries.frequencyOf(
                Tuple.of(4, placement(portfolio).map(LedgerOperation.class::cast)),
                Tuple.of(
                        4,
                        Combinators.combine(
                                        portfolio,
                                        order,
                                        percent(),
                                        Arbitraries.integers().between(0, 10))
                                .as(Fill::new)),
                Tuple.of(3, portfolio.map(ImportTrades::new)),
                Tuple.of(2, Combinators.combine(portfolio, order).as(Cancel::new)),
                Tuple.of(1, portfolio.map(Kill::new)),
                Tuple.of(1, portfolio.map(Resume::new)),
                Tuple.of(
                        3,
                        Combinators.combine(placement(portfolio), placement(portfolio))
                                .as(Together::new)));
        return operation.list().ofMinSize(1).ofMaxSize(24).withSizeDistribution(RandomDistribution.uniform());
    }

    /** 0.01 to 0.60 BTC at 500 to 6,000 EUR: against 1,000 EUR, some fit alone, fewer together. */
    private static Arbitrary<Place> placement(Arbitrary<Integer> portfolio) {
        Arbitrary<Integer> hundredths = Arbitraries.integers().between(1, 60);
        Arbitrary<Integer> price = Arbitraries.integers().between(5, 60).map(hundreds -> hundreds * 100);
        return Arbitraries.oneOf(
                Combinators.combine(portfolio, hundredths, price).as(Place::buy),
                Combinators.combine(portfolio, hundredths, price).as(Place::sell));
    }

    /** Mostly whole fills, so that positions build up and sells have something to sell. */
    private static Arbitrary<Integer> percent() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(100)),
                Tuple.of(2, Arbitraries.integers().between(1, 99)));
    }
}
