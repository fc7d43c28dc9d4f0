package com.algomarket.api.embedded;

import com.algomarket.api.security.MasterKeys;
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
import java.util.function.Supplier;

/**
 * The secrets of the embedded default, generated on first start into the data directory (readable by the owner only)
 * and reused afterwards, so that tokens and stored exchange keys survive a restart. Only for a developer's machine:
 * any other mode must be given its secrets and refuses to start without them.
 */
final class DevSecrets {

    private DevSecrets() {}

    /** Fills the secret properties that are blank with the data directory's dev secrets. */
    static void fill(Map<String, Object> properties, Path dataDirectory, Map<String, String> current) {
        if (isBlank(current.get("algomarket.auth.jwt-secret"))) {
            properties.put(
                    "algomarket.auth.jwt-secret",
                    readOrCreate(
                            dataDirectory.resolve("secrets/jwt-secret"),
                            () -> Base64.getEncoder().encodeToString(randomBytes(48))));
        }
        if (isBlank(current.get("algomarket.credentials.master-keyset"))) {
            properties.put(
                    "algomarket.credentials.master-keyset",
                    readOrCreate(dataDirectory.resolve("secrets/credentials-keyset.json"), MasterKeys::newJsonKeyset));
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
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the dev secret " + file, e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
