package com.algomarket.api.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.workflows.orders.OrderStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** The list parameters: what is accepted, and a 400 problem naming the parameter for anything else. */
class OrdersControllerTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {"null, 100", "1, 1", "500, 500", "' 42 ', 42"})
    void givenLimitInRangeOrAbsent_whenParsed_thenThatLimit(String value, int expected) {
        assertThat(OrdersController.limit(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "501", "abc", "1.5", "", "99999999999", "٣", "४२", "１"})
    void givenLimitOutOfRangeOrNotANumber_whenParsed_then400NamingLimit(String value) {
        assertThatThrownBy(() -> OrdersController.limit(value)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.type()).isEqualTo("invalid-parameter");
            assertThat(problem.errors())
                    .singleElement()
                    .satisfies(error -> assertThat(error.field()).isEqualTo("limit"));
        });
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"NEW", "PENDING", "PARTIALLY_FILLED", "FILLED", "CANCELLED", "REJECTED", "EXPIRED"})
    void givenOrderStatusOrNone_whenParsed_thenAccepted(String value) {
        OrderStatus status = OrdersController.status(value);
        assertThat(status == null ? null : status.name()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"filled", "OPEN", "", "FILLED,NEW"})
    void givenAnythingElse_whenStatusParsed_then400NamingStatus(String value) {
        assertThatThrownBy(() -> OrdersController.status(value)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(problem.errors())
                    .singleElement()
                    .satisfies(error -> assertThat(error.field()).isEqualTo("status"));
        });
    }
}
