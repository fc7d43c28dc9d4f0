package com.algomarket.api.portfolios;

import static com.algomarket.db.jooq.Tables.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnDevelopersAlgorithm;
import com.algomarket.api.support.PaperSubscribers;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.support.Await;
import java.util.UUID;
import org.jooq.Record2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A portfolio's own risk limits through {@code GET|PUT /portfolios/{id}/risk}: the defaults scale with its size, and
 * an override changes the decision on the very next order, both ways.
 */
@RealServersOnPaper(seed = 29)
class RiskLimitsIT extends OnDevelopersAlgorithm {

    private static final String BUY = """
            {"symbol":"BTC/EUR","side":"BUY","type":"MARKET","sizing":{"quantity":"0.001"}}""";

    private Subscriber subscriber;
    private String risk;

    @BeforeEach
    void portfolio() {
        subscriber = subscribers.subscribe(algorithmId, "1000");
        risk = "/api/v1/portfolios/" + subscriber.portfolioId() + "/risk";
    }

    @Test
    void givenDefaults_whenTheUserSetsAndClearsOwnLimits_thenTheNextOrdersDecisionFollows() {
        // The defaults of a portfolio of 1,000 (application.yml): order and position up to its size, a tenth a day.
        JsonNode defaults = subscriber.http().get(risk).body();
        assertThat(unset(defaults.get("own"), "maxOrderNotional")).isTrue();
        assertThat(defaults.get("effective").get("maxOrderNotional").decimalValue())
                .isEqualByComparingTo("1000");
        assertThat(defaults.get("effective").get("dailyLossLimit").decimalValue())
                .isEqualByComparingTo("100");
        assertThat(decision(PaperSubscribers.signal(developer, algorithmId, BUY))
                        .value1())
                .isEqualTo(OrderStatus.FILLED);

        // An own maximum far below the buy's notional: the same buy is refused before the exchange.
        Http.Response own = subscriber.http().putJson(risk, "{\"maxOrderNotional\":\"1\"}");
        assertThat(own.status()).as(own.raw()).isEqualTo(200);
        assertThat(own.body().get("effective").get("maxOrderNotional").decimalValue())
                .isEqualByComparingTo("1");
        assertThat(own.body().get("effective").get("maxPositionNotional").decimalValue())
                .as("a limit the user did not set keeps its default")
                .isEqualByComparingTo("1000");
        Record2<OrderStatus, String> refused = decision(PaperSubscribers.signal(developer, algorithmId, BUY));
        assertThat(refused.value1()).isEqualTo(OrderStatus.REJECTED);
        assertThat(refused.value2()).startsWith("risk check: order notional ").endsWith("is above the maximum of 1");

        // One order a minute: the next buy, though small enough again, is one too many.
        assertThat(subscriber.http().putJson(risk, "{\"maxOrdersPerMinute\":1}").status())
                .isEqualTo(200);
        Record2<OrderStatus, String> tooMany = decision(PaperSubscribers.signal(developer, algorithmId, BUY));
        assertThat(tooMany.value1()).isEqualTo(OrderStatus.REJECTED);
        assertThat(tooMany.value2()).isEqualTo("risk check: more than 1 orders in a minute");

        // Cleared: the defaults decide again.
        assertThat(subscriber.http().putJson(risk, "{}").status()).isEqualTo(200);
        assertThat(unset(subscriber.http().get(risk).body().get("own"), "maxOrdersPerMinute"))
                .isTrue();
        assertThat(decision(PaperSubscribers.signal(developer, algorithmId, BUY))
                        .value1())
                .isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void givenAnotherUsersPortfolio_whenReadingOrSettingItsLimits_thenNotFound() {
        Http stranger = users.verified("USER").http();

        assertThat(stranger.get(risk).status()).isEqualTo(404);
        assertThat(stranger.putJson(risk, "{\"maxOrderNotional\":\"1\"}").status())
                .isEqualTo(404);
        assertThat(unset(subscriber.http().get(risk).body().get("own"), "maxOrderNotional"))
                .isTrue();
    }

    /** A limit the user did not set: answered as null, or left out. */
    private static boolean unset(JsonNode limits, String name) {
        return limits.path(name).isNull() || limits.path(name).isMissingNode();
    }

    /** The final status and reason of the portfolio's order for the signal. */
    private Record2<OrderStatus, String> decision(String signalId) {
        return Await.until(
                DEADLINE,
                () -> dsl.select(ORDERS.STATUS, ORDERS.REASON)
                        .from(ORDERS)
                        .where(ORDERS.PORTFOLIO_ID.eq(UUID.fromString(subscriber.portfolioId())))
                        .and(ORDERS.SIGNAL_ID.eq(UUID.fromString(signalId)))
                        .fetchOptional()
                        .orElse(null),
                row -> row != null && row.value1().isFinal());
    }
}
