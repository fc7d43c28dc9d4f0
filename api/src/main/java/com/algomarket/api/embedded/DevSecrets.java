package com.algomarket.api.embedded;

import com.algomarket.api.Roles;
import com.algomarket.api.security.MasterKeys;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The secrets of the embedded default, generated on first start into the data directory (readable by the owner only)
 * and reused afterwards, so that tokens, stored exchange keys and encrypted workflow histories survive a restart.
 * Only for a developer's machine: any other mode must be given its secrets and refuses to start without them.
 */
final class DevSecrets {

    static final String OPERATOR_TOKEN_FILE = "secrets/operator-token";

    private DevSecrets() {}

    /** Fills the secret properties that are blank ({@code current} answers "" for unset) with the dev secrets. */
    static void fill(Map<String, Object> properties, Path dataDirectory, Function<String, String> current) {
        Secrets secrets = new Secrets(properties, dataDirectory, current);
        secrets.fill("algomarket.auth.jwt-secret", "secrets/jwt-secret", () -> randomBase64(48));
        // Only a worker holds the private keyset; an API-only node reads the file just to derive the public key.
        boolean worker = !"false".equals(String.valueOf(current.apply(Roles.WORKER_PROPERTY)));
        String credentialsPrivateKeyset = worker
                ? secrets.fill(
                        "algomarket.credentials.private-keyset",
                        "secrets/credentials-private-keyset.json",
                        MasterKeys::newCredentialsPrivateKeyset)
                : readOrCreate(
                        dataDirectory.resolve("secrets/credentials-private-keyset.json"),
                        MasterKeys::newCredentialsPrivateKeyset);
        if (isBlank(current.apply("algomarket.credentials.public-keyset"))) {
            properties.put(
                    "algomarket.credentials.public-keyset",
                    MasterKeys.credentialsPublicKeysetOf(credentialsPrivateKeyset));
        }
        secrets.fill(
                "algomarket.credentials.fingerprint-key",
                "secrets/credentials-fingerprint-key",
                () -> randomBase64(32));
        secrets.fill("algomarket.api.data-keyset", "secrets/api-data-keyset.json", MasterKeys::newJsonKeyset);
        secrets.fill(
                "algomarket.temporal.payload-codec-keyset",
                "secrets/payload-codec-keyset.json",
                PayloadEncryptionCodec::newJsonKeyset);
        secrets.fill("algomarket.operator.token", OPERATOR_TOKEN_FILE, () -> randomBase64(32));
        // The symmetric keyset of the embedded default before the public-key scheme, never generated any more: where a
        // data directory still has one, the worker opens the old rows with it and re-encrypts them.
        Path legacy = dataDirectory.resolve("secrets/credentials-keyset.json");
        if (worker && isBlank(current.apply("algomarket.credentials.master-keyset")) && Files.exists(legacy)) {
            properties.put("algomarket.credentials.master-keyset", read(legacy));
        }
    }

    private record Secrets(Map<String, Object> properties, Path dataDirectory, Function<String, String> current) {

        /** The configured value of {@code property}, or the dev secret in {@code file} (created if missing). */
        String fill(String property, String file, Supplier<String> generator) {
            String configured = current.apply(property);
            if (!isBlank(configured)) {
                return configured;
            }
            String value = readOrCreate(dataDirectory.resolve(file), generator);
            properties.put(property, value);
            return value;
        }
    }

    private static String readOrCreate(Path file, Supplier<String> generator) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, generator.get(), StandardCharsets.UTF_8);
                } catch (FileAlreadyExistsException anotherProcessWasFaster) {
                    // Fine: read theirs.
                }
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the dev secret " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the dev secret " + file, e);
        }
    }

    private static String randomBase64(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
