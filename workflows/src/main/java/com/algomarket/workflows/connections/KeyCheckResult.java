package com.algomarket.workflows.connections;

/** The key's permissions, or why they could not be read ({@code detail} says it in words). */
public record KeyCheckResult(KeyPermissions permissions, KeyCheckFailure failure, String detail) {

    public static KeyCheckResult permitted(KeyPermissions permissions) {
        return new KeyCheckResult(permissions, null, null);
    }

    public static KeyCheckResult failed(KeyCheckFailure failure, String detail) {
        return new KeyCheckResult(null, failure, detail);
    }
}
