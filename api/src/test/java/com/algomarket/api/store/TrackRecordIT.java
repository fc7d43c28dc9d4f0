package com.algomarket.api.store;

import static com.algomarket.api.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.algomarket.activities.paper.PaperTrade;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.PeriodicWorkflows;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The track record on the real dev server, PostgreSQL and a paper venue in this JVM: a subscriber's portfolio buys and
 * sells back everything (one round trip, each trade with the venue's 0.1 % fee in EUR); the daily valuation is asked
 * to value now and the track-record workflow to compute now; the endpoint's figures agree with the venue's own record
 * of the trades, computed here by hand, and name no user, portfolio or size.
 */
@RealServersOnPaper(seed = 31)
class TrackRecordIT extends OnPaperVenue {

    private static final BigDecimal SIZE = new BigDecimal("50000");
    /** The endpoint shows percentages and the index to 6 decimals. */
    private static final BigDecimal SHOWN = new BigDecimal("0.000001");

    @Test
    void givenARoundTripWithFees_whenValuedAndComputed_thenTheTrackRecordAgreesWithTheVenuesTrades() {
        venue.faults().clear();
        venue.exchange().setMarket("BTCEUR", new BigDecimal("60000"), new BigDecimal("0.02"));
        Http developer = users.verified("DEVELOPER").http();
        String algorithmId = PaperSubscribers.algorithm(developer);
        Subscriber subscriber = subscribers.subscribe(algorithmId, SIZE.toPlainString(), new BigDecimal("100000"));
        DirectOrders directOrders = new DirectOrders(workflowClient, orders, subscriber);

        // A thin book: each order walks several levels, each trade with its own fee; the sell gives back all.
        OrderInput buy = directOrders.filledAtMarket(Side.BUY, "0.05");
        venue.exchange().setMarket("BTCEUR", new BigDecimal("61000"), new BigDecimal("0.02"));
        OrderInput sell = directOrders.filledAtMarket(Side.SELL, "0.05");

        // By hand, from the venue's record: flat again, the portfolio is worth its size plus the cash the trades
        // moved (fees included); the index starts at 100 and is the value over the size.
        List<PaperTrade> trades =
                venue.exchange().trades(subscriber.key().apiKey(), "BTCEUR", null, null, null, null, 1000);
        assertThat(trades).hasSizeGreaterThan(2);
        assertThat(trades)
                .allSatisfy(trade -> assertThat(trade.commissionAsset()).isEqualTo("EUR"));
        BigDecimal cash = trades.stream()
                .map(t -> t.buyer()
                        ? t.quoteQty().add(t.commission()).negate()
                        : t.quoteQty().subtract(t.commission()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal index = SIZE.add(cash).multiply(new BigDecimal(100)).divide(SIZE, 20, RoundingMode.HALF_EVEN);
        BigDecimal returnPct = index.subtract(new BigDecimal(100));
        BigDecimal drawdownPct = returnPct.signum() < 0 ? returnPct.negate() : BigDecimal.ZERO;
        LocalDate since = trades.stream()
                .map(t ->
                        Instant.ofEpochMilli(t.time()).atOffset(ZoneOffset.UTC).toLocalDate())
                .min(LocalDate::compareTo)
                .orElseThrow();

        PeriodicWorkflows.valueNow(workflowClient);
        Http browser = users.verified("USER").http();
        String path = "/api/v1/algorithms/" + algorithmId + "/track-record";
        JsonNode record = computeNowAndAwait(browser, path, trades.size());

        assertThat(fieldNames(record))
                .containsExactlyInAnyOrder(
                        "since", "portfolios", "returnPct", "maxDrawdownPct", "winRatePct", "trades", "equity");
        assertThat(record.get("since").asString()).isEqualTo(since.toString());
        assertThat(record.get("portfolios").asInt()).isEqualTo(1);
        assertThat(record.get("trades").asInt()).isEqualTo(trades.size());
        assertThat(decimal(record, "returnPct")).isCloseTo(returnPct, within(SHOWN));
        assertThat(decimal(record, "maxDrawdownPct")).isCloseTo(drawdownPct, within(SHOWN));
        assertThat(decimal(record, "winRatePct"))
                .as("one round trip, won when it brought in more than it took, fees included")
                .isEqualByComparingTo(cash.signum() > 0 ? "100" : "0");
        JsonNode equity = record.get("equity");
        assertThat(equity).hasSize(1);
        assertThat(equity.get(0).get("date").asString()).isEqualTo(since.toString());
        assertThat(decimal(equity.get(0), "index")).isCloseTo(index, within(SHOWN));
        String raw = browser.get(path).raw();
        assertThat(raw)
                .as("no portfolio or connection")
                .doesNotContain(subscriber.portfolioId())
                .doesNotContain(subscriber.connectionId());

        JsonNode listed = listed(browser, algorithmId);
        assertThat(decimal(listed.get("trackRecord"), "returnPct")).isEqualByComparingTo(decimal(record, "returnPct"));
        assertThat(listed.get("trackRecord").get("trades").asInt()).isEqualTo(trades.size());

        assertProblem(
                browser.get("/api/v1/algorithms/" + UUID.randomUUID() + "/track-record"), 404, "algorithm-not-found");
        assertThat(users.anonymous().get(path).status()).isEqualTo(401);
    }

    /**
     * Asks the track records to be computed now, again until the valuation's point is in (the two workflows do not
     * wait for each other, and a fill counts from TrackRecordRepository.SETTLE after it was stored), and answers the
     * track record that shows every trade and the day's index.
     */
    private JsonNode computeNowAndAwait(Http browser, String path, int trades) {
        return Await.until(
                DEADLINE,
                () -> {
                    PeriodicWorkflows.computeTrackRecordsNow(workflowClient);
                    Http.Response response = browser.get(path);
                    assertThat(response.status()).as(response.raw()).isEqualTo(200);
                    return response.body();
                },
                body -> body.get("trades").asInt() == trades
                        && body.get("equity").size() == 1);
    }

    /** The algorithm as the store list shows it (the newest first: it is on the first page). */
    private static JsonNode listed(Http browser, String algorithmId) {
        Http.Response response = browser.get("/api/v1/algorithms?exchange=PAPER&limit=500");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        for (JsonNode item : response.body().get("items")) {
            if (item.get("id").asString().equals(algorithmId)) {
                return item;
            }
        }
        throw new AssertionError("algorithm " + algorithmId + " not listed: " + response.raw());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as(field + " in " + node).isNotNull();
        return value.isNull() ? null : new BigDecimal(value.asString());
    }
}
