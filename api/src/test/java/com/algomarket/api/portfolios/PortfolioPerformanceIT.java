package com.algomarket.api.portfolios;

import static com.algomarket.api.support.Answers.decimal;
import static com.algomarket.api.support.Answers.ok;
import static com.algomarket.api.support.Problems.assertProblem;
import static com.algomarket.api.support.VenuePosition.TOLERANCE;
import static com.algomarket.api.support.VenuePosition.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperPortfolio;
import com.algomarket.api.support.PeriodicWorkflows;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.support.VenuePosition;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Performance and the trades export on the real dev server, PostgreSQL and a paper venue in this JVM: orders fill at
 * the venue with its 0.1 % fee in EUR; the daily valuation workflow is asked to value now and stores the day's point;
 * the performance figures and every CSV row agree with the venue's own record of the trades, computed here by hand.
 */
@RealServersOnPaper(seed = 29)
class PortfolioPerformanceIT extends OnPaperPortfolio {

    private static final BigDecimal SIZE = new BigDecimal("50000");

    @BeforeEach
    void portfolio() {
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.02"));
        subscribe(SIZE.toPlainString());
    }

    @Test
    void givenTradesWithFees_whenValuedDailyAndExported_thenPerformanceAndCsvAgreeWithTheVenuesTrades() {
        // A thin book: the buy walks several levels, each trade with its own fee.
        OrderInput buy = directOrders.filledAtMarket(Side.BUY, "0.05");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("59500"), new BigDecimal("0.02"));
        OrderInput sell = directOrders.filledAtMarket(Side.SELL, "0.03");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("59000"), new BigDecimal("0.5"));

        valueNowAndAwaitPoint();

        // By hand, from the venue's record of the trades and its price now.
        VenuePosition byHand = VenuePosition.of(venue.exchange(), key.apiKey(), "BTCEUR");
        List<PaperTrade> trades = byHand.trades();
        assertThat(trades).hasSizeGreaterThan(2);
        assertThat(trades).allSatisfy(trade -> {
            assertThat(trade.commissionAsset()).isEqualTo("EUR");
            assertThat(trade.commission()).isPositive();
        });
        BigDecimal realized = byHand.realized();
        BigDecimal held = byHand.held();
        BigDecimal last = byHand.last();
        BigDecimal value = byHand.value(SIZE);
        BigDecimal fees = sum(trades.stream().map(PaperTrade::commission).toList());
        // The same, with the cash the trades moved: what a fee-blind valuation would miss is exactly the fees.
        BigDecimal cash = sum(trades.stream()
                .map(t -> t.buyer()
                        ? t.quoteQty().add(t.commission()).negate()
                        : t.quoteQty().subtract(t.commission()))
                .toList());
        assertThat(value).isCloseTo(SIZE.add(cash).add(held.multiply(last)), within(TOLERANCE));

        JsonNode performance = ok(user.get("/api/v1/portfolios/" + portfolioId + "/performance"));
        assertThat(performance.get("pricesUnavailable").asBoolean()).isFalse();
        assertThat(performance.get("quoteCurrency").asString()).isEqualTo("EUR");
        assertThat(decimal(performance, "value")).isCloseTo(value, within(TOLERANCE));
        BigDecimal netPnl = value.subtract(SIZE);
        assertThat(decimal(performance, "netPnl")).isCloseTo(netPnl, within(TOLERANCE));
        assertThat(decimal(performance, "fees")).isEqualByComparingTo(fees);
        assertThat(decimal(performance, "realizedPnl")).isCloseTo(realized, within(TOLERANCE));
        assertThat(performance.get("feesNotConverted")).isEmpty();
        assertThat(decimal(performance, "returnPct"))
                .isEqualByComparingTo(netPnl.multiply(BigDecimal.valueOf(100)).divide(SIZE, 4, RoundingMode.HALF_EVEN));
        JsonNode equity = performance.get("equity");
        assertThat(equity).hasSize(2);
        assertThat(decimal(equity.get(0), "value")).as("the start: the size").isEqualByComparingTo(SIZE);
        assertThat(decimal(equity.get(1), "value"))
                .as("today's point, valued at the same price")
                .isCloseTo(value, within(TOLERANCE));
        Instant pointAt = Instant.parse(equity.get(1).get("at").asString());
        assertThat(pointAt).isAfter(Instant.parse(equity.get(0).get("at").asString()));
        BigDecimal drawdown = value.compareTo(SIZE) < 0
                ? SIZE.subtract(value).multiply(BigDecimal.valueOf(100)).divide(SIZE, 4, RoundingMode.HALF_EVEN)
                : BigDecimal.ZERO;
        assertThat(value).as("bought high, sold and valued lower, with fees").isLessThan(SIZE);
        assertThat(decimal(performance, "maxDrawdownPct")).isEqualByComparingTo(drawdown);

        assertTradesCsv(trades, buy.orderId(), sell.orderId());

        Http stranger = users.verified("USER").http();
        assertProblem(stranger.get("/api/v1/portfolios/" + portfolioId + "/performance"), 404, "portfolio-not-found");
        assertProblem(stranger.get("/api/v1/portfolios/" + portfolioId + "/trades.csv"), 404, "portfolio-not-found");
        String unknown = UUID.randomUUID().toString();
        assertProblem(user.get("/api/v1/portfolios/" + unknown + "/performance"), 404, "portfolio-not-found");
        assertProblem(user.get("/api/v1/portfolios/" + unknown + "/trades.csv"), 404, "portfolio-not-found");
        for (String path : List.of("/api/v1/portfolios/x/performance", "/api/v1/portfolios/x/trades.csv")) {
            Http.Response response = user.get(path);
            assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(users.anonymous()
                        .get("/api/v1/portfolios/" + portfolioId + "/trades.csv")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void givenNoTrades_whenAsked_thenTheSizeNoFeesAndACsvWithItsHeaderOnly() {
        JsonNode performance = ok(user.get("/api/v1/portfolios/" + portfolioId + "/performance"));
        assertThat(decimal(performance, "value")).isEqualByComparingTo(SIZE);
        assertThat(decimal(performance, "netPnl")).isEqualByComparingTo("0");
        assertThat(decimal(performance, "fees")).isEqualByComparingTo("0");
        assertThat(decimal(performance, "returnPct")).isEqualByComparingTo("0");
        assertThat(decimal(performance, "maxDrawdownPct")).isEqualByComparingTo("0");

        Http.Response csv = user.get("/api/v1/portfolios/" + portfolioId + "/trades.csv");
        assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
        assertThat(csv.raw()).isEqualTo("time,symbol,side,quantity,price,fee,feeAsset,orderId,exchangeTradeId\r\n");
    }

    private void assertTradesCsv(List<PaperTrade> venueTrades, String buyOrderId, String sellOrderId) {
        Http.Response csv = user.get("/api/v1/portfolios/" + portfolioId + "/trades.csv");
        assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .startsWith("attachment")
                .contains("trades-" + portfolioId + ".csv");
        List<String> lines = List.of(csv.raw().split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("time,symbol,side,quantity,price,fee,feeAsset,orderId,exchangeTradeId");
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(venueTrades.size());
        Map<String, PaperTrade> byId = new HashMap<>();
        venueTrades.forEach(trade -> byId.put(Long.toString(trade.id()), trade));
        List<Instant> times = new ArrayList<>();
        for (String row : rows) {
            // No field of these trades needs quoting: a plain split is the whole parse.
            String[] fields = row.split(",", -1);
            assertThat(fields).hasSize(9);
            PaperTrade trade = byId.remove(fields[8]);
            assertThat(trade).as("a venue trade: " + row).isNotNull();
            times.add(Instant.parse(fields[0]));
            assertThat(fields[1]).isEqualTo("BTC/EUR");
            assertThat(fields[2]).isEqualTo(trade.buyer() ? "BUY" : "SELL");
            assertThat(new BigDecimal(fields[3])).isEqualByComparingTo(trade.qty());
            assertThat(new BigDecimal(fields[4])).isEqualByComparingTo(trade.price());
            assertThat(new BigDecimal(fields[5])).isEqualByComparingTo(trade.commission());
            assertThat(fields[6]).isEqualTo("EUR");
            assertThat(fields[7]).isEqualTo(trade.buyer() ? buyOrderId : sellOrderId);
            assertThat(Instant.parse(fields[0]).toEpochMilli()).isEqualTo(trade.time());
        }
        assertThat(byId).as("every venue trade exported").isEmpty();
        assertThat(times).as("oldest first").isSorted();
    }

    /** Asks the daily valuation (started by the worker) to value now, and waits for this portfolio's point. */
    private void valueNowAndAwaitPoint() {
        PeriodicWorkflows.valueNow(workflowClient);
        Await.until(
                DEADLINE,
                () -> ok(user.get("/api/v1/portfolios/" + portfolioId + "/performance"))
                        .get("equity")
                        .size(),
                points -> points == 2);
    }
}
