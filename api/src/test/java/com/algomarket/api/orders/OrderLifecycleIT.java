package com.algomarket.api.orders;

import static com.algomarket.db.jooq.Tables.FILLS;
import static com.algomarket.db.jooq.Tables.ORDERS;
import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.email.OutboxEmailSender;
import com.algomarket.activities.paper.BinanceApiServer;
import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperExchange.Permission;
import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.Await;
import com.algomarket.api.Http;
import com.algomarket.api.RealServers;
import com.algomarket.api.TestUsers;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.exchange.ClientOrderIds;
import com.algomarket.workflows.order.OrderInput;
import com.algomarket.workflows.order.OrderStatus;
import com.algomarket.workflows.order.OrderWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The order workflow on the real dev server against the paper venue through XChange: a market order fills and its
 * fills and position are recorded once; an order whose answer is lost is still placed exactly once; a limit order
 * that never fills is cancelled at its timeout. Signals do not exist yet, so the test starts the workflows itself.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS) // see ConnectionsIT
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"algomarket.stripe.secret-key=", "algomarket.stripe.webhook-secret="})
class OrderLifecycleIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final PaperExchange VENUE = PaperExchange.withDefaultMarkets(Clock.systemUTC(), 11, 0);
    private static final PaperFaults FAULTS = new PaperFaults(11);
    private static final BinanceApiServer VENUE_API =
            BinanceApiServer.start(VENUE, FAULTS, Clock.systemUTC(), 60_000, 0);

    @LocalServerPort
    int port;

    @Autowired
    OutboxEmailSender outbox;

    @Autowired
    WorkflowClient workflowClient;

    @Autowired
    DSLContext dsl;

    private Http user;
    private String portfolioId;
    private String connectionId;
    private PaperExchange.ApiKey key;

    @DynamicPropertySource
    static void paperVenue(DynamicPropertyRegistry registry) {
        registry.add("algomarket.exchanges.paper-url", VENUE_API::baseUrl);
    }

    @BeforeAll
    static void requireRealServers() {
        RealServers.databaseUrl();
        RealServers.temporalAddress();
    }

    @AfterAll
    static void stopVenue() {
        VENUE_API.close();
    }

    /** A user with a PAPER connection (100,000 EUR), an active purchase and a portfolio of 50,000 EUR. */
    @BeforeEach
    void portfolio() {
        FAULTS.clear();
        TestUsers users = new TestUsers(new Http(port), outbox);
        String algorithm = users.verified("DEVELOPER")
                .http()
                .postJson("/api/v1/algorithms", """
                {"name": "Orders %s", "description": "d", "exchanges": ["PAPER"], "quoteCurrency": "EUR",
                 "symbols": ["BTC/EUR"], "price": {"amount": "0", "currency": "EUR"}, "periodDays": 30}
                """.formatted(UUID.randomUUID()))
                .body()
                .get("id")
                .asString();
        user = users.verified("USER").http();
        key = VENUE.createKey(EnumSet.of(Permission.READ, Permission.TRADE), Map.of("EUR", new BigDecimal("100000")));
        connectionId = user.postJson("/api/v1/connections", """
                {"exchange":"PAPER","name":"paper","apiKey":"%s","apiSecret":"%s"}""".formatted(key.apiKey(), key.secret()))
                .body()
                .get("id")
                .asString();
        String purchase = user.postJson(
                        "/api/v1/purchases", "{\"algorithmId\":\"%s\",\"periods\":1}".formatted(algorithm))
                .body()
                .get("id")
                .asString();
        Await.until(
                DEADLINE,
                () -> user.get("/api/v1/purchases/" + purchase)
                        .body()
                        .get("status")
                        .asString(),
                "ACTIVE"::equals);
        Http.Response portfolio = user.postJson(
                "/api/v1/portfolios",
                "{\"purchaseId\":\"%s\",\"connectionId\":\"%s\",\"size\":\"50000\"}".formatted(purchase, connectionId));
        assertThat(portfolio.status()).as(portfolio.raw()).isEqualTo(201);
        portfolioId = portfolio.body().get("id").asString();
    }

    @Test
    void givenMarketBuy_whenRun_thenFilledWithFillsAndPositionRecordedOnce() {
        OrderInput input = order("MARKET", "0.01", null, 30);

        assertThat(run(input)).isEqualTo(OrderStatus.FILLED);

        Record row = dsl.selectFrom(ORDERS)
                .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                .fetchOne();
        assertThat(row.get(ORDERS.STATUS)).isEqualTo("FILLED");
        assertThat(row.get(ORDERS.FILLED_QUANTITY)).isEqualByComparingTo("0.01");
        long venueTrades = VENUE.trades(key.apiKey(), "BTCEUR", null, null, null, null, 1000)
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
        FAULTS.add(new PaperFaults.Fault("POST /api/v3/order", PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));
        OrderInput input = order("MARKET", "0.02", null, 30);

        assertThat(run(input)).isEqualTo(OrderStatus.FILLED);

        assertThat(VENUE.allOrders(key.apiKey()))
                .filteredOn(order -> order.clientOrderId().equals(input.clientOrderId()))
                .hasSize(1);
    }

    @Test
    void givenLimitFarFromTheMarket_whenTheTimeoutPasses_thenCancelledAtTheExchange() {
        OrderInput input = order("LIMIT", "0.01", "30000", 3);

        assertThat(run(input)).isEqualTo(OrderStatus.CANCELLED);

        assertThat(dsl.select(ORDERS.REASON)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(UUID.fromString(input.orderId())))
                        .fetchOne(ORDERS.REASON))
                .contains("timed out");
        assertThat(VENUE.openOrders(key.apiKey(), "BTCEUR")).isEmpty();
    }

    @Test
    void givenRestingOrder_whenThePortfolioIsKilled_thenCancelledAndNothingNewReachesTheExchange() {
        OrderInput resting = order("LIMIT", "0.01", "30000", 600);
        OrderWorkflow workflow = workflow(resting);
        WorkflowClient.start(workflow::run, resting);
        Await.until(
                DEADLINE,
                () -> dsl.select(ORDERS.STATUS)
                        .from(ORDERS)
                        .where(ORDERS.ID.eq(UUID.fromString(resting.orderId())))
                        .fetchOne(ORDERS.STATUS),
                "PENDING"::equals);

        Http.Response killed = user.postJson("/api/v1/portfolios/" + portfolioId + "/kill", "{}");

        assertThat(killed.status()).as(killed.raw()).isEqualTo(202);
        assertThat(killed.body().get("cancelled").asInt()).isEqualTo(1);
        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.CANCELLED);
        assertThat(VENUE.openOrders(key.apiKey(), "BTCEUR")).isEmpty();
        int venueOrders = VENUE.allOrders(key.apiKey()).size();

        OrderInput afterKill = order("MARKET", "0.01", null, 30);
        assertThat(run(afterKill)).isEqualTo(OrderStatus.REJECTED);
        assertThat(VENUE.allOrders(key.apiKey())).hasSize(venueOrders);
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

    private OrderInput order(String type, String quantity, String limitPrice, long timeoutSeconds) {
        // No signal table rows yet: the signal id only names the workflow here.
        String signalId = "it-" + UUID.randomUUID();
        return new OrderInput(
                UUID.randomUUID().toString(),
                portfolioId,
                signalId,
                connectionId,
                "PAPER",
                "BTC/EUR",
                "BUY",
                type,
                new BigDecimal(quantity),
                limitPrice == null ? null : new BigDecimal(limitPrice),
                null,
                limitPrice == null ? null : "GTC",
                timeoutSeconds,
                ClientOrderIds.forBusinessKey(OrderWorkflow.workflowId(portfolioId, signalId)),
                null,
                false);
    }

    private OrderStatus run(OrderInput input) {
        return workflow(input).run(input);
    }

    private OrderWorkflow workflow(OrderInput input) {
        return workflowClient.newWorkflowStub(
                OrderWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderWorkflow.workflowId(input.portfolioId(), input.signalId()))
                        .setTaskQueue(TaskQueues.ORDERS)
                        .setWorkflowExecutionTimeout(Duration.ofMinutes(15))
                        .build());
    }
}
