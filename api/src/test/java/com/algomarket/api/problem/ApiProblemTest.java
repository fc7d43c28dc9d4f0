package com.algomarket.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The problems named after what they concern: their type and title are part of the REST contract. */
class ApiProblemTest {

    @Test
    void notFoundNamesWhatAndId() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");

        ApiProblem problem = ApiProblem.notFound("purchase", id);

        assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(problem.type()).isEqualTo("purchase-not-found");
        assertThat(problem.title()).isEqualTo("Purchase not found");
        assertThat(problem.getMessage()).isEqualTo("You have no purchase " + id + ".");
    }

    @Test
    void notActiveIsUnprocessableWithTheGivenDetail() {
        ApiProblem problem = ApiProblem.notActive("connection", "The connection is PAUSED.");

        assertThat(problem.status()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.type()).isEqualTo("connection-not-active");
        assertThat(problem.title()).isEqualTo("Connection not active");
        assertThat(problem.getMessage()).isEqualTo("The connection is PAUSED.");
    }
}
