package com.algomarket.activities.orders;

import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.LedgerOperation.Cancel;
import com.algomarket.activities.orders.LedgerOperation.Fill;
import com.algomarket.activities.orders.LedgerOperation.ImportTrades;
import com.algomarket.activities.orders.LedgerOperation.Kill;
import com.algomarket.activities.orders.LedgerOperation.Place;
import com.algomarket.activities.orders.LedgerOperation.Resume;
import com.algomarket.activities.orders.LedgerOperation.Together;
import com.algomarket.activities.orders.RiskPolicy.OrderFacts;
import com.algomarket.db.ledger.LedgerFunds;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.portfolios.RiskLimits;
import com.algomarket.db.support.NewOrders;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.RiskDecision;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Two portfolios of one user (size 1,000 EUR each) on the real database, driven by {@link LedgerOperation}s through
 * the real pre-trade path (RiskPolicy's rules, then OrderLedger's reservation under the portfolio's lock) and the real
 * repositories (order updates, fill imports, kill), beside a model of what the venue did: each order's quantity,
 * what the venue filled and what was imported. After each operation it checks the ledger against the rules of issue
 * 13 and against the model.
 */
final class LedgerBook {

    static final String SYMBOL = "BTC/EUR";
    static final BigDecimal SIZE = new BigDecimal("1000");
    private static final BigDecimal NO_LIMIT = new BigDecimal("1000000000");
    /** Only the ledger and the portfolio's state decide here: the notional and rate limits have tests of their own. */
    private static final RiskLimits LIMITLESS = new RiskLimits(NO_LIMIT, NO_LIMIT, 1_000_000, NO_LIMIT);

    private static final BigDecimal TOLERANCE = new BigDecimal("0.000000001");

    /** One order as the model knows it. */
    private static final class Order {
        final NewOrder row;
        final UUID id;
        final int portfolio;
        final Place asked;
        boolean approved;
        BigDecimal venueFilled = BigDecimal.ZERO;
        BigDecimal filledValue = BigDecimal.ZERO;
        BigDecimal imported = BigDecimal.ZERO;
        final List<ImportedFill> pending = new ArrayList<>();
        OrderStatus venueFinal;
        boolean rowFinal;

        Order(NewOrder row, Place asked) {
            this.row = row;
            this.id = row.id();
            this.portfolio = asked.portfolio();
            this.asked = asked;
        }

        boolean openAtVenue() {
            return approved && venueFinal == null;
        }

        /** What the ledger must still hold for it: the rule of LedgerRepository, from the model's side. */
        BigDecimal reservedQuantity() {
            if (!approved) {
                return BigDecimal.ZERO;
            }
            BigDecimal basis = rowFinal ? venueFilled : asked.quantity();
            return basis.subtract(imported).max(BigDecimal.ZERO);
        }
    }

    /** What a sequence did, for the report: orders approved and refused, pairs checked at once. */
    record Counts(int approved, int refused, int pairs) {}

    private final DSLContext dsl;
    private final List<DSLContext> sides;
    private final ExecutorService threads;
    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final LedgerRepository ledger;
    private final UUID user;
    private final List<UUID> portfolioIds = new ArrayList<>();
    private final boolean[] killed = new boolean[2];
    private final List<Order> book = new ArrayList<>();
    private int trades;
    private int approved;
    private int refused;
    private int pairs;

    /** {@code sides}: two more connections, for the pairs checked at once. */
    LedgerBook(DSLContext dsl, List<DSLContext> sides, ExecutorService threads) {
        this.dsl = dsl;
        this.sides = sides;
        this.threads = threads;
        this.orders = new OrderRepository(dsl);
        this.portfolios = new PortfolioRepository(dsl);
        this.ledger = new LedgerRepository(dsl);
        PortfolioRows.Owned first = PortfolioRows.insert(dsl);
        this.user = first.user();
        portfolioIds.add(first.portfolio());
        portfolioIds.add(secondPortfolioOf(first));
    }

    Counts counts() {
        return new Counts(approved, refused, pairs);
    }

    void apply(LedgerOperation operation) throws Exception {
        switch (operation) {
            case Place asked -> place(asked);
            case Together together -> placeTogether(together.first(), together.second());
            case Fill fill -> fill(fill);
            case ImportTrades importing -> importTrades(importing.portfolio());
            case Cancel cancel -> openOrder(cancel.portfolio(), cancel.order()).ifPresent(this::cancel);
            case Kill kill -> kill(kill.portfolio());
            case Resume resume -> {
                portfolios.changeStatus(
                        portfolioIds.get(resume.portfolio()),
                        user,
                        List.of(PortfolioStatus.KILLED),
                        PortfolioStatus.ACTIVE,
                        null);
                killed[resume.portfolio()] = false;
            }
        }
    }

    private void place(Place asked) {
        Order order = intent(asked);
        record(order, check(dsl, order));
    }

    /** Both intents first, then both checks from their own connections, released together. */
    private void placeTogether(Place first, Place second) throws Exception {
        pairs++;
        Order one = intent(first);
        Order two = intent(second);
        CyclicBarrier together = new CyclicBarrier(2);
        Future<RiskDecision> oneChecked = threads.submit(() -> {
            together.await(20, TimeUnit.SECONDS);
            return check(sides.get(0), one);
        });
        Future<RiskDecision> twoChecked = threads.submit(() -> {
            together.await(20, TimeUnit.SECONDS);
            return check(sides.get(1), two);
        });
        record(one, oneChecked.get(30, TimeUnit.SECONDS));
        record(two, twoChecked.get(30, TimeUnit.SECONDS));
    }

    private Order intent(Place asked) {
        UUID id = UUID.randomUUID();
        NewOrder row = new NewOrder(
                id,
                portfolioIds.get(asked.portfolio()),
                null,
                "a1a0c0de-" + id.toString().substring(9),
                Exchange.PAPER,
                SYMBOL,
                asked.buy() ? Side.BUY : Side.SELL,
                OrderType.LIMIT,
                TimeInForce.GTC,
                asked.quantity(),
                BigDecimal.valueOf(asked.price()),
                null,
                "order-" + id);
        orders.insertIntent(row);
        Order order = new Order(row, asked);
        book.add(order);
        return order;
    }

    /** The order activity's pre-trade path without the exchange: the state and limit rules, then the ledger. */
    private RiskDecision check(DSLContext on, Order order) {
        UUID portfolioId = portfolioIds.get(order.portfolio);
        Portfolio portfolio = new PortfolioRepository(on).find(portfolioId).orElseThrow();
        OrderFacts facts = new OrderFacts(
                SYMBOL,
                order.asked.buy(),
                false,
                order.asked.quantity(),
                BigDecimal.valueOf(order.asked.price()),
                portfolio.status(),
                true,
                ConnectionStatus.ACTIVE,
                new OrderRepository(on).positionQuantity(portfolioId, SYMBOL),
                0,
                BigDecimal.ZERO);
        RiskDecision limits = RiskPolicy.checkLimits(facts, LIMITLESS);
        if (!limits.approved()) {
            return limits;
        }
        return new OrderLedger(new LedgerRepository(on))
                .reserve(
                        order.row,
                        facts.buy() ? facts.referencePrice() : null,
                        funds -> RiskPolicy.checkLedger(facts, funds));
    }

    private void record(Order order, RiskDecision decision) {
        assertThat(killed[order.portfolio] && decision.approved())
                .as("%s approved although its portfolio was KILLED before it was checked", order.asked)
                .isFalse();
        order.approved = decision.approved();
        if (decision.approved()) {
            approved++;
            orders.update(order.id, new OrderChange(OrderStatus.PENDING, "x-" + order.id, BigDecimal.ZERO, null, null));
        } else {
            refused++;
            order.rowFinal = true;
            order.venueFinal = OrderStatus.REJECTED;
            orders.update(order.id, new OrderChange(OrderStatus.REJECTED, null, null, null, decision.reason()));
        }
    }

    private void fill(Fill fill) {
        openOrder(fill.portfolio(), fill.order()).ifPresent(order -> {
            BigDecimal left = order.asked.quantity().subtract(order.venueFilled);
            BigDecimal quantity = fill.percent() >= 100
                    ? left
                    : left.multiply(BigDecimal.valueOf(fill.percent()))
                            .divide(BigDecimal.valueOf(100), 4, RoundingMode.DOWN)
                            .max(new BigDecimal("0.0001"))
                            .min(left);
            BigDecimal limit = BigDecimal.valueOf(order.asked.price());
            // A buy fills at or under its limit (its reserved price), a sell at its limit.
            BigDecimal price = order.asked.buy()
                    ? limit.multiply(BigDecimal.valueOf(100 - fill.belowLimit()))
                            .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN)
                    : limit;
            order.pending.add(NewOrders.fill(
                    "t-" + ++trades, price.toPlainString(), quantity.toPlainString(), OffsetDateTime.now()));
            order.venueFilled = order.venueFilled.add(quantity);
            order.filledValue = order.filledValue.add(quantity.multiply(price));
            boolean whole = order.venueFilled.compareTo(order.asked.quantity()) == 0;
            if (whole) {
                order.venueFinal = OrderStatus.FILLED;
            }
            // As the order workflow records it: a final status is stored only once its fills are imported.
            orders.update(
                    order.id,
                    new OrderChange(
                            OrderStatus.PARTIALLY_FILLED,
                            null,
                            order.venueFilled,
                            order.filledValue.divide(order.venueFilled, 8, RoundingMode.HALF_EVEN),
                            null));
        });
    }

    private void importTrades(int portfolio) {
        for (Order order : book) {
            if (order.portfolio != portfolio) {
                continue;
            }
            for (ImportedFill trade : order.pending) {
                assertThat(orders.importFill(order.id, portfolioIds.get(portfolio), SYMBOL, order.asked.buy(), trade))
                        .as("trade %s imported once", trade.tradeId())
                        .isTrue();
                order.imported = order.imported.add(trade.quantity());
            }
            order.pending.clear();
            if (order.venueFinal == OrderStatus.FILLED && !order.rowFinal) {
                order.rowFinal = true;
                orders.update(order.id, new OrderChange(OrderStatus.FILLED, null, order.venueFilled, null, null));
            }
        }
    }

    /** As reconciliation may: the final status written before the order's trades are imported. */
    private void cancel(Order order) {
        order.venueFinal = OrderStatus.CANCELLED;
        order.rowFinal = true;
        orders.update(order.id, new OrderChange(OrderStatus.CANCELLED, null, order.venueFilled, null, "cancelled"));
    }

    private void kill(int portfolio) {
        portfolios.kill(user, List.of(portfolioIds.get(portfolio)), "property test");
        killed[portfolio] = true;
        book.stream()
                .filter(order -> order.portfolio == portfolio && order.openAtVenue())
                .toList()
                .forEach(this::cancel);
    }

    private Optional<Order> openOrder(int portfolio, int index) {
        List<Order> open = book.stream()
                .filter(order -> order.portfolio == portfolio && order.openAtVenue())
                .toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.get(index % open.size()));
    }

    /** Every open order cancelled and every trade imported: the book at rest. */
    void settle() {
        for (int portfolio = 0; portfolio < 2; portfolio++) {
            int settling = portfolio;
            book.stream()
                    .filter(order -> order.portfolio == settling && order.openAtVenue())
                    .toList()
                    .forEach(this::cancel);
            importTrades(portfolio);
        }
        assertThat(book)
                .allSatisfy(order -> assertThat(order.reservedQuantity())
                        .as("%s reserves nothing once final and imported", order.asked)
                        .isEqualByComparingTo("0"));
    }

    /** The invariants, for both portfolios, after {@code step}. */
    void check(String step) {
        for (int portfolio = 0; portfolio < 2; portfolio++) {
            checkPortfolio(portfolio, step);
        }
    }

    private void checkPortfolio(int portfolio, String step) {
        UUID id = portfolioIds.get(portfolio);
        LedgerFunds funds = ledger.funds(id, new UUID(0, 0), SYMBOL);
        String where = "p" + portfolio + " after " + step;
        assertThat(funds.freeQuote())
                .as("%s: free EUR (no buy may reserve beyond the free funds)", where)
                .isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(funds.position()).as("%s: position", where).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(funds.sellable())
                .as("%s: sellable (no sell may reserve more than the position)", where)
                .isGreaterThanOrEqualTo(BigDecimal.ZERO);
        assertThat(funds.position())
                .as("%s: position equals every imported fill (no lost update)", where)
                .isEqualByComparingTo(importedNet(portfolio));
        assertThat(funds.openSells())
                .as("%s: open sells reserve exactly what they have not sold yet (released when final)", where)
                .isEqualByComparingTo(reserved(portfolio, false));
        Record position = dsl.selectFrom(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(id).and(POSITIONS.SYMBOL.eq(SYMBOL)))
                .fetchOne();
        BigDecimal equity = position == null
                ? SIZE
                : SIZE.add(position.get(POSITIONS.REALIZED_PNL))
                        .subtract(position.get(POSITIONS.QUANTITY).multiply(position.get(POSITIONS.AVERAGE_COST)));
        assertThat(funds.freeQuote())
                .as("%s: free EUR is the equity less what open buys still reserve (released when final)", where)
                .isCloseTo(equity.subtract(reserved(portfolio, true)), Offset.offset(TOLERANCE));
    }

    private BigDecimal importedNet(int portfolio) {
        return book.stream()
                .filter(order -> order.portfolio == portfolio)
                .map(order -> order.asked.buy() ? order.imported : order.imported.negate())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Buys: the quote they reserve at their price; sells: the base quantity. */
    private BigDecimal reserved(int portfolio, boolean buys) {
        return book.stream()
                .filter(order -> order.portfolio == portfolio && order.asked.buy() == buys)
                .map(order -> buys
                        ? order.reservedQuantity().multiply(BigDecimal.valueOf(order.asked.price()))
                        : order.reservedQuantity())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** A second portfolio of the same user on the same connection, algorithm and purchase. */
    private UUID secondPortfolioOf(PortfolioRows.Owned first) {
        UUID second = UUID.randomUUID();
        dsl.execute(
                "insert into portfolios (id, user_id, purchase_id, connection_id, algorithm_id, size, quote_currency,"
                        + " status) select ?, user_id, purchase_id, connection_id, algorithm_id, size, quote_currency,"
                        + " 'ACTIVE' from portfolios where id = ?",
                second,
                first.portfolio());
        return second;
    }

    static ExecutorService newThreads() {
        return Executors.newFixedThreadPool(2);
    }
}
