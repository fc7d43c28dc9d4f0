package com.algomarket.activities.connections;

import static com.algomarket.activities.connections.CredentialKeysets.newPrivateKeyset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private final String keyset = newPrivateKeyset();
    private final CredentialCipher cipher = CredentialCipher.fromJsonKeysets(keyset, null);
    private final UUID connectionId = UUID.randomUUID();

    @Test
    void givenSecret_whenEncrypted_thenCiphertextHidesItAndDecryptsBack() {
        byte[] ciphertext = cipher.encrypt(SECRET, connectionId, "api_secret");

        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(cipher.encrypt(SECRET, connectionId, "api_secret")).isNotEqualTo(ciphertext); // random nonce
        assertThat(cipher.decrypt(ciphertext, connectionId, "api_secret")).isEqualTo(SECRET);
        assertThat(CredentialCipher.fromJsonKeysets(keyset, null).decrypt(ciphertext, connectionId, "api_secret"))
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
        CredentialCipher other = CredentialCipher.fromJsonKeysets(newPrivateKeyset(), null);

        assertThatThrownBy(() -> other.decrypt(ciphertext, connectionId, "api_secret"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenRotatedKeyset_whenDecryptingOldCiphertext_thenStillWorksAndNewCiphertextUsesNewKey() {
        byte[] old = cipher.encrypt(SECRET, connectionId, "api_secret");
        String rotatedKeyset = CredentialKeysets.rotate(keyset);
        CredentialCipher rotated = CredentialCipher.fromJsonKeysets(rotatedKeyset, null);

        assertThat(rotated.decrypt(old, connectionId, "api_secret")).isEqualTo(SECRET);
        byte[] fresh = rotated.encrypt(SECRET, connectionId, "api_secret");
        // Tink prefixes each ciphertext with the id of its key: the old keyset does not know the new key.
        assertThatThrownBy(() -> cipher.decrypt(fresh, connectionId, "api_secret"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenRowSealedWithTheOldSymmetricKeyset_whenDecrypted_thenOpensOnlyWithThatKeysetConfigured()
            throws Exception {
        AeadConfig.register();
        String legacyKeyset = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        byte[] old = TinkJsonProtoKeysetFormat.parseKeyset(legacyKeyset, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class)
                .encrypt(
                        SECRET.getBytes(StandardCharsets.UTF_8),
                        ("exchange_connections/" + connectionId + "/api_secret").getBytes(StandardCharsets.UTF_8));

        assertThat(CredentialCipher.fromJsonKeysets(keyset, legacyKeyset).decrypt(old, connectionId, "api_secret"))
                .isEqualTo(SECRET);
        assertThatThrownBy(() -> cipher.decrypt(old, connectionId, "api_secret"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CREDENTIALS_MASTER_KEYSET");
    }

    @Test
    void givenOnlyThePublicKeyset_whenLoadedAsPrivate_thenRefused() {
        assertThatThrownBy(() -> CredentialCipher.fromJsonKeysets(CredentialKeysets.publicKeysetOf(keyset), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenGarbageKeyset_whenLoaded_thenClearError() {
        assertThatThrownBy(() -> CredentialCipher.fromJsonKeysets("{\"not\":\"a keyset\"}", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Tink JSON keyset");
    }
}
