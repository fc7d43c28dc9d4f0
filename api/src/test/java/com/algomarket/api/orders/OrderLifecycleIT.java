package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperPortfolio;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.util.UUID;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order workflow on the real dev server against the paper venue through XChange: a market order fills and its
 * fills and position are recorded once; an order whose answer is lost is still placed exactly once; a limit order
 * that never fills is cancelled at its timeout. Signals do not exist yet, so the test starts the workflows itself.
 */
@RealServersOnPaper(seed = 11)
class OrderLifecycleIT extends OnPaperPortfolio {

    /** A user with a PAPER connection (100,000 EUR), an active purchase and a portfolio of 50,000 EUR. */
    @BeforeEach
    void portfolio() {
        subscribe("50000");
    }

    @Test
    void givenMarketBuy_whenRun_thenFilledWithFillsAndPositionRecordedOnce() {
        OrderInput input = directOrders.order(Side.BUY, OrderType.MARKET, "0.01", null, 30);

        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.FILLED);

        Record row = dsl.selectFrom(ORDERS)
                .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                .fetchOne();
        assertThat(row.get(ORDERS.STATUS)).isEqualTo(OrderStatus.FILLED);
        assertThat(row.get(ORDERS.FILLED_QUANTITY)).isEqualByComparingTo("0.01");
        long venueTrades = venue.exchange()
                .trades(key.apiKey(), "BTCEUR", null, null, null, null, 1000)
                .size();
        assertThat(dsl.fetchCount(FILLS, FILLS.ORDER_ID.eq(UUID.fromString(input.orderId()))))
                .isEqualTo((int) venueTrades);
        assertThat(dsl.select(POSITIONS.QUANTITY)
                        .from(POSITIONS)
                        .where(POSITIONS.PORTFOLIO_ID.eq(UUID.fromString(portfolioId)))
                        .fetchOne(POSITIONS.QUANTITY))
                .isEqualByComparingTo("0.01");
    }

    @Test
    void givenLostResponse_whenSubmitted_thenTheOrderExistsExactlyOnceAndFills() {
        venue.faults().add(new PaperFaults.Fault("POST /api/v3/order", PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));
        OrderInput input = directOrders.order(Side.BUY, OrderType.MARKET, "0.02", null, 30);

        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.FILLED);

        assertThat(venue.exchange().allOrders(key.apiKey()))
                .filteredOn(order -> order.clientOrderId().equals(input.clientOrderId()))
                .hasSize(1);
    }

    @Test
    void givenLimitFarFromTheMarket_whenTheTimeoutPasses_thenCancelledAtTheExchange() {
        OrderInput input = directOrders.order(Side.BUY, OrderType.LIMIT, "0.01", "30000", 3);

        assertThat(directOrders.run(input)).isEqualTo(OrderStatus.CANCELLED);

        assertThat(dsl.select(ORDERS.REASON)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                        .fetchOne(ORDERS.REASON))
                .contains("timed out");
        assertThat(venue.exchange().openOrders(key.apiKey(), "BTCEUR")).isEmpty();
    }

    @Test
    void givenRestingOrder_whenThePortfolioIsKilled_thenCancelledAndNothingNewReachesTheExchange() {
        OrderInput resting = directOrders.order(Side.BUY, OrderType.LIMIT, "0.01", "30000", 600);
        OrderWorkflow workflow = directOrders.workflow(resting);
        WorkflowClient.start(workflow::run, resting);
        Await.until(
                DEADLINE,
                () -> dsl.select(ORDERS.STATUS)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(UUID.fromString(resting.orderId())))
                        .fetchOne(ORDERS.STATUS),
                OrderStatus.PENDING::equals);

        Http.Response killed = user.postJson("/api/v1/portfolios/" + portfolioId + "/kill", "{}");

        assertThat(killed.status()).as(killed.raw()).isEqualTo(202);
        assertThat(killed.body().get("cancelled").asInt()).isEqualTo(1);
        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(venue.exchange().openOrders(key.apiKey(), "BTCEUR")).isEmpty();
        int venueOrders = venue.exchange().allOrders(key.apiKey()).size();

        OrderInput afterKill = directOrders.order(Side.BUY, OrderType.MARKET, "0.01", null, 30);
        assertThat(directOrders.run(afterKill)).isEqualTo(OrderStatus.REJECTED);
        assertThat(venue.exchange().allOrders(key.apiKey())).hasSize(venueOrders);
        assertThat(dsl.select(ORDERS.REASON)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(UUID.fromString(afterKill.orderId())))
                        .fetchOne(ORDERS.REASON))
                .contains("KILLED");

        assertThat(user.postJson("/api/v1/portfolios/" + portfolioId + "/resume", "")
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("ACTIVE");
    }
}
