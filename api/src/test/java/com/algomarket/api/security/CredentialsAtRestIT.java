package com.algomarket.api.security;

import static com.algomarket.db.jooq.Tables.EXCHANGE_CONNECTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.activities.connections.CredentialCipher;
import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.api.AlgoMarketApplication;
import com.algomarket.api.support.ServerEnvironment;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.db.connections.KeyFingerprints;
import com.algomarket.db.support.ActiveConnections;
import com.algomarket.db.users.NewUser;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.users.UserRole;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * Exchange credentials are readable by workers only. An API-only node (ALGOMARKET_ROLES=api, no private keyset)
 * stores a new key sealed with the public key and cannot open it by any of its classes; a worker opens it. A row
 * stored before, sealed with the old symmetric keyset, is re-encrypted with the public key when a worker starts,
 * and re-encrypting again changes nothing.
 */
class CredentialsAtRestIT {

    @TempDir
    Path dataDirectory;

    private final UUID userId = UUID.randomUUID();
    private final UUID newConnection = UUID.randomUUID();
    private final UUID oldConnection = UUID.randomUUID();

    @Test
    void givenAnApiOnlyNode_whenItStoresAKey_thenOnlyAWorkerOpensIt_andOldRowsMoveToThePublicKey() throws Exception {
        EncryptedCredentials sealedByTheApi;
        try (ConfigurableApplicationContext api =
                start("api", "--algomarket.credentials.private-keyset=", "--algomarket.credentials.master-keyset=")) {
            assertThat(api.getEnvironment().getProperty("algomarket.credentials.private-keyset"))
                    .isBlank();
            assertThat(api.getBeanProvider(CredentialCipher.class).getIfAvailable())
                    .isNull();
            MasterKeys keys = api.getBean(MasterKeys.class);
            api.getBean(UserRepository.class)
                    .insert(new NewUser(
                            userId,
                            "vault-" + userId + "@example.com",
                            "v" + userId.toString().substring(0, 8),
                            "not a hash",
                            UserRole.USER,
                            "{}",
                            OffsetDateTime.now()));
            sealedByTheApi = keys.seal(newConnection, Exchange.PAPER, "new-api-key", "new-secret", null);
            insert(api, newConnection, "new", sealedByTheApi, keys.fingerprint(Exchange.PAPER, "new-api-key"));
            insert(api, oldConnection, "old", sealedTheOldWay(), "fingerprint under the old keyset");

            CredentialVault vault = api.getBean(CredentialVault.class);
            assertThatThrownBy(() -> vault.open(newConnection))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only workers");
            assertThatThrownBy(() -> keys.decrypt(
                            sealedByTheApi.apiSecret(), "exchange_connections/" + newConnection + "/api_secret"))
                    .isInstanceOf(IllegalStateException.class);
        }

        try (ConfigurableApplicationContext worker = start("worker")) {
            CredentialVault vault = worker.getBean(CredentialVault.class);
            assertThat(vault.open(newConnection)).isEqualTo(new ApiCredentials("new-api-key", "new-secret", null));

            EncryptedCredentials migrated = credentials(worker, oldConnection);
            assertThat(EncryptedCredentials.isHybrid(migrated.apiKey())).isTrue();
            assertThat(EncryptedCredentials.isHybrid(migrated.apiSecret())).isTrue();
            assertThat(vault.open(oldConnection)).isEqualTo(new ApiCredentials("old-api-key", "old-secret", null));
            assertThat(worker.getBean(DSLContext.class)
                            .select(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT)
                            .from(EXCHANGE_CONNECTIONS)
                            .where(EXCHANGE_CONNECTIONS.ID.eq(oldConnection))
                            .fetchSingle(EXCHANGE_CONNECTIONS.KEY_FINGERPRINT))
                    .isEqualTo(KeyFingerprints.fromBase64Key(
                                    worker.getEnvironment().getProperty("algomarket.credentials.fingerprint-key"))
                            .of(Exchange.PAPER, "old-api-key"));

            worker.getBean("credentialReencryption", ApplicationRunner.class).run(null);
            assertThat(credentials(worker, oldConnection).apiKey()).isEqualTo(migrated.apiKey());
            assertThat(credentials(worker, newConnection).apiKey()).isEqualTo(sealedByTheApi.apiKey());
        }
    }

    /** As the API sealed keys before the public-key scheme: Tink AEAD under the symmetric master keyset. */
    private EncryptedCredentials sealedTheOldWay() throws Exception {
        String legacyKeyset = new ClassPathResource("config/application.properties")
                .getContentAsString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("algomarket.credentials.master-keyset="))
                .findFirst()
                .orElseThrow()
                .substring("algomarket.credentials.master-keyset=".length());
        AeadConfig.register();
        Aead aead = TinkJsonProtoKeysetFormat.parseKeyset(legacyKeyset, InsecureSecretKeyAccess.get())
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        return new EncryptedCredentials(
                Exchange.PAPER,
                aead.encrypt(bytes("old-api-key"), bytes("exchange_connections/" + oldConnection + "/api_key")),
                aead.encrypt(bytes("old-secret"), bytes("exchange_connections/" + oldConnection + "/api_secret")),
                null);
    }

    private void insert(
            ConfigurableApplicationContext app,
            UUID connectionId,
            String name,
            EncryptedCredentials sealed,
            String fingerprint) {
        app.getBean(ConnectionRepository.class)
                .insert(ActiveConnections.paper(connectionId, userId, name), sealed, fingerprint);
    }

    private static EncryptedCredentials credentials(ConfigurableApplicationContext app, UUID connectionId) {
        return app.getBean(ConnectionRepository.class)
                .findCredentials(connectionId)
                .orElseThrow();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ConfigurableApplicationContext start(String roles, String... more) {
        String[] arguments = {
            "--algomarket.roles=" + roles,
            "--algomarket.database.url=" + ServerEnvironment.owner().url(),
            "--algomarket.temporal.address=" + ServerEnvironment.temporalAddress(),
            "--algomarket.data-dir=" + dataDirectory,
            "--server.port=0"
        };
        String[] all =
                Stream.concat(Arrays.stream(arguments), Arrays.stream(more)).toArray(String[]::new);
        return new SpringApplicationBuilder(AlgoMarketApplication.class).run(all);
    }
}
