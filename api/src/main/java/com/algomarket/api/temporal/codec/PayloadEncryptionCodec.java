package com.algomarket.api.temporal.codec;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.annotation.Nonnull;

/**
 * Encrypts every Temporal payload this app writes with AES-256-GCM (Google Tink), so that Temporal's database, its
 * frontend and anyone who can read a history see ciphertext, never a symbol, a quantity, a price or an email.
 *
 * <p>An encoded payload is the whole original payload (metadata and data) encrypted, with the metadata
 * {@code encoding: binary/encrypted} and {@code encryption-key-id: <Tink key id>}. The keyset may hold several keys:
 * the primary one encrypts, every key decrypts, so a key rotates by adding a new primary key and removing the old one
 * once no open workflow's history still needs it. The key id is also part of the associated data, so that a payload
 * whose metadata was changed does not decrypt.
 *
 * <p>Decoding leaves a payload without the encrypted encoding as it is: histories recorded before the codec existed
 * (plain JSON payloads) still replay.
 */
public final class PayloadEncryptionCodec implements PayloadCodec {

    public static final String ENCODING = "binary/encrypted";
    public static final String KEY_ID = "encryption-key-id";

    private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
    private static final String ASSOCIATED_DATA = "algomarket/temporal-payload/";

    private final Aead aead;
    private final ByteString primaryKeyId;

    private PayloadEncryptionCodec(KeysetHandle keyset) throws GeneralSecurityException {
        this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.primaryKeyId = ByteString.copyFromUtf8(
                Integer.toUnsignedString(keyset.getPrimary().getId()));
    }

    /** From a Tink JSON keyset of AES-256-GCM keys, as {@code tinkey create-keyset --key-template AES256_GCM}. */
    public static PayloadEncryptionCodec fromJsonKeyset(String keysetJson) {
        try {
            AeadConfig.register();
            return new PayloadEncryptionCodec(
                    TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The payload codec keyset is not a valid Tink JSON AEAD keyset", e);
        }
    }

    /** A new keyset with one AES-256-GCM key, in Tink's JSON format: for the embedded default and tests. */
    public static String newJsonKeyset() {
        try {
            AeadConfig.register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a keyset", e);
        }
    }

    /** The keyset with a new primary AES-256-GCM key, as {@code tinkey rotate-keyset}: old payloads still decode. */
    public static String rotate(String keysetJson) {
        try {
            AeadConfig.register();
            KeysetHandle current = TinkJsonProtoKeysetFormat.parseKeyset(keysetJson, InsecureSecretKeyAccess.get());
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            return TinkJsonProtoKeysetFormat.serializeKeyset(rotated, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Could not rotate the keyset", e);
        }
    }

    @Nonnull
    @Override
    public List<Payload> encode(@Nonnull List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Nonnull
    @Override
    public List<Payload> decode(@Nonnull List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        try {
            byte[] ciphertext = aead.encrypt(payload.toByteArray(), associatedData(primaryKeyId));
            return Payload.newBuilder()
                    .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
                    .putMetadata(KEY_ID, primaryKeyId)
                    .setData(ByteString.copyFrom(ciphertext))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        if (!ENCODING_BYTES.equals(payload.getMetadataMap().get(EncodingKeys.METADATA_ENCODING_KEY))) {
            return payload;
        }
        ByteString keyId = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY);
        try {
            return Payload.parseFrom(aead.decrypt(payload.getData().toByteArray(), associatedData(keyId)));
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            // Never include the payload or anything derived from it in the message.
            throw new PayloadCodecException(
                    "Could not decrypt a payload of key " + keyId.toStringUtf8()
                            + ": the key is not in the keyset, or the payload was tampered with",
                    e);
        }
    }

    private static byte[] associatedData(ByteString keyId) {
        return (ASSOCIATED_DATA + keyId.toStringUtf8()).getBytes(StandardCharsets.UTF_8);
    }
}
