package com.algomarket.api.temporal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadEncryptionCodecTest {

    private final String keyset = PayloadEncryptionCodec.newJsonKeyset();
    private final PayloadEncryptionCodec codec = PayloadEncryptionCodec.fromJsonKeyset(keyset);
    private final Payload plain = DefaultDataConverter.STANDARD_INSTANCE
            .toPayload(Map.of("symbol", "BTC/EUR", "quantity", "0.0123", "email", "ada@example.com"))
            .orElseThrow();

    @Test
    void givenPayload_whenEncodedAndDecoded_thenSameAndNothingReadableInBetween() {
        Payload encoded = codec.encode(List.of(plain)).getFirst();

        assertThat(encoded.getMetadataOrThrow(EncodingKeys.METADATA_ENCODING_KEY)
                        .toStringUtf8())
                .isEqualTo("binary/encrypted");
        assertThat(encoded.getMetadataOrThrow(PayloadEncryptionCodec.KEY_ID).toStringUtf8())
                .matches("\\d+");
        assertThat(encoded.toByteString().toStringUtf8())
                .doesNotContain("BTC/EUR", "0.0123", "ada@example.com", "json/plain");
        assertThat(codec.decode(List.of(encoded))).containsExactly(plain);
        assertThat(codec.encode(List.of(plain)).getFirst().getData())
                .as("a fresh nonce each time")
                .isNotEqualTo(encoded.getData());
    }

    @Test
    void givenPlainPayloadFromBeforeTheCodec_whenDecoded_thenPassesThroughAsItIs() {
        assertThat(codec.decode(List.of(plain))).containsExactly(plain);
    }

    @Test
    void givenRotatedKeyset_whenDecodingOldPayload_thenStillWorksAndNewPayloadsNameTheNewKey() {
        Payload old = codec.encode(List.of(plain)).getFirst();
        PayloadEncryptionCodec rotated = PayloadEncryptionCodec.fromJsonKeyset(PayloadEncryptionCodec.rotate(keyset));

        assertThat(rotated.decode(List.of(old))).containsExactly(plain);
        Payload fresh = rotated.encode(List.of(plain)).getFirst();
        assertThat(fresh.getMetadataOrThrow(PayloadEncryptionCodec.KEY_ID))
                .isNotEqualTo(old.getMetadataOrThrow(PayloadEncryptionCodec.KEY_ID));
        assertThatThrownBy(() -> codec.decode(List.of(fresh))).isInstanceOf(PayloadCodecException.class);
    }

    @Test
    void givenTamperedPayload_whenDecoded_thenFails() {
        Payload encoded = codec.encode(List.of(plain)).getFirst();
        byte[] data = encoded.getData().toByteArray();
        data[data.length - 1] ^= 1;
        Payload flipped = encoded.toBuilder().setData(ByteString.copyFrom(data)).build();
        Payload otherKeyId = encoded.toBuilder()
                .putMetadata(PayloadEncryptionCodec.KEY_ID, ByteString.copyFromUtf8("1"))
                .build();

        assertThatThrownBy(() -> codec.decode(List.of(flipped)))
                .isInstanceOf(PayloadCodecException.class)
                .hasMessageNotContaining("BTC/EUR");
        assertThatThrownBy(() -> codec.decode(List.of(otherKeyId))).isInstanceOf(PayloadCodecException.class);
    }

    @Test
    void givenTheAppsDataConverter_whenValueConverted_thenEncryptedAndReadBack() {
        DataConverter converter = PayloadEncryptionConfiguration.encrypting(codec);

        Payload payload = converter.toPayload("BTC/EUR").orElseThrow();

        assertThat(payload.getMetadataOrThrow(EncodingKeys.METADATA_ENCODING_KEY)
                        .toStringUtf8())
                .isEqualTo("binary/encrypted");
        assertThat(converter.fromPayload(payload, String.class, String.class)).isEqualTo("BTC/EUR");
    }
}
