package com.algomarket.workflows.orders.timeline;

import com.algomarket.workflows.orders.OrderStatus;
import io.temporal.api.enums.v1.EventType;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The words and number formats of an order's timeline: one place, so that every step reads alike. */
final class StepWords {

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private StepWords() {}

    /** {@code 12:00:01.120 UTC}: a time of day to the millisecond, as an order's steps are seconds apart. */
    static String clock(Instant at) {
        return CLOCK.format(at) + " UTC";
    }

    /** {@code 50,010.50}: grouped, at least two decimals, every decimal the exchange gave. */
    static String price(BigDecimal price) {
        DecimalFormat format =
                new DecimalFormat("#,##0.00##########", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(price);
    }

    /** {@code 0.0012}: as exact as the exchange's step, without trailing zeros. */
    static String quantity(BigDecimal quantity) {
        return quantity.stripTrailingZeros().toPlainString();
    }

    /** {@code 0.0012 at 50,010.50}, or the quantity alone when the exchange gave no average price. */
    static String fill(BigDecimal quantity, BigDecimal averagePrice) {
        return averagePrice == null ? quantity(quantity) : quantity(quantity) + " at " + price(averagePrice);
    }

    static Map<String, String> fillDetails(BigDecimal quantity, BigDecimal averagePrice) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("filledQuantity", quantity(quantity));
        if (averagePrice != null) {
            details.put("averagePrice", averagePrice.stripTrailingZeros().toPlainString());
        }
        return details;
    }

    /** A failure kind (an ExchangeFailure name, or TIMEOUT) in plain words. */
    static String failure(String kind) {
        return switch (kind) {
            case "RATE_LIMITED" -> "the exchange limited requests";
            case "UNAVAILABLE" -> "the exchange was unavailable";
            case "UNKNOWN" -> "no answer";
            case "AUTH" -> "the exchange refused the key";
            case "REJECTED" -> "refused by the exchange";
            case "TIMEOUT" -> "no answer within the time allowed";
            default -> "a failure";
        };
    }

    /** What an activity other than the submit asked, for a step that says it failed. */
    static String call(String activity) {
        return switch (activity) {
            case "Lookup" -> "looking the order up";
            case "Poll" -> "asking the exchange about the order";
            case "Cancel" -> "cancelling";
            case "Reconcile" -> "reconciling with the exchange";
            case "CheckRisk", "CheckRiskAndRecordIntent" -> "the risk check";
            default -> "a step";
        };
    }

    /** The cancel signal's reason, as the kill switch and the user's cancel send it, in the owner's words. */
    static String cancelReason(String reason) {
        if (reason != null && reason.startsWith("kill switch")) {
            return "cancel requested by the kill switch";
        }
        if ("cancelled by the user".equals(reason)) {
            return "you asked to cancel it";
        }
        return "cancel requested";
    }

    static String finalStatus(OrderStatus status) {
        return status == null ? "done" : "done: " + status;
    }

    /** How a run that ended without an answer ended (terminated, timed out, cancelled, failed); empty otherwise. */
    static Optional<String> endedWithoutAnswer(EventType type) {
        return Optional.ofNullable(
                switch (type) {
                    case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
                        "stopped by an operator; reconciliation settles the order";
                    case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT ->
                        "no longer followed (timed out); reconciliation settles it";
                    case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED ->
                        "no longer followed (cancelled); reconciliation settles it";
                    case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
                        "no longer followed (failed); reconciliation settles the order";
                    default -> null;
                });
    }
}
