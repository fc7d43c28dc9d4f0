package com.algomarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.db.connections.RotatedKey;
import com.algomarket.db.support.ActiveConnections;
import com.algomarket.db.support.MigratedSchema;
import com.algomarket.db.support.PortfolioRows;
import com.algomarket.workflows.exchange.Exchange;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** A connection's key, on a real PostgreSQL: stored, rotated and re-sealed with its fingerprint, the passphrase too. */
@MigratedSchema("connection_keys_it")
@RequiredArgsConstructor
class ConnectionKeysIT {

    private final DSLContext dsl;
    private final ConnectionRepository connections;

    @Test
    void givenAStoredKey_whenRotatedThenResealed_thenEachTimeItsCiphertextsAndFingerprintAreWrittenTogether() {
        UUID user = PortfolioRows.insert(dsl).user();
        UUID id = UUID.randomUUID();
        connections.insert(ActiveConnections.paper(id, user, "main"), sealed("k1", "s1", null), "fp-1");
        assertThat(stored(id)).isEqualTo("k1/s1/null");
        assertThat(connections.keyConnected(user, "fp-1")).isTrue();

        RotatedKey rotated = new RotatedKey(sealed("k2", "s2", "p2"), "fp-2", true, true, false, null);
        assertThat(connections.rotateKey(id, user, rotated, OffsetDateTime.now()))
                .isTrue();
        assertThat(stored(id)).isEqualTo("k2/s2/p2");
        assertThat(connections.keyConnected(user, "fp-1")).isFalse();

        assertThat(connections.replaceCredentials(id, bytes("k1"), sealed("k3", "s3", "p3"), "fp-3"))
                .as("another re-sealing won")
                .isFalse();
        assertThat(connections.replaceCredentials(id, bytes("k2"), sealed("k3", "s3", null), "fp-3"))
                .isTrue();
        assertThat(stored(id)).isEqualTo("k3/s3/null");
        assertThat(connections.keyConnected(user, "fp-3")).isTrue();
    }

    private String stored(UUID id) {
        EncryptedCredentials stored = connections.findCredentials(id).orElseThrow();
        return text(stored.apiKey()) + "/" + text(stored.apiSecret()) + "/" + text(stored.passphrase());
    }

    private static EncryptedCredentials sealed(String apiKey, String apiSecret, String passphrase) {
        return new EncryptedCredentials(Exchange.PAPER, bytes(apiKey), bytes(apiSecret), bytes(passphrase));
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
