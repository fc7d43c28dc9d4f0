package com.algomarket.api.signals;

import java.util.UUID;

/**
 * Who posts when an algorithm's API key authenticates: the key, acting for the developer who owns its algorithm, on
 * that algorithm's signals only. Its name ({@code api-key:<id>}) scopes Idempotency-Keys per key.
 */
public record AlgorithmKeyPrincipal(UUID keyId, UUID algorithmId, UUID developerId) {

    /** The role an API key's authentication carries; only the signal endpoint admits it. */
    public static final String ROLE = "ALGORITHM_KEY";

    public String name() {
        return "api-key:" + keyId;
    }
}
