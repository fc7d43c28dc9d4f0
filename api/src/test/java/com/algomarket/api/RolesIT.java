package com.algomarket.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.Http;
import com.algomarket.api.support.Ports;
import com.algomarket.api.support.ServerEnvironment;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** API nodes and workers scale apart: each role starts only its half, against the real servers. */
class RolesIT {

    @TempDir
    Path dataDirectory;

    @Test
    void givenApiRoleOnly_whenStarted_thenServesRestButRunsNoWorkers() {
        try (ConfigurableApplicationContext app = start("api")) {
            Http http = new Http(Ports.httpPort(app));

            assertThat(app.getBean(WorkerFactory.class).isStarted()).isFalse();
            Http.Response registered = http.postJson(
                    "/api/v1/auth/register", """
                    {"email":"api-only-%s@example.com","username":"api%s","password":"a long enough password",
                     "role":"USER","acceptTerms":true}""".formatted(System.nanoTime(), System.nanoTime() % 1_000_000));
            assertThat(registered.status()).isEqualTo(201);
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        }
    }

    @Test
    void givenWorkerRoleOnly_whenStarted_thenRunsWorkersAndAnswersNoRestCallsButHealth() {
        try (ConfigurableApplicationContext app = start("worker")) {
            Http http = new Http(Ports.httpPort(app));

            assertThat(app.getBean(WorkerFactory.class).isStarted()).isTrue();
            assertThat(http.postJson("/api/v1/auth/register", "{}").status()).isEqualTo(404);
            assertThat(http.get("/actuator/health").status()).isEqualTo(200);
        }
    }

    private ConfigurableApplicationContext start(String roles) {
        return new SpringApplicationBuilder(AlgoMarketApplication.class)
                .run(
                        "--algomarket.roles=" + roles,
                        "--algomarket.database.url=" + ServerEnvironment.owner().url(),
                        "--algomarket.temporal.address=" + ServerEnvironment.temporalAddress(),
                        "--algomarket.data-dir=" + dataDirectory,
                        "--server.port=0");
    }
}
