package com.algomarket.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The portfolio's ledger through REST, on the real dev server and a paper venue: two quick signals that each fit the
 * portfolio alone but not together trade once, whatever else the account holds, and the second is refused before the
 * exchange.
 */
@RealServersOnPaper(seed = 31)
class PortfolioLedgerIT extends OnPaperVenue {

    private static final String BUY = """
            {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.002"}}""";

    private Http developer;

    @BeforeEach
    void developer() {
        venue.faults().clear();
        developer = users.verified("DEVELOPER").http();
    }

    /**
     * Issue 13's reproduction: with two portfolios of one user on one connection, two SELL signals of the first
     * portfolio's whole position used to sell the second portfolio's BTC too and leave the first's position negative.
     */
    @Test
    void givenTwoPortfoliosOnOneConnection_whenTwoSellsOfTheFirstsWholePosition_thenItIsSoldOnce() {
        String first = PaperSubscribers.algorithm(developer);
        String second = PaperSubscribers.algorithm(developer);
        Subscriber subscriber = subscribers.subscribe(first, "1000");
        String otherPortfolio = subscribers.portfolio(subscriber.http(), second, subscriber.connectionId(), "1000");
        awaitFinal(subscriber.portfolioId(), PaperSubscribers.signal(developer, first, BUY), OrderStatus.FILLED);
        awaitFinal(otherPortfolio, PaperSubscribers.signal(developer, second, BUY), OrderStatus.FILLED);
        Await.until(
                DEADLINE, () -> rows.position(otherPortfolio), held -> held.compareTo(new BigDecimal("0.002")) == 0);

        String sellAll = """
                {"symbol":"BTC/EUR","side":"SELL","type":"MARKET","sizing":{"portfolioFraction":"1"}}""";

        assertThat(signalledTwice(first, subscriber.portfolioId(), sellAll))
                .extracting(Decision::status)
                .containsExactlyInAnyOrder(OrderStatus.FILLED, OrderStatus.REJECTED);
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey()))
                .filteredOn(order -> order.side().equals("SELL"))
                .singleElement()
                .satisfies(order -> assertThat(order.executedQty()).isEqualByComparingTo("0.002"));
        assertThat(venue.exchange().balances(subscriber.key().apiKey()).get("BTC")[0])
                .as("the second portfolio's BTC is still at the venue")
                .isEqualByComparingTo("0.002");
        Await.until(DEADLINE, () -> rows.position(subscriber.portfolioId()), held -> held.signum() == 0);
        assertThat(rows.position(otherPortfolio)).isEqualByComparingTo("0.002");
    }

    /** Each buy spends 600 of the portfolio's 1,000: alone each fits, together they do not. */
    @Test
    void givenTwoBuysThatFitAloneButNotTogether_whenSignalledAtOnce_thenTheSecondIsRefusedInsufficientBalance() {
        String algorithm = PaperSubscribers.algorithm(developer);
        Subscriber subscriber = subscribers.subscribe(algorithm, "1000");
        // Wide limits of its own, so that only the ledger can refuse (not the order or position notional).
        Http.Response wide = subscriber
                .http()
                .putJson(
                        "/api/v1/portfolios/" + subscriber.portfolioId() + "/risk",
                        "{\"maxOrderNotional\":\"100000\",\"maxPositionNotional\":\"100000\"}");
        assertThat(wide.status()).as(wide.raw()).isEqualTo(200);

        String buyMost = """
                {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"portfolioFraction":"0.6"}}""";

        List<Decision> decided = signalledTwice(algorithm, subscriber.portfolioId(), buyMost);
        assertThat(decided)
                .extracting(Decision::status)
                .containsExactlyInAnyOrder(OrderStatus.FILLED, OrderStatus.REJECTED);
        assertThat(decided)
                .filteredOn(row -> row.status() == OrderStatus.REJECTED)
                .singleElement()
                .satisfies(row -> assertThat(row.reason()).startsWith("risk check: insufficient-balance: "));
        assertThat(venue.exchange().allOrders(subscriber.key().apiKey()))
                .filteredOn(order -> order.side().equals("BUY"))
                .hasSize(1);
    }

    private void awaitFinal(String portfolioId, String signalId, OrderStatus expected) {
        assertThat(finalStatus(portfolioId, signalId)).isEqualTo(expected);
    }

    private OrderStatus finalStatus(String portfolioId, String signalId) {
        return Await.until(
                DEADLINE, () -> rows.orderStatus(portfolioId, signalId), status -> status != null && status.isFinal());
    }

    /** Posts the same signal twice, one right after the other, and answers how the portfolio's two orders ended. */
    private List<Decision> signalledTwice(String algorithmId, String portfolioId, String signal) {
        String once = PaperSubscribers.signal(developer, algorithmId, signal);
        String again = PaperSubscribers.signal(developer, algorithmId, signal);
        return List.of(decision(portfolioId, once), decision(portfolioId, again));
    }

    /** The final status and reason of the portfolio's order for the signal. */
    private Decision decision(String portfolioId, String signalId) {
        return new Decision(finalStatus(portfolioId, signalId), rows.orderReason(portfolioId, signalId));
    }

    private record Decision(OrderStatus status, String reason) {}
}
