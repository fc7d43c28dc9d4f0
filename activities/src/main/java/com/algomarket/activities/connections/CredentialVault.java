package com.algomarket.activities.connections;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;

/**
 * The only place where exchange credentials are opened. Workflows and REST answers carry connection ids; activities
 * call {@link #open} at the moment they talk to the exchange and keep the plaintext only for that call.
 *
 * <p>Only a worker holds the cipher (the credentials private keyset). On an API-only node the vault exists, because
 * the activity beans are created there too (they are never run: no worker polls), but it holds no key and every
 * attempt to open a credential fails.
 */
@RequiredArgsConstructor
public class CredentialVault {

    private final Optional<CredentialCipher> cipher;
    private final ConnectionRepository connections;

    /** The decrypted credentials of a (not deleted) connection. */
    public ApiCredentials open(UUID connectionId) {
        EncryptedCredentials sealed = connections
                .findCredentials(connectionId)
                .orElseThrow(() -> new NoSuchElementException("No connection " + connectionId));
        return open(connectionId, sealed);
    }

    /** Credentials sealed for {@code connectionId} but not stored yet: a new key being checked at the exchange. */
    public ApiCredentials open(UUID connectionId, EncryptedCredentials sealed) {
        CredentialCipher keys = cipher();
        return new ApiCredentials(
                keys.decrypt(sealed.apiKey(), connectionId, EncryptedCredentials.API_KEY_COLUMN),
                keys.decrypt(sealed.apiSecret(), connectionId, EncryptedCredentials.API_SECRET_COLUMN),
                sealed.passphrase() == null
                        ? null
                        : keys.decrypt(sealed.passphrase(), connectionId, EncryptedCredentials.PASSPHRASE_COLUMN));
    }

    private CredentialCipher cipher() {
        return cipher.orElseThrow(() -> new IllegalStateException(
                "This node holds no credentials private keyset: only workers open exchange credentials"));
    }
}
