package com.algomarket.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.api.support.DirectOrders;
import com.algomarket.api.support.Http;
import com.algomarket.api.support.OnPaperVenue;
import com.algomarket.api.support.PaperSubscribers.Subscriber;
import com.algomarket.api.support.RealServersOnPaper;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /orders/{id}/timeline} on the real dev server, with the app's encrypting payload codec, against the paper
 * venue: an order whose placement answer the venue loses tells its owner that nothing answered, that it was looked up
 * by its client order id, found and not sent again, and filled; another user gets 404.
 */
@RealServersOnPaper(seed = 16)
class OrderTimelineIT extends OnPaperVenue {

    private Http owner;
    private DirectOrders directOrders;

    @BeforeEach
    void portfolio() {
        venue.faults().clear();
        Subscriber subscriber = subscribers.subscribeToNewAlgorithm("50000", new BigDecimal("100000"));
        owner = subscriber.http();
        directOrders = new DirectOrders(workflowClient, orders, subscriber);
    }

    @Test
    void
            givenTheVenueLostThePlacementAnswer_whenTheOwnerReadsTheTimeline_thenNoAnswerLookedUpFoundNotSentAgainFilled() {
        int lostBefore = venue.faults().injected().getOrDefault(PaperFaults.Kind.LOST_RESPONSE, 0);
        venue.faults().add(new PaperFaults.Fault("POST /api/v3/order", PaperFaults.Kind.LOST_RESPONSE, 1, null, 1));
        OrderInput input = directOrders.filledAtMarket(Side.BUY, "0.0012");
        assertThat(venue.faults().injected().getOrDefault(PaperFaults.Kind.LOST_RESPONSE, 0))
                .as("the lost answer struck")
                .isEqualTo(lostBefore + 1);

        Http.Response timeline = owner.get("/api/v1/orders/" + input.orderId() + "/timeline");

        assertThat(timeline.status()).as(timeline.raw()).isEqualTo(200);
        assertThat(timeline.body().get("orderId").asString()).isEqualTo(input.orderId());
        List<String> texts = texts(timeline.body());
        assertThat(texts)
                .as(timeline.raw())
                .containsSubsequence(
                        "risk check passed",
                        "no answer (connection lost)",
                        "looked up by client order id",
                        "found, not sent again",
                        "done: FILLED");
        assertThat(texts).anyMatch(text -> text.startsWith("sent at "));
        assertThat(texts).anyMatch(text -> text.startsWith("filled 0.0012 at "));
        assertThat(texts)
                .anyMatch(text -> text.startsWith("reconciled with the exchange: 0.0012 at ") && text.endsWith(" EUR"));
        assertThat(kinds(timeline.body())).as("sent once, never again").containsOnlyOnce("SENT");
        JsonNode noAnswer = step(timeline.body(), "NO_ANSWER");
        assertThat(noAnswer.get("details").get("failure").asString()).isEqualTo("UNKNOWN");
        assertThat(noAnswer.get("at").asString()).endsWith("Z");
        assertThat(timeline.raw())
                .as("no id, key or exchange message in the answer")
                .doesNotContain(input.clientOrderId(), input.portfolioId(), input.connectionId(), "Exception");
    }

    @Test
    void givenAnotherUsersOrder_whenTheTimelineIsAsked_thenNotFound() {
        OrderInput input = directOrders.filledAtMarket(Side.BUY, "0.0012");
        Http stranger = users.verified("USER").http();

        assertThat(stranger.get("/api/v1/orders/" + input.orderId() + "/timeline")
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/orders/" + UUID.randomUUID() + "/timeline")
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/api/v1/orders/" + input.orderId() + "/timeline").status())
                .isEqualTo(200);
    }

    private static List<String> texts(JsonNode body) {
        List<String> texts = new ArrayList<>();
        body.get("steps").forEach(step -> texts.add(step.get("text").asString()));
        return texts;
    }

    private static List<String> kinds(JsonNode body) {
        List<String> kinds = new ArrayList<>();
        body.get("steps").forEach(step -> kinds.add(step.get("kind").asString()));
        return kinds;
    }

    private static JsonNode step(JsonNode body, String kind) {
        for (JsonNode step : body.get("steps")) {
            if (kind.equals(step.get("kind").asString())) {
                return step;
            }
        }
        throw new AssertionError("no " + kind + " step in " + body);
    }
}
