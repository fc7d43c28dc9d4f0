package com.algomarket.api.embedded;

import com.algomarket.api.mode.StartupRefusedException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.ClassUtils;

/**
 * Whether this build holds the embedded servers. The development build ({@code ./mvnw spring-boot:run}, tests) does;
 * the production jar and Docker image do not, so that no deployment can start a database or Temporal without
 * authentication by leaving a variable out.
 */
final class EmbeddedServers {

    static final String POSTGRES_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    static final String TEMPORAL_TEST_SERVER_CLASS = "io.temporal.internal.testservice.TestServicesStarter";

    private EmbeddedServers() {}

    static boolean temporalTestServerPresent() {
        return ClassUtils.isPresent(TEMPORAL_TEST_SERVER_CLASS, EmbeddedServers.class.getClassLoader());
    }

    static void requireInThisBuild(boolean needsDatabase, boolean needsTemporal, boolean temporalCli) {
        List<String> absent = new ArrayList<>();
        if (needsDatabase && !ClassUtils.isPresent(POSTGRES_CLASS, EmbeddedServers.class.getClassLoader())) {
            absent.add("embedded PostgreSQL (DATABASE_URL is not set)");
        }
        boolean cliAvailable =
                temporalCli && EmbeddedTemporalServer.findOnPath("temporal").isPresent();
        if (needsTemporal && !cliAvailable && !temporalTestServerPresent()) {
            absent.add("Temporal test server (TEMPORAL_ADDRESS is not set)");
        }
        if (!absent.isEmpty()) {
            throw new StartupRefusedException(
                    "The embedded default is not in this build (the production jar):",
                    absent,
                    "Run the embedded default from the sources (README: ./mvnw spring-boot:run), or configure"
                            + " production mode (README \"Configure\").");
        }
    }
}
