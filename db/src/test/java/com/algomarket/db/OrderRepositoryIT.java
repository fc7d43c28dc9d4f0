package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.NewOrders;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fills are imported once per exchange trade, and each new one moves the position, on a real PostgreSQL. */
@MigratedSchema("order_repository_it")
class OrderRepositoryIT {

    private static DSLContext dsl;

    @BeforeAll
    static void schema(DSLContext migrated) {
        dsl = migrated;
    }

    @Test
    void givenTradesImportedTwice_whenBuyingThenSelling_thenEachCountsOnceAndPnlIsRealized() {
        OrderRepository orders = new OrderRepository(dsl);
        UUID portfolio = portfolio();
        UUID buy = order(orders, portfolio, Side.BUY);
        UUID sell = order(orders, portfolio, Side.SELL);

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
        assertThat(position.get(POSITIONS.AVERAGE_COST)).isEqualByComparingTo("61000");

        assertThat(orders.importFill(sell, portfolio, "BTC/EUR", false, fill("t-3", "63000", "0.15")))
                .isTrue();
        position = position(portfolio);
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.05");
        assertThat(position.get(POSITIONS.REALIZED_PNL)).isEqualByComparingTo("300"); // (63000 - 61000) x 0.15
    }

    private static UUID order(OrderRepository orders, UUID portfolio, Side side) {
        NewOrder order = NewOrders.paper(portfolio, side, OrderType.MARKET, null, null);
        orders.insertIntent(order);
        orders.insertIntent(order); // a retried activity writes nothing new
        return order.id();
    }

    private static ImportedFill fill(String tradeId, String price, String quantity) {
        return NewOrders.fill(tradeId, price, quantity, OffsetDateTime.now());
    }

    private static Record position(UUID portfolio) {
        return dsl.selectFrom(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(portfolio))
                .fetchOne();
    }

    private static UUID portfolio() {
        return PortfolioRows.insert(dsl).portfolio();
    }
}
