package com.algomarket.activities.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private final String keyset = CredentialCipher.newJsonKeyset();
    private final CredentialCipher cipher = CredentialCipher.fromJsonKeyset(keyset);
    private final UUID connectionId = UUID.randomUUID();

    @Test
    void givenSecret_whenEncrypted_thenCiphertextHidesItAndDecryptsBack() {
        byte[] ciphertext = cipher.encrypt(SECRET, connectionId, "api_secret");

        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(cipher.encrypt(SECRET, connectionId, "api_secret")).isNotEqualTo(ciphertext); // random nonce
        assertThat(cipher.decrypt(ciphertext, connectionId, "api_secret")).isEqualTo(SECRET);
        assertThat(CredentialCipher.fromJsonKeyset(keyset).decrypt(ciphertext, connectionId, "api_secret"))
                .as("same keyset after a restart")
                .isEqualTo(SECRET);
    }

    @Test
    void givenCiphertextMovedToAnotherRowOrColumn_whenDecrypted_thenRefused() {
        byte[] ciphertext = cipher.encrypt(SECRET, connectionId, "api_secret");

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, UUID.randomUUID(), "api_secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(SECRET);
        assertThatThrownBy(() -> cipher.decrypt(ciphertext, connectionId, "api_key"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenAnotherMasterKey_whenDecrypted_thenRefused() {
        byte[] ciphertext = cipher.encrypt(SECRET, connectionId, "api_secret");
        CredentialCipher other = CredentialCipher.fromJsonKeyset(CredentialCipher.newJsonKeyset());

        assertThatThrownBy(() -> other.decrypt(ciphertext, connectionId, "api_secret"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenRotatedKeyset_whenDecryptingOldCiphertext_thenStillWorksAndNewCiphertextUsesNewKey() {
        byte[] old = cipher.encrypt(SECRET, connectionId, "api_secret");
        String rotatedKeyset = CredentialCipher.rotate(keyset);
        CredentialCipher rotated = CredentialCipher.fromJsonKeyset(rotatedKeyset);

        assertThat(rotated.decrypt(old, connectionId, "api_secret")).isEqualTo(SECRET);
        byte[] fresh = rotated.encrypt(SECRET, connectionId, "api_secret");
        // Tink prefixes each ciphertext with the id of its key: the old keyset does not know the new key.
        assertThatThrownBy(() -> cipher.decrypt(fresh, connectionId, "api_secret"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenGarbageKeyset_whenLoaded_thenClearError() {
        assertThatThrownBy(() -> CredentialCipher.fromJsonKeyset("{\"not\":\"a keyset\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tink JSON keyset");
    }
}
