package com.algomarket.workflows.orders.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.support.RecordedHistories;
import com.algomarket.workflows.support.RecordedHistory;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order workflow's recorded histories (real dev server, paper venue) told as steps: each scenario's story in the
 * owner's words, from the events and decoded payloads alone. The histories are plain JSON, so the default converter
 * decodes them; the app's encrypting converter decodes its own histories the same way (OrderTimelineIT).
 */
class OrderTimelineTest {

    private static final DataConverter JSON = DefaultDataConverter.STANDARD_INSTANCE;

    private static List<OrderStep> timeline(String scenario) throws IOException {
        return OrderTimeline.of(RecordedHistories.load("order", scenario), JSON);
    }

    private static List<String> texts(List<OrderStep> steps) {
        return steps.stream().map(OrderStep::text).toList();
    }

    @Test
    void givenLostAnswerAndTheOrderFound_whenTold_thenNoAnswerLookedUpFoundNotSentAgainFilledReconciled()
            throws IOException {
        List<OrderStep> steps = timeline("unknown-then-found");

        assertThat(texts(steps))
                .containsExactly(
                        "risk check passed",
                        "recorded before anything was sent",
                        "sent at 07:43:09.024 UTC",
                        "no answer (connection lost)",
                        "looked up by client order id",
                        "found, not sent again",
                        "filled 0.02 at 60,030.00",
                        "reconciled with the exchange: 0.02 at 60,030.00",
                        "done: FILLED");
        assertThat(steps.get(2).at()).isEqualTo(Instant.parse("2026-11-23T07:43:09.024426425Z"));
        assertThat(steps.get(3).kind()).isEqualTo(OrderStepKind.NO_ANSWER);
        assertThat(steps.get(3).details()).containsExactly(Map.entry("failure", "UNKNOWN"));
        assertThat(steps.get(6).details())
                .containsExactly(Map.entry("filledQuantity", "0.02"), Map.entry("averagePrice", "60030"));
    }

    @Test
    void givenTheOneStepRiskCheckAndIntent_whenTold_thenReadLikeTheTwoStepsBefore() throws IOException {
        // Version 2 of the order workflow checks and records the intent in one local activity.
        assertThat(texts(timeline("filled-one-risk-and-intent-step")))
                .startsWith("risk check passed", "recorded before anything was sent")
                .last()
                .isEqualTo("done: FILLED");
    }

    @Test
    void givenLostAnswerAndTheOrderAbsentTwice_whenTold_thenSentAgainOnlyAfterTheSecondLookup() throws IOException {
        assertThat(texts(timeline("unknown-not-found-resubmitted")))
                .containsExactly(
                        "risk check passed",
                        "recorded before anything was sent",
                        "sent at 08:43:04.727 UTC",
                        "no answer (timed out)",
                        "looked up by client order id",
                        "not found yet, looking again shortly",
                        "looked up by client order id",
                        "not found, safe to send again",
                        "not at the exchange, sent again at 08:43:20.099 UTC",
                        "accepted by the exchange",
                        "filled 0.001 at 60,030.00",
                        "reconciled with the exchange: 0.001 at 60,030.00",
                        "done: FILLED");
    }

    @Test
    void givenLocalRiskAndIntent_whenTold_thenTheMarkersReadLikeActivities() throws IOException {
        assertThat(timeline("filled-from-signal"))
                .extracting(OrderStep::kind)
                .containsExactly(
                        OrderStepKind.RISK_CHECK_PASSED,
                        OrderStepKind.RECORDED,
                        OrderStepKind.SENT,
                        OrderStepKind.ACCEPTED,
                        OrderStepKind.FILLED,
                        OrderStepKind.RECONCILED,
                        OrderStepKind.FINISHED);
    }

    @Test
    void givenRateLimitedSends_whenTold_thenTheSendSaysWhichAttemptGotThrough() throws IOException {
        OrderStep sent = timeline("rate-limited-then-filled").stream()
                .filter(step -> step.kind() == OrderStepKind.SENT)
                .findFirst()
                .orElseThrow();

        assertThat(sent.text()).isEqualTo("sent at 08:43:01.622 UTC (attempt 3, after the exchange limited requests)");
        assertThat(sent.details()).containsEntry("attempt", "3").containsEntry("earlierFailure", "RATE_LIMITED");
    }

    @Test
    void givenKillWhileResting_whenTold_thenCancelRequestedSentAndConfirmed() throws IOException {
        assertThat(texts(timeline("killed-while-resting")))
                .containsSubsequence(
                        "accepted by the exchange",
                        "cancel requested by the kill switch",
                        "cancel sent at 07:43:07.075 UTC",
                        "cancelled at the exchange",
                        "reconciled with the exchange: nothing filled",
                        "done: CANCELLED");
    }

    @Test
    void givenTimeout_whenTold_thenTheCancelSaysWhy() throws IOException {
        assertThat(texts(timeline("timed-out-and-cancelled")))
                .contains("not done within 3 s, cancel sent at 07:43:04.885 UTC", "done: CANCELLED")
                .doesNotContain("cancel requested by the kill switch");
    }

    @Test
    void givenPartialFillThenTimeout_whenTold_thenThePartialFillIsToldOnce() throws IOException {
        List<OrderStep> steps = timeline("partial-fill-then-timeout");

        assertThat(steps)
                .filteredOn(step -> step.kind() == OrderStepKind.PARTIALLY_FILLED)
                .extracting(OrderStep::text)
                .containsExactly("partially filled 0.001 at 60,030.00");
        assertThat(steps.getLast().kind()).isEqualTo(OrderStepKind.FINISHED);
    }

    @Test
    void givenExchangeRejection_whenTold_thenRejectedWithItsKindAndNotTheExchangesMessage() throws IOException {
        List<OrderStep> steps = timeline("rejected-by-exchange");

        assertThat(texts(steps)).endsWith("rejected by the exchange", "done: REJECTED");
        assertThat(steps.get(steps.size() - 2).details()).containsExactly(Map.entry("failure", "REJECTED"));
    }

    @Test
    void givenRiskRefusal_whenTold_thenRefusedWithTheRiskReasonAndNeverSent() throws IOException {
        assertThat(texts(timeline("risk-refused")))
                .containsExactly(
                        "refused by the risk check: portfolio is KILLED",
                        "recorded before anything was sent",
                        "done: REJECTED");
    }

    @Test
    void givenPayloadsThatCannotBeDecoded_whenTold_thenTheStepsRemainWithoutTheirFacts() throws IOException {
        // As with a payload encrypted under a key since rotated out of the keyset.
        PayloadCodec unreadable = new PayloadCodec() {
            @Override
            public List<Payload> encode(List<Payload> payloads) {
                return payloads;
            }

            @Override
            public List<Payload> decode(List<Payload> payloads) {
                throw new PayloadCodecException("no key for these payloads");
            }
        };
        DataConverter withoutTheKey = new CodecDataConverter(JSON, List.of(unreadable));

        List<OrderStep> steps = OrderTimeline.of(RecordedHistories.load("order", "unknown-then-found"), withoutTheKey);

        assertThat(steps)
                .extracting(OrderStep::kind)
                .containsExactly(
                        OrderStepKind.RECORDED,
                        OrderStepKind.SENT,
                        OrderStepKind.NO_ANSWER,
                        OrderStepKind.LOOKED_UP,
                        OrderStepKind.RECONCILED,
                        OrderStepKind.FINISHED);
        assertThat(steps.getLast().text()).isEqualTo("done");
    }

    static Stream<String> everyOrderHistory() {
        return Stream.of(
                "filled",
                "filled-from-signal",
                "killed-while-resting",
                "killed-while-resting-v1",
                "partial-fill-then-timeout",
                "rate-limited-then-filled",
                "rejected-by-exchange",
                "risk-refused",
                "timed-out-and-cancelled",
                "unknown-not-found-resubmitted",
                "unknown-then-found");
    }

    @ParameterizedTest
    @MethodSource("everyOrderHistory")
    void givenAnyRecordedOrder_whenTold_thenStepsAreInOrderEndWithTheResultAndRepeatNoIdOrMessage(
            @RecordedHistory("order") WorkflowExecutionHistory history) throws IOException {
        List<OrderStep> steps = OrderTimeline.of(history, JSON);
        String json = history.toJson(false);

        assertThat(steps).isNotEmpty();
        assertThat(steps).extracting(OrderStep::at).isSorted();
        assertThat(steps.getLast().kind()).isEqualTo(OrderStepKind.FINISHED);
        assertThat(steps)
                .allSatisfy(step -> assertThat(step.text() + step.details())
                        .doesNotContain("PAPER", "HTTP", "Exception", "orderId", "portfolioId", "connectionId")
                        .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-"));
        assertThat(json).contains("OrderWorkflow");
    }
}
