package com.algomarket.api.developers;

import static org.assertj.core.api.Assertions.assertThat;

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
}
