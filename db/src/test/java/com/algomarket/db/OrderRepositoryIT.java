package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderIntent;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.NewOrders;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/**
 * Orders are read back as their intent was written and are open until final; fills are imported once per exchange
 * trade, and each new one moves the position. On a real PostgreSQL.
 */
@MigratedSchema("order_repository_it")
@RequiredArgsConstructor
class OrderRepositoryIT {

    private final DSLContext dsl;
    private final OrderRepository orders;
    private final OrderQueries queries;
    private final AccountStreamRepository streams;

    @Test
    void givenTradesImportedTwice_whenBuyingThenSelling_thenEachCountsOnceAndPnlIsRealized() {
        UUID portfolio = portfolio();
        UUID buy = order(portfolio, Side.BUY);
        UUID sell = order(portfolio, Side.SELL);

        assertThat(orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-1", "60000", "0.1")))
                .isTrue();
        assertThat(orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-1", "60000", "0.1")))
                .as("the same exchange trade again")
                .isFalse();
        assertThat(orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-2", "62000", "0.1")))
                .isTrue();
        assertThat(orders.fillCount(buy)).isEqualTo(2);

        Record position = position(portfolio);
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.2");
        // Each trade paid 0.01 EUR: (6000 + 6200 + 0.02) / 0.2.
        assertThat(position.get(POSITIONS.AVERAGE_COST)).isEqualByComparingTo("61000.1");

        assertThat(orders.importFill(sell, portfolio, "BTC/EUR", false, fill("t-3", "63000", "0.15")))
                .isTrue();
        position = position(portfolio);
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.05");
        // (63000 - 61000.1) x 0.15 - 0.01 EUR of fee.
        assertThat(position.get(POSITIONS.REALIZED_PNL)).isEqualByComparingTo("299.975");
    }

    @Test
    void givenFeesInOtherAssets_whenImported_thenConvertedAtTheVenuesLastPriceOrReportedApart() {
        OffsetDateTime now = OffsetDateTime.now();
        streams.storeLastPrice("PAPER", "BNB/EUR", new BigDecimal("500"), now);
        // Only the inverse pair is known: 1 ABC = 1 / 4 EUR.
        streams.storeLastPrice("PAPER", "EUR/ABC", new BigDecimal("4"), now);
        streams.storeLastPrice("BINANCE", "XYZ/EUR", new BigDecimal("1000"), now);
        UUID portfolio = portfolio();
        UUID buy = order(portfolio, Side.BUY);

        orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-1", "60000", "0.1", "0.01", "BNB"));
        orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-2", "60000", "0.1", "2", "ABC"));
        // No XYZ price on this venue (another venue's does not count): not in the cost, reported apart.
        orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-3", "60000", "0.1", "0.3", "XYZ"));
        orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-4", "60000", "0.1", "0.0001", "BTC"));

        Record position = position(portfolio);
        // 4 x 6000 EUR + 5 EUR (0.01 BNB) + 0.5 EUR (2 ABC); the BTC fee came off the quantity.
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.3999");
        assertThat(position.get(POSITIONS.AVERAGE_COST))
                .isEqualByComparingTo(
                        new BigDecimal("24005.5").divide(new BigDecimal("0.3999"), 18, RoundingMode.HALF_EVEN));
        OrderQueries.Fees fees = queries.fees(portfolio);
        assertThat(fees.inQuote()).as("5 + 0.5 + 0.0001 x 60000").isEqualByComparingTo("11.5");
        assertThat(fees.unconverted()).containsOnlyKeys("XYZ");
        assertThat(fees.unconverted().get("XYZ")).isEqualByComparingTo("0.3");
    }

    @Test
    void givenAnIntent_whenReadAndRejected_thenItIsReadAsWrittenAndOpenOnlyUntilRejected() {
        UUID portfolio = portfolio();
        NewOrder asked =
                NewOrders.paper(portfolio, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("60000"));
        orders.insertIntent(asked);

        OrderIntent intent = orders.findIntent(asked.id()).orElseThrow();
        assertThat(intent.order())
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(asked);
        assertThat(intent.status()).isEqualTo(OrderStatus.NEW);
        assertThat(intent.approved()).as("no funds reserved yet").isFalse();
        assertThat(orders.isOpen(asked.id())).isTrue();
        assertThat(orders.openWorkflowIds(portfolio)).containsExactly(asked.workflowId());

        orders.rejectIfOpen(asked.id(), "below the exchange's minimum");
        orders.rejectIfOpen(asked.id(), "a second rejection"); // a final order keeps what it was

        OrderDetail rejected = orders.find(asked.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.reason()).isEqualTo("below the exchange's minimum");
        assertThat(orders.isOpen(asked.id())).isFalse();
        assertThat(orders.openWorkflowIds(portfolio)).isEmpty();
        assertThat(orders.openOrders(List.of(portfolio))).isEmpty();
    }

    private UUID order(UUID portfolio, Side side) {
        NewOrder order = NewOrders.paper(portfolio, side, OrderType.MARKET, null, null);
        orders.insertIntent(order);
        orders.insertIntent(order); // a retried activity writes nothing new
        return order.id();
    }

    private static ImportedFill fill(String tradeId, String price, String quantity) {
        return NewOrders.fill(tradeId, price, quantity, OffsetDateTime.now());
    }

    private static ImportedFill fill(String tradeId, String price, String quantity, String fee, String feeAsset) {
        return new ImportedFill(
                tradeId,
                new BigDecimal(price),
                new BigDecimal(quantity),
                new BigDecimal(fee),
                feeAsset,
                OffsetDateTime.now());
    }

    private Record position(UUID portfolio) {
        return dsl.selectFrom(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(portfolio))
                .fetchOne();
    }

    private UUID portfolio() {
        return PortfolioRows.insert(dsl).portfolio();
    }
}
