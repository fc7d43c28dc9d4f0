package com.algomarket.db.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class HmacKeysTest {

    @Test
    void givenNoKey_whenRead_thenRefusedNamingTheSettingAndItsVariable() {
        assertThatThrownBy(() -> HmacKeys.fromBase64(" ", "algomarket.auth.jwt-secret", "JWT_SECRET"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("algomarket.auth.jwt-secret (JWT_SECRET) is not set");
    }

    @Test
    void givenFewerThan32Bytes_whenRead_thenRefused() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> HmacKeys.fromBase64(shortKey, "algomarket.auth.jwt-secret", "JWT_SECRET"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("algomarket.auth.jwt-secret must hold at least 32 bytes for HMAC-SHA256");
    }

    @Test
    void given32Bytes_whenRead_thenAnHmacSha256KeyOfThoseBytes() {
        byte[] bytes = new byte[32];
        bytes[0] = 7;

        var key = HmacKeys.fromBase64(
                " " + Base64.getEncoder().encodeToString(bytes) + "\n", "algomarket.auth.jwt-secret", "JWT_SECRET");

        assertThat(key.getAlgorithm()).isEqualTo("HmacSHA256");
        assertThat(key.getEncoded()).isEqualTo(bytes);
    }
}
