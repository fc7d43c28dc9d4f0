package com.algomarket.api.developers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    @Test
    void givenAGeneratedKey_whenParsed_thenSameLookupPrefixAndHash_andEveryKeyDiffers() {
        ApiKeyFormat key = ApiKeyFormat.generate();

        assertThat(key.key()).startsWith("ak_").hasSize(3 + 12 + 1 + 43);
        ApiKeyFormat parsed = ApiKeyFormat.parse(key.key()).orElseThrow();
        assertThat(parsed.lookupPrefix()).isEqualTo(key.lookupPrefix());
        assertThat(parsed.hash()).isEqualTo(key.hash()).hasSize(64).doesNotContain(key.key());
        assertThat(ApiKeyFormat.generate().key()).isNotEqualTo(key.key());
    }

    @Test
    void givenSomethingElse_whenParsed_thenNoKey() {
        assertThat(ApiKeyFormat.parse("ak_short")).isEmpty();
        assertThat(ApiKeyFormat.parse("eyJhbGciOiJIUzI1NiJ9.e30.sig")).isEmpty();
        assertThat(ApiKeyFormat.parse(ApiKeyFormat.generate().key() + "x")).isEmpty();
    }

    @Test
    void givenHashes_whenCompared_thenEqualOnlyWhenIdentical() {
        String hash = Secrets.sha256("ak_x");
        assertThat(Secrets.sameHash(hash, Secrets.sha256("ak_x"))).isTrue();
        assertThat(Secrets.sameHash(hash, Secrets.sha256("ak_y"))).isFalse();
    }

    @Test
    void givenAKeyOfThreePerMinute_whenAFourthComesAtOnce_thenItWaitsAboutTwentySeconds() {
        ApiKeyRateLimits limits = new ApiKeyRateLimits(3);
        UUID key = UUID.randomUUID();

        assertThat(limits.tryTake(key)).isEmpty();
        assertThat(limits.tryTake(key)).isEmpty();
        assertThat(limits.tryTake(key)).isEmpty();
        Duration wait = limits.tryTake(key).orElseThrow();

        assertThat(wait).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(limits.tryTake(UUID.randomUUID()))
                .as("another key has its own bucket")
                .isEmpty();
    }

    @Test
    void givenAWait_whenRenderedForRetryAfter_thenWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(ApiKeyRateLimits.retryAfterSeconds(Duration.ofMillis(19_200)))
                .isEqualTo(20);
        assertThat(ApiKeyRateLimits.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
        assertThat(ApiKeyRateLimits.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }
}
