package com.algomarket.activities.connections;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyTemplates;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import java.security.GeneralSecurityException;

/** Credentials keysets for tests, as {@code tinkey create-keyset}, {@code create-public-keyset}, {@code rotate-keyset}. */
public final class CredentialKeysets {

    static final String TEMPLATE = "DHKEM_X25519_HKDF_SHA256_HKDF_SHA256_AES_256_GCM";

    private CredentialKeysets() {}

    public static String newPrivateKeyset() {
        return tink(() -> {
            HybridConfig.register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(KeyTemplates.get(TEMPLATE)), InsecureSecretKeyAccess.get());
        });
    }

    public static String publicKeysetOf(String privateKeyset) {
        return tink(() -> TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(
                TinkJsonProtoKeysetFormat.parseKeyset(privateKeyset, InsecureSecretKeyAccess.get())
                        .getPublicKeysetHandle()));
    }

    /** The keyset with a new primary key: new ciphertexts use it, old ones still open. */
    public static String rotate(String privateKeyset) {
        return tink(() -> TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.newBuilder(
                                TinkJsonProtoKeysetFormat.parseKeyset(privateKeyset, InsecureSecretKeyAccess.get()))
                        .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE)
                                .withRandomId()
                                .makePrimary())
                        .build(),
                InsecureSecretKeyAccess.get()));
    }

    private interface TinkCall {
        String run() throws GeneralSecurityException;
    }

    private static String tink(TinkCall call) {
        try {
            return call.run();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
