package com.algomarket.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.problem.ApiProblem;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class AbuseLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualTime implements TimeMeter {
        private long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration duration) {
            nanos += duration.toNanos();
        }
    }

    private final ManualTime time = new ManualTime();
    private final AbuseLimiter limiter = limiter("50/5m", "5/15m");

    @Test
    void givenFiveFailedLogins_whenTheSixthComes_then429WithRetryAfterUntilOneAttemptRefills() {
        failAnnsLoginFiveTimes();

        ApiProblem refused = refusal(() -> limiter.acquire(AbuseAction.LOGIN, "198.51.100.7", "ann@example.com"));

        assertThat(refused.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.type()).isEqualTo("rate-limited");
        // 5 attempts refill over 15 minutes: one every 3 minutes.
        assertThat(refused.retryAfterSeconds()).isEqualTo(180);
        assertThat(refused.getMessage()).contains("login attempts", "account");

        time.advance(Duration.ofSeconds(179));
        assertThat(refusal(() -> limiter.acquire(AbuseAction.LOGIN, "198.51.100.7", "ann@example.com"))
                        .retryAfterSeconds())
                .isEqualTo(1);
        time.advance(Duration.ofSeconds(1));
        assertAllowed(AbuseAction.LOGIN, "198.51.100.7", "ann@example.com");
    }

    @Test
    void givenAccountLimited_whenTriedFromAnotherAddressOrSpelledInCapitals_thenStillRefused() {
        for (int failure = 1; failure <= 5; failure++) {
            limiter.acquire(AbuseAction.LOGIN, "198.51.100." + failure, "ann@example.com");
        }

        refusal(() -> limiter.acquire(AbuseAction.LOGIN, "203.0.113.9", " Ann@Example.COM"));
        // Another account is not affected.
        assertAllowed(AbuseAction.LOGIN, "203.0.113.9", "bob@example.com");
    }

    @Test
    void givenSuccessfulLogins_whenForgiven_thenOnlyFailuresUseUpTheAccount() {
        for (int login = 1; login <= 20; login++) {
            limiter.acquire(AbuseAction.LOGIN, "198.51.100.7", "ann@example.com");
            limiter.forgive(AbuseAction.LOGIN, "ann@example.com");
        }

        assertAllowed(AbuseAction.LOGIN, "198.51.100.7", "ann@example.com");
    }

    @Test
    void givenOneAddressGuessingManyAccounts_whenItsBurstIsUsed_thenRefusedWhileOtherAddressesAreNot() {
        for (int account = 1; account <= 50; account++) {
            limiter.acquire(AbuseAction.LOGIN, "198.51.100.7", "user" + account + "@example.com");
        }

        ApiProblem refused = refusal(() -> limiter.acquire(AbuseAction.LOGIN, "198.51.100.7", "new@example.com"));
        assertThat(refused.getMessage()).contains("address");
        // 50 per 5 minutes: one every 6 seconds.
        assertThat(refused.retryAfterSeconds()).isEqualTo(6);
        assertAllowed(AbuseAction.LOGIN, "198.51.100.8", "new@example.com");
    }

    @Test
    void givenActions_whenOneIsExhausted_thenTheOthersKeepTheirOwnBuckets() {
        failAnnsLoginFiveTimes();

        assertAllowed(AbuseAction.RESEND, "198.51.100.7", "ann@example.com");
    }

    @Test
    void givenNoAccount_whenAcquired_thenOnlyTheAddressCounts() {
        AbuseLimiter addressOnly = limiter("2/1m", "1/1h");

        addressOnly.acquire(AbuseAction.VERIFY, "198.51.100.7", null);
        addressOnly.acquire(AbuseAction.VERIFY, "198.51.100.7", null);

        refusal(() -> addressOnly.acquire(AbuseAction.VERIFY, "198.51.100.7", null));
    }

    @Test
    void givenAKeyOfThreeSignalsAMinute_whenAFourthComesAtOnce_thenItWaitsTwentySecondsWhileAnotherKeyGoesOn() {
        AbuseLimiter perKey = limiter(null, "3/1m");
        for (int signal = 1; signal <= 3; signal++) {
            perKey.acquire(AbuseAction.KEY_SIGNAL, (String) null, "key-1");
        }

        ApiProblem refused = refusal(() -> perKey.acquire(AbuseAction.KEY_SIGNAL, (String) null, "key-1"));

        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(refused.getMessage()).contains("API key");
        assertThatCode(() -> perKey.acquire(AbuseAction.KEY_SIGNAL, (String) null, "key-2"))
                .doesNotThrowAnyException();
    }

    @Test
    void givenRates_whenParsed_thenCapacityOverPeriodInEitherDurationStyle() {
        assertThat(AbuseProperties.Rate.valueOf("5/15m"))
                .isEqualTo(new AbuseProperties.Rate(5, Duration.ofMinutes(15)));
        assertThat(AbuseProperties.Rate.valueOf(" 30 / PT1H "))
                .isEqualTo(new AbuseProperties.Rate(30, Duration.ofHours(1)));
        assertThatThrownBy(() -> AbuseProperties.Rate.valueOf("5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbuseProperties.Rate.valueOf("0/1m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AbuseProperties.Rate.valueOf("5/0s")).isInstanceOf(IllegalArgumentException.class);
    }

    private void failAnnsLoginFiveTimes() {
        for (int failure = 1; failure <= 5; failure++) {
            limiter.acquire(AbuseAction.LOGIN, "198.51.100.7", "ann@example.com");
        }
    }

    private void assertAllowed(AbuseAction action, String address, String account) {
        assertThatCode(() -> limiter.acquire(action, address, account)).doesNotThrowAnyException();
    }

    /** Every action limited per address by {@code perIp} (none when null) and per account by {@code perAccount}. */
    private AbuseLimiter limiter(String perIp, String perAccount) {
        AbuseProperties.ActionLimits limits = new AbuseProperties.ActionLimits(
                perIp == null ? null : AbuseProperties.Rate.valueOf(perIp), AbuseProperties.Rate.valueOf(perAccount));
        AbuseProperties properties = new AbuseProperties(
                List.of(),
                1_000,
                new AbuseProperties.Limits(limits, limits, limits, limits, limits, limits),
                new AbuseProperties.PasswordHashing(4, Duration.ofSeconds(2)),
                3);
        return new AbuseLimiter(properties, new ClientAddress(properties), time);
    }

    private static ApiProblem refusal(Runnable attempt) {
        try {
            attempt.run();
        } catch (ApiProblem problem) {
            return problem;
        }
        throw new AssertionError("the attempt was not refused");
    }
}
