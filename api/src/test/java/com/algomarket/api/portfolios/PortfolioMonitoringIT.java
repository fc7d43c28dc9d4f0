package com.algomarket.api.portfolios;

import static com.algomarket.api.support.Answers.decimal;
import static com.algomarket.api.support.Answers.ok;
import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.api.support.VenuePosition.TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperPortfolio;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.VenuePosition;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.OrderWorkflow;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring endpoints on the real dev server, PostgreSQL and a paper venue in this JVM: orders placed through
 * the order workflow fill at the venue, and the lists, the positions, the realized PnL and the value agree with the
 * venue's own record of the fills (with their fees) and its price, computed here by hand. A resting order is cancelled through the API;
 * another user sees none of it; bad parameters are 4xx problems.
 */
@RealServersOnPaper(seed = 13)
class PortfolioMonitoringIT extends OnPaperPortfolio {

    private static final BigDecimal SIZE = new BigDecimal("50000");

    /** A user with a PAPER connection (100,000 EUR), an active purchase and a portfolio of 50,000 EUR. */
    @BeforeEach
    void portfolio() {
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.5"));
        subscribe(SIZE.toPlainString());
    }

    @Test
    void givenBuyThenPartialSell_whenMonitored_thenListsPositionAndPnlAgreeWithTheVenuesFillsAndPrice() {
        // A thin book: the buy walks several price levels, so its average cost is a real weighted average.
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.02"));
        OrderInput buy = directOrders.filledAtMarket(Side.BUY, "0.05");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("62000"), new BigDecimal("0.02"));
        OrderInput sell = directOrders.filledAtMarket(Side.SELL, "0.02");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("61000.5"), new BigDecimal("0.5"));

        // By hand, from the venue's record of the fills and its price now.
        VenuePosition byHand = VenuePosition.of(venue.exchange(), key.apiKey(), "BTCEUR");
        List<PaperTrade> venueTrades = byHand.trades();
        assertThat(byHand.buys()).as("the buy walked the book").hasSizeGreaterThan(1);
        assertThat(venueTrades)
                .allSatisfy(trade -> assertThat(trade.commissionAsset()).isEqualTo("EUR"));
        BigDecimal averageCost = byHand.averageCost();
        BigDecimal realized = byHand.realized();
        BigDecimal held = byHand.held();
        BigDecimal last = byHand.last();
        BigDecimal unrealized = byHand.unrealized();
        assertThat(held).isEqualByComparingTo("0.03");
        assertThat(realized).as("sold above the average cost").isPositive();

        JsonNode overview = ok(user.get("/api/v1/portfolios/" + portfolioId));
        assertThat(overview.get("pricesUnavailable").asBoolean()).isFalse();
        assertThat(overview.get("size").asString()).isEqualTo("50000");
        assertThat(overview.get("quoteCurrency").asString()).isEqualTo("EUR");
        assertThat(overview.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(decimal(overview, "realizedPnl")).isCloseTo(realized, within(TOLERANCE));
        assertThat(decimal(overview, "unrealizedPnl")).isCloseTo(unrealized, within(TOLERANCE));
        assertThat(decimal(overview, "value")).isCloseTo(SIZE.add(realized).add(unrealized), within(TOLERANCE));
        JsonNode listed = ok(user.get("/api/v1/portfolios"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asString()).isEqualTo(portfolioId);
        assertThat(decimal(listed.get(0), "value")).isEqualByComparingTo(decimal(overview, "value"));

        JsonNode positions = ok(user.get("/api/v1/portfolios/" + portfolioId + "/positions"));
        assertThat(positions).hasSize(1);
        JsonNode position = positions.get(0);
        assertThat(position.get("symbol").asString()).isEqualTo("BTC/EUR");
        assertThat(decimal(position, "quantity")).isEqualByComparingTo(held);
        assertThat(decimal(position, "averageCost")).isCloseTo(averageCost, within(TOLERANCE));
        assertThat(decimal(position, "realizedPnl")).isCloseTo(realized, within(TOLERANCE));
        assertThat(decimal(position, "lastPrice")).isEqualByComparingTo(last);
        assertThat(decimal(position, "unrealizedPnl")).isCloseTo(unrealized, within(TOLERANCE));

        JsonNode orders = ok(user.get("/api/v1/portfolios/" + portfolioId + "/orders"));
        assertThat(orders).hasSize(2);
        JsonNode sellView = orders.get(0); // newest first
        assertThat(sellView.get("id").asString()).isEqualTo(sell.orderId());
        assertThat(sellView.get("clientOrderId").asString()).isEqualTo(sell.clientOrderId());
        assertThat(sellView.get("workflowId").asString()).isEqualTo(WorkflowIds.order(portfolioId, sell.signalId()));
        assertThat(sellView.get("exchangeOrderId").asString()).isNotBlank();
        assertThat(sellView.get("side").asString()).isEqualTo("SELL");
        assertThat(sellView.get("type").asString()).isEqualTo("MARKET");
        assertThat(sellView.get("status").asString()).isEqualTo("FILLED");
        assertThat(decimal(sellView, "quantity")).isEqualByComparingTo("0.02");
        assertThat(decimal(sellView, "filledQuantity")).isEqualByComparingTo("0.02");
        assertThat(decimal(sellView, "averagePrice")).isPositive();
        assertThat(orders.get(1).get("id").asString()).isEqualTo(buy.orderId());
        assertThat(decimal(orders.get(1), "filledQuantity")).isEqualByComparingTo("0.05");
        assertThat(ok(user.get("/api/v1/portfolios/" + portfolioId + "/orders?limit=1")))
                .singleElement()
                .satisfies(only -> assertThat(only.get("id").asString()).isEqualTo(sell.orderId()));
        assertThat(ok(user.get("/api/v1/portfolios/" + portfolioId + "/orders?status=FILLED")))
                .hasSize(2);
        assertThat(ok(user.get("/api/v1/portfolios/" + portfolioId + "/orders?status=CANCELLED")))
                .isEmpty();
        JsonNode one = ok(user.get("/api/v1/orders/" + buy.orderId()));
        assertThat(one.get("clientOrderId").asString()).isEqualTo(buy.clientOrderId());
        assertThat(one.get("side").asString()).isEqualTo("BUY");

        JsonNode trades = ok(user.get("/api/v1/portfolios/" + portfolioId + "/trades"));
        assertThat(trades).hasSize(venueTrades.size());
        List<String> tradeIds = new ArrayList<>();
        OffsetDateTime previous = null;
        for (JsonNode trade : trades) {
            tradeIds.add(trade.get("exchangeTradeId").asString());
            OffsetDateTime executedAt =
                    OffsetDateTime.parse(trade.get("executedAt").asString());
            if (previous != null) {
                assertThat(executedAt).as("newest first").isBeforeOrEqualTo(previous);
            }
            previous = executedAt;
        }
        assertThat(tradeIds)
                .containsExactlyInAnyOrderElementsOf(venueTrades.stream()
                        .map(trade -> Long.toString(trade.id()))
                        .toList());
        assertThat(trades.get(0).get("side").asString()).isEqualTo("SELL");
        assertThat(trades.get(0).get("orderId").asString()).isEqualTo(sell.orderId());
        assertThat(trades.get(0).get("symbol").asString()).isEqualTo("BTC/EUR");
        assertThat(ok(user.get("/api/v1/portfolios/" + portfolioId + "/trades?limit=1")))
                .hasSize(1);

        // Another user finds none of it, and cannot cancel it.
        Http stranger = users.verified("USER").http();
        assertThat(ok(stranger.get("/api/v1/portfolios"))).isEmpty();
        for (String path :
                List.of("/api/v1/portfolios/" + portfolioId, "/api/v1/portfolios/" + portfolioId + "/positions")) {
            assertProblem(stranger.get(path), 404, "portfolio-not-found");
        }
        for (String path : List.of(
                "/api/v1/portfolios/" + portfolioId + "/orders", "/api/v1/portfolios/" + portfolioId + "/trades")) {
            assertProblem(stranger.get(path), 404, "portfolio-not-found");
        }
        assertProblem(stranger.get("/api/v1/orders/" + buy.orderId()), 404, "order-not-found");
        assertProblem(stranger.postJson("/api/v1/orders/" + buy.orderId() + "/cancel", ""), 404, "order-not-found");
        // A filled order has nothing left to cancel.
        assertProblem(user.postJson("/api/v1/orders/" + buy.orderId() + "/cancel", ""), 409, "order-final");
    }

    @Test
    void givenRestingLimit_whenCancelledThroughTheApi_thenCancelledAtTheExchangeAndThenFinal() {
        OrderInput resting = directOrders.order(Side.BUY, OrderType.LIMIT, "0.01", "30000", 600);
        OrderWorkflow workflow = directOrders.workflow(resting);
        WorkflowClient.start(workflow::run, resting);
        Await.until(DEADLINE, () -> status(resting.orderId()), "PENDING"::equals);

        Http.Response cancel = user.postJson("/api/v1/orders/" + resting.orderId() + "/cancel", "");

        assertThat(cancel.status()).as(cancel.raw()).isEqualTo(202);
        assertThat(cancel.body().get("id").asString()).isEqualTo(resting.orderId());
        assertThat(WorkflowStub.fromTyped(workflow).getResult(OrderStatus.class))
                .isEqualTo(OrderStatus.CANCELLED);
        JsonNode cancelled = ok(user.get("/api/v1/orders/" + resting.orderId()));
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.get("reason").asString()).isEqualTo("cancelled by the user");
        assertThat(decimal(cancelled, "limitPrice")).isEqualByComparingTo("30000");
        assertThat(cancelled.get("timeInForce").asString()).isEqualTo("GTC");
        assertThat(venue.exchange().openOrders(key.apiKey(), "BTCEUR")).isEmpty();
        assertThat(venue.exchange().allOrders(key.apiKey()))
                .singleElement()
                .satisfies(order -> assertThat(order.clientOrderId()).isEqualTo(resting.clientOrderId()));
        assertProblem(user.postJson("/api/v1/orders/" + resting.orderId() + "/cancel", ""), 409, "order-final");
        assertThat(ok(user.get("/api/v1/portfolios/" + portfolioId + "/orders?status=CANCELLED")))
                .hasSize(1);

        // Nothing was bought: the value is the size, without asking the exchange for a price.
        JsonNode overview = ok(user.get("/api/v1/portfolios/" + portfolioId));
        assertThat(decimal(overview, "value")).isEqualByComparingTo(SIZE);
        assertThat(decimal(overview, "realizedPnl")).isEqualByComparingTo("0");
        assertThat(decimal(overview, "unrealizedPnl")).isEqualByComparingTo("0");
        assertThat(ok(user.get("/api/v1/portfolios/" + portfolioId + "/positions")))
                .isEmpty();
    }

    @Test
    void givenTheVenuesTickerFailing_whenMonitored_thenPricesUnavailableInsteadOfAServerError() {
        directOrders.filledAtMarket(Side.BUY, "0.01");
        venue.faults().add(new PaperFaults.Fault("GET /api/v3/ticker/price", PaperFaults.Kind.HTTP_5XX, 1, null, null));

        JsonNode overview = ok(user.get("/api/v1/portfolios/" + portfolioId));
        assertThat(overview.get("pricesUnavailable").asBoolean()).isTrue();
        assertThat(overview.get("value").isNull()).isTrue();
        assertThat(overview.get("unrealizedPnl").isNull()).isTrue();
        assertThat(decimal(overview, "realizedPnl")).isEqualByComparingTo("0");
        assertThat(ok(user.get("/api/v1/portfolios"))
                        .get(0)
                        .get("pricesUnavailable")
                        .asBoolean())
                .isTrue();
        JsonNode position =
                ok(user.get("/api/v1/portfolios/" + portfolioId + "/positions")).get(0);
        assertThat(decimal(position, "quantity")).isEqualByComparingTo("0.01");
        assertThat(position.get("lastPrice").isNull()).isTrue();
        assertThat(position.get("unrealizedPnl").isNull()).isTrue();

        venue.faults().clear();
        JsonNode recovered = ok(user.get("/api/v1/portfolios/" + portfolioId));
        assertThat(recovered.get("pricesUnavailable").asBoolean()).isFalse();
        assertThat(decimal(recovered, "value")).isNotNull();
    }

    @Test
    void givenBadParametersOrUnknownIds_whenCalled_then4xxProblemsNeverA5xx() {
        String orders = "/api/v1/portfolios/" + portfolioId + "/orders";
        String trades = "/api/v1/portfolios/" + portfolioId + "/trades";
        for (String query :
                List.of("?limit=0", "?limit=501", "?limit=abc", "?limit=", "?status=filled", "?status=OPEN")) {
            assertProblem(user.get(orders + query), 400, "invalid-parameter");
        }
        for (String query : List.of("?limit=0", "?limit=501", "?limit=-5")) {
            assertProblem(user.get(trades + query), 400, "invalid-parameter");
        }
        assertThat(ok(user.get(orders + "?limit=500&status=NEW"))).isEmpty();

        String unknown = UUID.randomUUID().toString();
        assertProblem(user.get("/api/v1/portfolios/" + unknown), 404, "portfolio-not-found");
        assertProblem(user.get("/api/v1/portfolios/" + unknown + "/orders"), 404, "portfolio-not-found");
        assertProblem(user.get("/api/v1/portfolios/" + unknown + "/trades"), 404, "portfolio-not-found");
        assertProblem(user.get("/api/v1/portfolios/" + unknown + "/positions"), 404, "portfolio-not-found");
        assertProblem(user.get("/api/v1/orders/" + unknown), 404, "order-not-found");
        assertProblem(user.postJson("/api/v1/orders/" + unknown + "/cancel", ""), 404, "order-not-found");

        for (String path : List.of(
                "/api/v1/portfolios/not-a-uuid",
                "/api/v1/portfolios/not-a-uuid/orders",
                "/api/v1/portfolios/not-a-uuid/trades",
                "/api/v1/portfolios/not-a-uuid/positions",
                "/api/v1/orders/not-a-uuid")) {
            Http.Response response = user.get(path);
            assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(user.postJson("/api/v1/orders/not-a-uuid/cancel", "").status())
                .isEqualTo(400);
        assertThat(users.anonymous().get(orders).status()).as("without a token").isEqualTo(401);
    }

    private String status(String orderId) {
        Http.Response response = user.get("/api/v1/orders/" + orderId);
        // The order row appears once the workflow has recorded its intent.
        return response.status() == 200 ? response.body().get("status").asString() : null;
    }
}
