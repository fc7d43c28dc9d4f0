package com.algomarket.api.support;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperStats;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import java.time.Duration;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;

/**
 * A subscriber's order resting at the paper venue while the connection's account stream follows it, for the ITs of
 * orders filled through the stream: placed through a signal, then waited for in the database, and the venue's count
 * of order lookups that shows the order workflow did not poll.
 */
@RequiredArgsConstructor
public final class RestingOrders {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String ORDER_LOOKUP = "GET /api/v3/order";

    private final DSLContext dsl;

    /**
     * A BUY of 0.01 BTC at 30,000 EUR, far below the market, resting at the venue; answers its signal id once its
     * order is PENDING and the stream has reported it (the venue's balance report after the order locked its 300 EUR
     * and fee), so that whatever the stream sends next is about the fill.
     */
    public String buy(Http developer, String algorithmId, Subscriber subscriber) {
        String signalId = PaperSubscribers.signal(developer, algorithmId, """
                {"symbol":"BTC/EUR","side":"BUY","type":"LIMIT","limitPrice":"30000","sizing":{"quantity":"0.01"},
                 "timeoutSeconds":600}""");
        Await.until(
                DEADLINE,
                () -> new PortfolioRows(dsl).orderStatus(subscriber.portfolioId(), signalId),
                OrderStatus.PENDING::equals);
        AccountStreamRepository streamRecords = new AccountStreamRepository(dsl);
        Await.until(
                DEADLINE,
                () -> streamRecords.balances(UUID.fromString(subscriber.connectionId())),
                balances -> balances.stream()
                        .anyMatch(balance -> balance.asset().equals("EUR")
                                && balance.locked().signum() > 0));
        return signalId;
    }

    /** Waits until the subscriber's order for the signal is FILLED in the database. */
    public void awaitFilled(Subscriber subscriber, String signalId) {
        Await.until(
                DEADLINE,
                () -> new PortfolioRows(dsl).orderStatus(subscriber.portfolioId(), signalId),
                OrderStatus.FILLED::equals);
    }

    /** How often the venue was asked about one order ({@code GET /api/v3/order}) with the subscriber's key. */
    public static long lookups(PaperStats stats, PaperExchange venue, Subscriber subscriber) {
        String key = subscriber.key().apiKey().substring(0, 8);
        return stats.snapshot(venue).requests().stream()
                .filter(count -> key.equals(count.key()) && count.endpoint().equals(ORDER_LOOKUP))
                .mapToLong(PaperStats.RequestCount::count)
                .sum();
    }
}
