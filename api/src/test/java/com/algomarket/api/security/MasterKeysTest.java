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
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The API seals what only the worker opens: both must agree on the ciphertext format, the associated data and the
 * fingerprint, or stored connections would not open (activities is on the test classpath only, for this check).
 */
class MasterKeysTest {

    private final String keyset = MasterKeys.newJsonKeyset();
    private final MasterKeys keys = new MasterKeys(keyset);
    private final ConnectionRepository connections = mock(ConnectionRepository.class);
    private final CredentialVault vault =
            new CredentialVault(CredentialCipher.fromJsonKeyset(keyset), keyset, connections);

    @Test
    void givenCredentialsSealedByTheApi_whenTheWorkerOpensThem_thenTheyAreTheSame() {
        UUID connectionId = UUID.randomUUID();
        EncryptedCredentials sealed = keys.seal(connectionId, Exchange.KUCOIN, "key", "secret", "phrase");
        when(connections.findCredentials(connectionId)).thenReturn(Optional.of(sealed));

        assertThat(vault.open(connectionId)).isEqualTo(new ApiCredentials("key", "secret", "phrase"));
    }

    @Test
    void givenCredentialsSealedByTheWorker_whenCopiedToAnotherConnection_thenTheApiCannotReadThemThere() {
        UUID connectionId = UUID.randomUUID();
        EncryptedCredentials sealed =
                vault.seal(connectionId, Exchange.PAPER, new ApiCredentials("key", "secret", null));

        assertThat(keys.decrypt(sealed.apiKey(), "exchange_connections/" + connectionId + "/api_key"))
                .isEqualTo("key");
        assertThatThrownBy(
                        () -> keys.decrypt(sealed.apiKey(), "exchange_connections/" + UUID.randomUUID() + "/api_key"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenTheSameKeyset_whenFingerprinting_thenBothSidesAgree() {
        assertThat(keys.fingerprint(Exchange.BINANCE, "abc")).isEqualTo(vault.fingerprint(Exchange.BINANCE, "abc"));
    }
}
