package com.algomarket.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.algomarket.activities.connections.CredentialCipher;
import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.exchange.Exchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API seals what only the worker opens: both must agree on the ciphertext format and the context info, or stored
 * connections would not open (activities is on the test classpath only, for this check). The API's own keys open
 * nothing it sealed.
 */
class MasterKeysTest {

    private static final String FINGERPRINT_KEY = "dGVzdC1vbmx5IGZpbmdlcnByaW50IGtleSBvZiAzMiBieXRlcyE=";

    private final String privateKeyset = MasterKeys.newCredentialsPrivateKeyset();
    private final MasterKeys keys = new MasterKeys(
            MasterKeys.credentialsPublicKeysetOf(privateKeyset), MasterKeys.newJsonKeyset(), FINGERPRINT_KEY);
    private final ConnectionRepository connections = mock(ConnectionRepository.class);
    private final CredentialVault worker =
            new CredentialVault(Optional.of(CredentialCipher.fromJsonKeysets(privateKeyset, null)), connections);

    @Test
    void givenARequestBody_whenDigested_thenKeyedBoundToItsPlaceAndNotItsPlainHash() throws Exception {
        byte[] body = "{\"email\":\"a@example.com\",\"password\":\"hunter2\"}".getBytes(StandardCharsets.UTF_8);
        String digest = keys.requestDigest(body, "scope/key");

        assertThat(digest).hasSize(64).isEqualTo(keys.requestDigest(body, "scope/key"));
        assertThat(digest)
                .isNotEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        assertThat(keys.requestDigest(body, "scope/other-key")).isNotEqualTo(digest);
        MasterKeys otherFingerprintKey = new MasterKeys(
                MasterKeys.credentialsPublicKeysetOf(privateKeyset),
                MasterKeys.newJsonKeyset(),
                "b3RoZXIgdGVzdC1vbmx5IGZpbmdlcnByaW50IGtleSBvZiAzMiBieXRlcw==");
        assertThat(otherFingerprintKey.requestDigest(body, "scope/key")).isNotEqualTo(digest);
        // The digest key is derived, not the fingerprint key itself.
        assertThat(digest).isNotEqualTo(keys.fingerprint(Exchange.PAPER, new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void givenCredentialsSealedByTheApi_whenTheWorkerOpensThem_thenTheyAreTheSame() {
        UUID connectionId = UUID.randomUUID();
        EncryptedCredentials sealed = keys.seal(connectionId, Exchange.KUCOIN, "key", "secret", "phrase");
        when(connections.findCredentials(connectionId)).thenReturn(Optional.of(sealed));

        assertThat(EncryptedCredentials.isHybrid(sealed.apiSecret())).isTrue();
        assertThat(new String(sealed.apiSecret(), StandardCharsets.ISO_8859_1)).doesNotContain("secret");
        assertThat(worker.open(connectionId)).isEqualTo(new ApiCredentials("key", "secret", "phrase"));
    }

    @Test
    void givenCredentialsSealedByTheApi_whenTheApiTriesToOpenThem_thenItCannot() {
        UUID connectionId = UUID.randomUUID();
        EncryptedCredentials sealed = keys.seal(connectionId, Exchange.PAPER, "key", "secret", null);

        assertThatThrownBy(() -> keys.decrypt(sealed.apiKey(), "exchange_connections/" + connectionId + "/api_key"))
                .isInstanceOf(IllegalStateException.class);
        CredentialVault apiNode = new CredentialVault(Optional.empty(), connections);
        assertThatThrownBy(() -> apiNode.open(connectionId, sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only workers");
    }

    @Test
    void givenTheWorkersPrivateKeyset_whenGivenToTheApiAsItsPublicKeyset_thenRefused() {
        assertThatThrownBy(() -> new MasterKeys(privateKeyset, MasterKeys.newJsonKeyset(), FINGERPRINT_KEY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTheApisOwnData_whenEncrypted_thenDecryptsOnlyInItsContext() {
        byte[] stored = keys.encrypt("{\"answer\":1}", "idempotent_requests/a");

        assertThat(keys.decrypt(stored, "idempotent_requests/a")).isEqualTo("{\"answer\":1}");
        assertThatThrownBy(() -> keys.decrypt(stored, "idempotent_requests/b"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenTheSameKey_whenFingerprinted_thenStableAndKeyed() {
        assertThat(keys.fingerprint(Exchange.BINANCE, "abc")).isEqualTo(keys.fingerprint(Exchange.BINANCE, "abc"));
        assertThat(keys.fingerprint(Exchange.BINANCE, "abc")).isNotEqualTo(keys.fingerprint(Exchange.KRAKEN, "abc"));
    }
}
