package com.algomarket.workflows.orders.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.RecordedHistories;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A trailing stop's story from its recorded histories (real dev server, paper venue, TrailingStopIT): the trailing
 * stop's own run (armed, stop moved, triggered, or ended by a kill), then the order workflow it continued as new into,
 * told as one order's steps.
 */
class TrailingStopTimelineTest {

    private static final DataConverter JSON = DefaultDataConverter.STANDARD_INSTANCE;

    private static List<String> texts(List<OrderStep> steps) {
        return steps.stream().map(OrderStep::text).toList();
    }

    @Test
    void givenAStopThatFollowedThePriceAndWasCrossed_whenTold_thenArmedStopMovedTriggered() throws IOException {
        List<OrderStep> steps =
                OrderTimeline.of(RecordedHistories.load("trailing-stop", "followed-then-crossed"), JSON);

        assertThat(texts(steps))
                .containsExactly(
                        "trailing stop armed at 09:06:58.189 UTC: sell 0.01 once the price falls 300.00 below its"
                                + " highest",
                        "stop moved to 60,700.00",
                        "triggered at 09:07:14.591 UTC: the price fell to the stop at 60,700.00, exit order placed");
        assertThat(steps)
                .extracting(OrderStep::kind)
                .containsExactly(OrderStepKind.TRAILING_STOP_SET, OrderStepKind.STOP_MOVED, OrderStepKind.TRIGGERED);
        assertThat(steps.getFirst().details()).containsExactly(Map.entry("trailingAmount", "300"));
        assertThat(steps.get(2).details()).containsExactly(Map.entry("stop", "60700"));
        assertThat(steps.get(2).at()).isEqualTo(Instant.parse("2026-11-30T09:07:14.591053929Z"));
    }

    @Test
    void givenAnArmedStopEndedByAKill_whenTold_thenTheKillAndNothingSent() throws IOException {
        List<OrderStep> steps = OrderTimeline.of(RecordedHistories.load("trailing-stop", "killed-while-armed"), JSON);

        assertThat(texts(steps))
                .containsExactly(
                        "trailing stop armed at 09:06:51.579 UTC: sell 0.01 once the price falls 300.00 below its"
                                + " highest",
                        "cancel requested by the kill switch",
                        "stop moved to 59,700.00",
                        "ended before it was crossed: portfolio is KILLED",
                        "done: CANCELLED, nothing was sent to the exchange");
        assertThat(steps.getLast().details()).containsExactly(Map.entry("status", "CANCELLED"));
    }

    @Test
    void givenACrossedStopAndTheExitItContinuedInto_whenTold_thenOneStoryFromArmedToFilled() throws IOException {
        List<OrderStep> steps = OrderTimeline.of(
                List.of(
                        RecordedHistories.load("trailing-stop", "crossed-before-its-exit"),
                        RecordedHistories.load("order", "trailing-stop-exit")),
                JSON);

        assertThat(texts(steps))
                .containsExactly(
                        "trailing stop armed at 10:46:33.461 UTC: sell 0.01 once the price falls 300.00 below its"
                                + " highest",
                        "stop moved to 60,700.00",
                        "triggered at 10:46:50.115 UTC: the price fell to the stop at 60,700.00, exit order placed",
                        "risk check passed",
                        "recorded before anything was sent",
                        "sent at 10:46:51.360 UTC",
                        "accepted by the exchange",
                        "filled 0.01 at 60,619.67",
                        "reconciled with the exchange: 0.01 at 60,619.67",
                        "done: FILLED");
    }
}
