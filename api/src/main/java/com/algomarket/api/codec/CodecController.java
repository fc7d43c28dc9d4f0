package com.algomarket.api.codec;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.temporal.codec.PayloadEncryptionCodec;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Temporal codec server ({@code temporal --codec-endpoint}, the Web UI's codec endpoint): payloads in and out as
 * {@code {payloads: [{metadata: {key: base64}, data: base64}]}}, encoded or decoded with this app's payload codec.
 * Operators only (OperatorSecurityConfiguration).
 */
@RestController
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class CodecController {

    private final PayloadEncryptionCodec codec;

    @Value("${spring.temporal.namespace:default}")
    private final String namespace;

    record CodecPayload(Map<String, String> metadata, String data) {}

    record CodecPayloads(List<CodecPayload> payloads) {}

    @PostMapping("/api/v1/codec/encode")
    CodecPayloads encode(
            @RequestHeader(name = "X-Namespace", required = false) String requestNamespace,
            @RequestBody CodecPayloads request) {
        checkNamespace(requestNamespace);
        return toJson(codec.encode(fromJson(request)));
    }

    @PostMapping("/api/v1/codec/decode")
    CodecPayloads decode(
            @RequestHeader(name = "X-Namespace", required = false) String requestNamespace,
            @RequestBody CodecPayloads request) {
        checkNamespace(requestNamespace);
        try {
            return toJson(codec.decode(fromJson(request)));
        } catch (PayloadCodecException e) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST, "payload-not-decodable", "Payload not decodable", e.getMessage());
        }
    }

    /** This app's keys encrypt the payloads of its own namespace only. */
    private void checkNamespace(String requestNamespace) {
        if (requestNamespace != null && !requestNamespace.isBlank() && !requestNamespace.equals(namespace)) {
            throw new ApiProblem(
                    HttpStatus.BAD_REQUEST,
                    "unknown-namespace",
                    "Unknown namespace",
                    "This codec serves the namespace " + namespace + " only.");
        }
    }

    private static List<Payload> fromJson(CodecPayloads request) {
        if (request == null || request.payloads() == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-payloads", "Invalid payloads", "payloads missing");
        }
        try {
            return request.payloads().stream()
                    .map(payload -> {
                        Payload.Builder builder =
                                Payload.newBuilder().setData(ByteString.copyFrom(decodeBase64(payload.data())));
                        if (payload.metadata() != null) {
                            payload.metadata()
                                    .forEach((key, value) ->
                                            builder.putMetadata(key, ByteString.copyFrom(decodeBase64(value))));
                        }
                        return builder.build();
                    })
                    .toList();
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-payloads", "Invalid payloads", "not base64");
        }
    }

    private static CodecPayloads toJson(List<Payload> payloads) {
        return new CodecPayloads(payloads.stream()
                .map(payload -> {
                    Map<String, String> metadata = new LinkedHashMap<>();
                    payload.getMetadataMap()
                            .forEach((key, value) ->
                                    metadata.put(key, Base64.getEncoder().encodeToString(value.toByteArray())));
                    return new CodecPayload(
                            metadata,
                            Base64.getEncoder().encodeToString(payload.getData().toByteArray()));
                })
                .toList());
    }

    private static byte[] decodeBase64(String value) {
        return value == null ? new byte[0] : Base64.getDecoder().decode(value);
    }
}
