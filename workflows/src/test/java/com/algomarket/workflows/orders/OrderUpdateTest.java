package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderUpdateTest {

    private static OrderUpdate update(OrderStatus status, String filled, boolean settled) {
        return new OrderUpdate(
                "o-1", status, "42", filled == null ? null : new BigDecimal(filled), null, null, settled);
    }

    @Test
    void givenAFinalStatusBeforeTheFillsAreSettled_whenRecorded_thenStillOpen() {
        assertThat(update(OrderStatus.FILLED, "0.5", false).recordedStatus()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(update(OrderStatus.CANCELLED, "0", false).recordedStatus()).isEqualTo(OrderStatus.PENDING);
        assertThat(update(OrderStatus.REJECTED, null, false).recordedStatus()).isEqualTo(OrderStatus.PENDING);
    }

    @Test
    void givenSettledOrOpenStatuses_whenRecorded_thenAsReported() {
        assertThat(update(OrderStatus.FILLED, "0.5", true).recordedStatus()).isEqualTo(OrderStatus.FILLED);
        assertThat(update(OrderStatus.CANCELLED, "0", true).recordedStatus()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(update(OrderStatus.PARTIALLY_FILLED, "0.1", false).recordedStatus())
                .isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(update(OrderStatus.PENDING, "0", false).recordedStatus()).isEqualTo(OrderStatus.PENDING);
    }
}
