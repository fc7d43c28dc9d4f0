package com.algomarket.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;

class PasswordConfigurationTest {

    private final PasswordEncoder encoder = PasswordConfiguration.argon2WithPbkdf2Fallback();

    @Test
    void givenPassword_whenEncoded_thenArgon2idThatMatchesOnlyItself() {
        String hash = encoder.encode("correct horse battery staple");

        assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain("correct horse");
        assertThat(encoder.matches("correct horse battery staple", hash)).isTrue();
        assertThat(encoder.matches("correct horse battery stapler", hash)).isFalse();
    }

    @Test
    void givenHashFromBeforeArgon2_whenMatched_thenStillAccepted() {
        String oldHash = Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("an older password!");

        assertThat(encoder.matches("an older password!", oldHash)).isTrue();
        assertThat(encoder.matches("another password!!", oldHash)).isFalse();
    }
}
