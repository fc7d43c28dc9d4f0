package com.algomarket.api.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.workflows.orders.timeline.OrderStep;
import com.algomarket.workflows.orders.timeline.OrderStepKind;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTimelinesTest {

    private static final Instant AT = Instant.parse("2026-11-30T12:00:01.120Z");

    private final List<OrderStep> steps = List.of(
            new OrderStep(AT, OrderStepKind.FILLED, "filled 0.0012 at 50,010.50", Map.of("filledQuantity", "0.0012")),
            new OrderStep(
                    AT,
                    OrderStepKind.RECONCILED,
                    "reconciled with the exchange: 0.0012 at 50,010.50",
                    Map.of("filledQuantity", "0.0012")));

    @Test
    void givenFeesInTwoAssets_whenAdded_thenTheReconciledStepNamesBothAndNoOtherStepChanges() {
        Map<String, BigDecimal> fees = new LinkedHashMap<>();
        fees.put("BNB", new BigDecimal("0.000010000"));
        fees.put("EUR", new BigDecimal("0.0500"));

        List<OrderStep> told = OrderTimelines.withFees(steps, fees);

        assertThat(told.get(0)).isEqualTo(steps.get(0));
        assertThat(told.get(1).text())
                .isEqualTo("reconciled with the exchange: 0.0012 at 50,010.50, fee 0.00001 BNB and 0.05 EUR");
        assertThat(told.get(1).details()).containsEntry("fee", "0.00001 BNB and 0.05 EUR");
    }

    @Test
    void givenNoFills_whenAdded_thenTheStepsStayAsTheyWere() {
        assertThat(OrderTimelines.withFees(steps, Map.of())).isEqualTo(steps);
    }
}
