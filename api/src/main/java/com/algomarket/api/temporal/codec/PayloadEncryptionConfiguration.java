package com.algomarket.api.temporal.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data converter of this app's Temporal client and workers (the Temporal Spring Boot starter takes the one
 * {@link DataConverter} bean): JSON as before, then encrypted by {@link PayloadEncryptionCodec}. It applies to
 * workflow and activity inputs and results, signals, updates, query answers, memos, user metadata (summaries) and,
 * with encoded failure attributes, failure messages and stack traces. Search attributes are not payloads of the data
 * converter: they stay in clear, and hold only ids, exchanges and statuses.
 */
@Configuration(proxyBeanMethods = false)
public class PayloadEncryptionConfiguration {

    @Bean
    PayloadEncryptionCodec payloadEncryptionCodec(
            @Value("${algomarket.temporal.payload-codec-keyset:}") String keyset) {
        if (keyset == null || keyset.isBlank()) {
            throw new IllegalStateException("algomarket.temporal.payload-codec-keyset (PAYLOAD_CODEC_KEYSET) is not "
                    + "set: give a Tink AES256_GCM JSON keyset (`tinkey create-keyset --key-template AES256_GCM`).");
        }
        return PayloadEncryptionCodec.fromJsonKeyset(keyset);
    }

    @Bean
    DataConverter mainDataConverter(PayloadEncryptionCodec codec) {
        return encrypting(codec);
    }

    /** JSON payloads encrypted by {@code codec}, failure messages and stack traces included. */
    public static DataConverter encrypting(PayloadEncryptionCodec codec) {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec), true);
    }
}
