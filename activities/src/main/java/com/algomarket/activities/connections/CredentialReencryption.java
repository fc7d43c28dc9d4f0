package com.algomarket.activities.connections;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.db.connections.KeyFingerprints;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;

/**
 * Moves the credentials stored before the public-key scheme to it: each row still sealed with the old symmetric
 * master keyset is opened with that keyset, sealed again with the credentials public key, and fingerprinted again
 * with the fingerprint key, in one conditional update. Rows already sealed with the public key are skipped, so running
 * it again changes nothing: a worker runs it at each start (ExchangeConfiguration), which costs one read of the ids
 * once every row is migrated.
 */
@RequiredArgsConstructor
@Slf4j
public class CredentialReencryption {

    private final CredentialVault vault;
    private final CredentialCipher cipher;
    private final KeyFingerprints fingerprints;
    private final ConnectionRepository connections;

    /** Re-encrypts every row still sealed symmetrically; answers how many it changed. */
    public int run() {
        int changed = 0;
        for (UUID id : connections.idsSealedSymmetrically()) {
            try {
                if (reencrypt(id)) {
                    changed++;
                }
            } catch (IllegalStateException e) {
                // Without the old keyset (or with the wrong one) the row stays as it is and unusable; the others move.
                log.warn("Could not re-encrypt the credentials of connection {}: {}", id, e.getMessage());
            }
        }
        if (changed > 0) {
            log.info("Re-encrypted the credentials of {} connection(s) with the credentials public key", changed);
        }
        return changed;
    }

    private boolean reencrypt(UUID id) {
        var sealed = connections.findCredentials(id);
        if (sealed.isEmpty() || !sealed.get().sealedSymmetrically()) {
            return false; // deleted or re-encrypted meanwhile
        }
        ApiCredentials open = vault.open(id, sealed.get());
        EncryptedCredentials resealed = new EncryptedCredentials(
                sealed.get().exchange(),
                cipher.encrypt(open.apiKey(), id, EncryptedCredentials.API_KEY_COLUMN),
                cipher.encrypt(open.secret(), id, EncryptedCredentials.API_SECRET_COLUMN),
                open.passphrase() == null
                        ? null
                        : cipher.encrypt(open.passphrase(), id, EncryptedCredentials.PASSPHRASE_COLUMN));
        return connections.replaceCredentials(
                id,
                sealed.get().apiKey(),
                resealed,
                fingerprints.of(sealed.get().exchange(), open.apiKey()));
    }
}
