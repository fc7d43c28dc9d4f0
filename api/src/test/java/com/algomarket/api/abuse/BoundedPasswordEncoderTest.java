package com.algomarket.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.problem.ApiProblem;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

    /** Hashes that take as long as the test wants: each waits until {@link #release} opens. */
    private static final class SlowEncoder implements PasswordEncoder {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence rawPassword) {
            started.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "hash of " + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return encode(rawPassword).equals(encodedPassword);
        }
    }

    @Test
    void givenEveryPermitBusy_whenAnotherHashWaitsPastMaxWait_then503WithRetryAfter_andLaterHashesRun()
            throws Exception {
        SlowEncoder slow = new SlowEncoder();
        PasswordEncoder bounded =
                new BoundedPasswordEncoder(slow, new AbuseProperties.PasswordHashing(1, Duration.ofMillis(50)));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> bounded.encode("first"));
        assertThat(slow.started.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> bounded.matches("second", "hash of second"))
                .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.type()).isEqualTo("service-unavailable");
                    assertThat(problem.retryAfterSeconds()).isEqualTo(1);
                });

        slow.release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("hash of first");
        // The permit came back: the next hash runs at once (the latch stays open).
        assertThat(bounded.matches("third", "hash of third")).isTrue();
    }
}
