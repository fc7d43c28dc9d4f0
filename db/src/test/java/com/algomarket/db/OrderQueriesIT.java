package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.support.NewOrders.fill;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderChange;
import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.orders.PortfolioTrade;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.NewOrders;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.db.support.PortfolioRows.Owned;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** The monitoring reads on a real PostgreSQL: newest first, filtered, limited, and scoped to the owner. */
@MigratedSchema("order_queries_it")
@RequiredArgsConstructor
class OrderQueriesIT {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private final DSLContext dsl;
    private final OrderRepository orders;
    private final OrderQueries queries;

    @Test
    void givenOrdersOfSeveralStatuses_whenListed_thenNewestFirstFilteredByStatusAndLimited() {
        Owned owned = portfolio();
        UUID first = order(owned.portfolio(), Side.BUY, T0);
        UUID second = order(owned.portfolio(), Side.SELL, T0.plusMinutes(1));
        UUID third = order(owned.portfolio(), Side.BUY, T0.plusMinutes(2));
        orders.update(
                first,
                new OrderChange(OrderStatus.FILLED, "x-1", new BigDecimal("0.2"), new BigDecimal("60000"), null));
        orders.update(
                third,
                new OrderChange(OrderStatus.FILLED, "x-3", new BigDecimal("0.2"), new BigDecimal("61000"), null));
        order(portfolio().portfolio(), Side.BUY, T0.plusMinutes(3)); // another portfolio's order is never listed

        assertThat(queries.orders(owned.portfolio(), null, 100))
                .extracting(OrderDetail::id)
                .containsExactly(third, second, first);
        assertThat(queries.orders(owned.portfolio(), OrderStatus.FILLED, 100))
                .extracting(OrderDetail::id)
                .containsExactly(third, first);
        assertThat(queries.orders(owned.portfolio(), OrderStatus.NEW, 100))
                .extracting(OrderDetail::id)
                .containsExactly(second);
        assertThat(queries.orders(owned.portfolio(), null, 2))
                .extracting(OrderDetail::id)
                .containsExactly(third, second);
        OrderDetail filled =
                queries.orders(owned.portfolio(), OrderStatus.FILLED, 1).get(0);
        assertThat(filled.exchangeOrderId()).isEqualTo("x-3");
        assertThat(filled.averagePrice()).isEqualByComparingTo("61000");
        assertThat(filled.limitPrice()).isEqualByComparingTo("59000");
        assertThat(filled.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(filled.isFinal()).isTrue();
    }

    @Test
    void givenOrder_whenLookedUpByItsId_thenOnlyItsOwnerFindsIt() {
        Owned owned = portfolio();
        Owned someoneElse = portfolio();
        UUID order = order(owned.portfolio(), Side.BUY, T0);

        assertThat(queries.orderForUser(order, owned.user()))
                .get()
                .extracting(OrderDetail::portfolioId)
                .isEqualTo(owned.portfolio());
        assertThat(queries.orderForUser(order, someoneElse.user())).isEmpty();
        assertThat(queries.orderForUser(UUID.randomUUID(), owned.user())).isEmpty();
    }

    @Test
    void givenFillsOfTwoOrders_whenTradesAndPositionsRead_thenNewestFirstWithTheOrdersSymbolAndSide() {
        Owned owned = portfolio();
        Owned other = portfolio();
        UUID buy = order(owned.portfolio(), Side.BUY, T0);
        UUID sell = order(owned.portfolio(), Side.SELL, T0.plusMinutes(1));
        orders.importFill(buy, owned.portfolio(), "BTC/EUR", true, fill("t-1", "60000", "0.1", T0));
        orders.importFill(buy, owned.portfolio(), "BTC/EUR", true, fill("t-2", "62000", "0.1", T0.plusSeconds(1)));
        orders.importFill(sell, owned.portfolio(), "BTC/EUR", false, fill("t-3", "63000", "0.2", T0.plusMinutes(1)));
        UUID otherBuy = order(other.portfolio(), Side.BUY, T0);
        orders.importFill(otherBuy, other.portfolio(), "BTC/EUR", true, fill("t-9", "50000", "1", T0));

        List<PortfolioTrade> trades = queries.trades(owned.portfolio(), 100);
        assertThat(trades).extracting(PortfolioTrade::exchangeTradeId).containsExactly("t-3", "t-2", "t-1");
        assertThat(trades.get(0).side()).isEqualTo(Side.SELL);
        assertThat(trades.get(0).symbol()).isEqualTo("BTC/EUR");
        assertThat(trades.get(0).orderId()).isEqualTo(sell);
        assertThat(trades.get(0).feeAsset()).isEqualTo("EUR");
        assertThat(queries.trades(owned.portfolio(), 1))
                .extracting(PortfolioTrade::exchangeTradeId)
                .containsExactly("t-3");

        List<String> streamed = new ArrayList<>();
        queries.forEachTrade(owned.portfolio(), trade -> streamed.add(trade.exchangeTradeId()));
        assertThat(streamed).as("the export: oldest first").containsExactly("t-1", "t-2", "t-3");
        assertThat(queries.fees(owned.portfolio()).inQuote()).isEqualByComparingTo("0.03");
        assertThat(queries.fees(owned.portfolio()).unconverted()).isEmpty();

        // Sold out: the position is closed, its realized PnL stays: (63000 - 61000.1) x 0.2 - 0.01, each trade
        // having paid 0.01 EUR of fee.
        List<PortfolioPosition> positions = queries.positions(owned.portfolio());
        assertThat(positions).singleElement().satisfies(position -> {
            assertThat(position.quantity()).isEqualByComparingTo("0");
            assertThat(position.isOpen()).isFalse();
            assertThat(position.realizedPnl()).isEqualByComparingTo("399.97");
        });
        Map<UUID, List<PortfolioPosition>> both = queries.positionsOf(
                List.of(owned.portfolio(), other.portfolio(), portfolio().portfolio()));
        assertThat(both).containsOnlyKeys(owned.portfolio(), other.portfolio());
        assertThat(both.get(other.portfolio()))
                .singleElement()
                .satisfies(position -> assertThat(position.averageCost()).isEqualByComparingTo("50000.01"));
    }

    private UUID order(UUID portfolio, Side side, OffsetDateTime createdAt) {
        NewOrder order = NewOrders.paper(portfolio, side, OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("59000"));
        UUID id = order.id();
        orders.insertIntent(order);
        // Explicit times: rows written within the same microsecond would otherwise tie.
        dsl.update(ORDERS)
                .set(ORDERS.CREATED_AT, createdAt)
                .where(ORDERS.ID.eq(id))
                .execute();
        return id;
    }

    private Owned portfolio() {
        return PortfolioRows.insert(dsl);
    }
}
