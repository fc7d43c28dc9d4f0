package com.algomarket.api.exchange;

import static com.algomarket.api.support.Answers.ok;
import static com.algomarket.db.jooq.Tables.ACCOUNT_BALANCE_READS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperStats;
import com.algomarket.activities.streams.AccountStream;
import com.algomarket.activities.streams.AccountStreams;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.HistoryRecorder;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reads from the database, not the exchange, on the real servers and a paper venue whose stats count what it is asked:
 * repeated {@code GET /connections} and valuations ask the venue nothing while the database has fresh values, answer
 * exactly the database's values with their age, and read the venue once (and record it) when what is stored is too old;
 * with the connection's account stream running, an order's pre-trade check reads no balance at the venue either.
 */
@RealServersOnPaper(seed = 41)
class DatabaseReadsIT extends OnPaperVenue {

    private static final String ACCOUNT = "GET /api/v3/account";
    private static final String TICKER = "GET /api/v3/ticker/price";
    private static final int REPEATS = 5;

    @Autowired
    AccountStreams streams;

    @Autowired
    StoredAccountReads stored;

    @Autowired
    PayloadEncryptionCodec payloadCodec;

    private Subscriber subscriber;
    private UUID connectionId;
    private Http user;
    private Thread streamThread;
    private volatile boolean streaming;

    /** A user with a PAPER connection (100,000 EUR) and a portfolio of 50,000 EUR; streams are off (the default). */
    @BeforeEach
    void subscriber() {
        venue.faults().clear();
        subscriber = subscribers.subscribeToNewAlgorithm("50000", new BigDecimal("100000"));
        connectionId = UUID.fromString(subscriber.connectionId());
        user = subscriber.http();
    }

    @AfterEach
    void stopStream() throws InterruptedException {
        streaming = false;
        if (streamThread != null) {
            streamThread.join(DEADLINE.toMillis());
        }
    }

    @Test
    void givenStreamsOff_whenConnectionsListedRepeatedly_thenTheVenueIsReadOnlyWhenWhatIsStoredIsTooOld() {
        // Creating the portfolio read the account (no stream vouches for it) and recorded the read.
        assertThat(stored.balances(connectionId))
                .get()
                .satisfies(read -> assertThat(read.source()).isEqualTo(Source.READ));
        makeTheStoredReadOld();

        long before = requests(ACCOUNT);
        JsonNode first = listedConnection();
        long afterFirst = requests(ACCOUNT);
        for (int i = 0; i < REPEATS; i++) {
            assertShowsTheDatabasesBalances(listedConnection(), Source.READ);
        }

        // Too old: read once, as every request did before (one account read per GET), and recorded...
        assertThat(afterFirst - before).isEqualTo(1);
        assertShowsTheDatabasesBalances(first, Source.READ);
        assertThat(decimal(first.get("balances").get(0), "free")).isEqualByComparingTo("100000");
        // ...so that the requests after it read nothing at the venue.
        assertThat(requests(ACCOUNT)).isEqualTo(afterFirst);
    }

    @Test
    void givenTheAccountStream_whenAnOrderFillsAndTheUserLooks_thenNoBalanceIsReadAtTheVenueAndPricesOnce() {
        startTheStream();
        long accountReads = requests(ACCOUNT);

        DirectOrders direct = new DirectOrders(workflowClient, orders, subscriber);
        OrderInput buy = direct.order(Side.BUY, OrderType.MARKET, "0.01", null, 30);
        assertThat(direct.run(buy)).isEqualTo(OrderStatus.FILLED);
        // A replay fixture of version 2 of the order workflow (one local activity for the risk check and the intent).
        HistoryRecorder.recordClosed(
                workflowClient,
                payloadCodec,
                WorkflowIds.order(buy.portfolioId(), buy.signalId()),
                "order",
                "filled-one-risk-and-intent-step");
        Await.until(
                DEADLINE,
                () -> stored.balances(connectionId).orElseThrow().balances(),
                balances -> balances.stream()
                        .anyMatch(balance -> balance.asset().equals("BTC")
                                && balance.free().compareTo(new BigDecimal("0.01")) == 0));
        // The pre-trade check took the free balance from the stream's: the venue was not asked for the account.
        assertThat(requests(ACCOUNT)).isEqualTo(accountReads);
        streaming = false; // what the database keeps now stays as it is while the test compares it
        awaitStreamStopped();

        for (int i = 0; i < REPEATS; i++) {
            assertShowsTheDatabasesBalances(listedConnection(), Source.STREAM);
        }
        assertThat(requests(ACCOUNT)).isEqualTo(accountReads);

        long tickers = requests(TICKER);
        JsonNode first = ok(user.get("/api/v1/portfolios/" + subscriber.portfolioId()));
        long afterFirst = requests(TICKER);
        for (int i = 0; i < REPEATS; i++) {
            assertValuedAtTheDatabasesPrice(ok(user.get("/api/v1/portfolios/" + subscriber.portfolioId())));
            JsonNode position = ok(user.get("/api/v1/portfolios/" + subscriber.portfolioId() + "/positions"))
                    .get(0);
            StoredPrice price = storedPrice();
            assertThat(decimal(position, "lastPrice")).isEqualByComparingTo(price.price());
            assertThat(instant(position, "lastPriceAsOf"))
                    .isEqualTo(price.asOf().toInstant());
        }
        // The stream's price of the fill predates the position it made: read once at the venue, then kept.
        assertThat(afterFirst - tickers).isLessThanOrEqualTo(1);
        assertValuedAtTheDatabasesPrice(first);
        assertThat(requests(TICKER)).isEqualTo(afterFirst);
    }

    private void startTheStream() {
        streaming = true;
        AccountStream stream = streams.open(connectionId);
        streamThread = Thread.ofVirtual().start(() -> stream.run(AccountStream.Control.whileTrue(() -> streaming)));
        Await.until(
                DEADLINE,
                () -> stored.balances(connectionId).map(StoredBalances::source),
                source -> source.filter(Source.STREAM::equals).isPresent());
    }

    private void awaitStreamStopped() {
        Await.until(DEADLINE, () -> streamThread.isAlive(), alive -> !alive);
    }

    /** As if the recorded read were a minute old, past what the connections list shows without reading again. */
    private void makeTheStoredReadOld() {
        dsl.update(ACCOUNT_BALANCE_READS)
                .set(ACCOUNT_BALANCE_READS.AS_OF, OffsetDateTime.now().minusMinutes(1))
                .where(ACCOUNT_BALANCE_READS.CONNECTION_ID.eq(connectionId))
                .execute();
    }

    private JsonNode listedConnection() {
        JsonNode listed = ok(user.get("/api/v1/connections"));
        assertThat(listed).hasSize(1);
        return listed.get(0);
    }

    private void assertShowsTheDatabasesBalances(JsonNode connection, Source source) {
        StoredBalances kept = stored.balances(connectionId).orElseThrow();
        assertThat(kept.source()).isEqualTo(source);
        assertThat(connection.get("balancesSource").asString()).isEqualTo(source.name());
        assertThat(instant(connection, "balancesAsOf")).isEqualTo(kept.asOf().toInstant());
        JsonNode balances = connection.get("balances");
        assertThat(balances).hasSize(kept.balances().size());
        for (int i = 0; i < balances.size(); i++) {
            assertThat(balances.get(i).get("asset").asString())
                    .isEqualTo(kept.balances().get(i).asset());
            assertThat(decimal(balances.get(i), "free"))
                    .isEqualByComparingTo(kept.balances().get(i).free());
            assertThat(decimal(balances.get(i), "locked"))
                    .isEqualByComparingTo(kept.balances().get(i).locked());
        }
    }

    private void assertValuedAtTheDatabasesPrice(JsonNode overview) {
        StoredPrice price = storedPrice();
        assertThat(overview.get("pricesUnavailable").asBoolean()).isFalse();
        assertThat(instant(overview, "pricesAsOf")).isEqualTo(price.asOf().toInstant());
        JsonNode position = ok(user.get("/api/v1/portfolios/" + subscriber.portfolioId() + "/positions"))
                .get(0);
        BigDecimal held = decimal(position, "quantity");
        BigDecimal unrealized = held.multiply(price.price().subtract(decimal(position, "averageCost")));
        assertThat(decimal(overview, "unrealizedPnl")).isEqualByComparingTo(unrealized);
    }

    private StoredPrice storedPrice() {
        return stored.lastPrices("PAPER", List.of("BTC/EUR")).get("BTC/EUR");
    }

    /** What the venue has been asked at {@code endpoint}, by any key. */
    private long requests(String endpoint) {
        return venue.stats().snapshot(venue.exchange()).requests().stream()
                .filter(count -> count.endpoint().equals(endpoint))
                .mapToLong(PaperStats.RequestCount::count)
                .sum();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return new BigDecimal(node.get(field).asString());
    }

    private static Instant instant(JsonNode node, String field) {
        return OffsetDateTime.parse(node.get(field).asString()).toInstant();
    }
}
