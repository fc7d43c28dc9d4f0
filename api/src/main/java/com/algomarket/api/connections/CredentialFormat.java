package com.algomarket.api.connections;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.workflows.exchange.Exchange;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of each exchange's keys, checked before anything is sent or stored, so that a pasted key with a stray
 * space or a truncated secret gets a precise 422 instead of an opaque "invalid credentials" from the exchange.
 */
final class CredentialFormat {

    private static final int MAX_LENGTH = 4_096;

    private CredentialFormat() {}

    /** The secret's expected length per exchange; 0 where it varies (Coinbase's is a PEM key). */
    static int secretLength(Exchange exchange) {
        return switch (exchange) {
            case BINANCE, PAPER -> 64;
            case KRAKEN -> 88; // base64 of 64 bytes
            case BITSTAMP -> 32;
            case KUCOIN -> 36; // a UUID
            case BITVAVO -> 128; // hex of 64 bytes
            case COINBASE -> 0;
        };
    }

    static void check(Exchange exchange, String apiKey, String apiSecret, String passphrase) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        checkToken("apiKey", apiKey, errors);
        if (exchange == Exchange.COINBASE) {
            if (apiSecret == null || apiSecret.isBlank()) {
                errors.add(new ApiProblem.FieldError("apiSecret", "must not be empty"));
            } else if (!apiSecret.strip().startsWith("-----BEGIN EC PRIVATE KEY-----")
                    && !apiSecret.strip().startsWith("-----BEGIN PRIVATE KEY-----")) {
                errors.add(new ApiProblem.FieldError(
                        "apiSecret", "must be the CDP key's EC private key in PEM (-----BEGIN EC PRIVATE KEY-----)"));
            }
        } else if (checkToken("apiSecret", apiSecret, errors) && apiSecret.length() != secretLength(exchange)) {
            errors.add(new ApiProblem.FieldError(
                    "apiSecret",
                    "must be " + secretLength(exchange) + " characters for " + exchange + ", was "
                            + apiSecret.length()));
        }
        if (exchange == Exchange.KUCOIN) {
            checkToken("passphrase", passphrase, errors);
        } else if (passphrase != null) {
            errors.add(new ApiProblem.FieldError("passphrase", "is only used by KUCOIN"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
    }

    /** Non-empty, no surrounding or inner whitespace, no control characters, bounded. True when it passed. */
    private static boolean checkToken(String field, String value, List<ApiProblem.FieldError> errors) {
        if (value == null || value.isEmpty()) {
            errors.add(new ApiProblem.FieldError(field, "must not be empty"));
            return false;
        }
        if (value.length() > MAX_LENGTH) {
            errors.add(new ApiProblem.FieldError(field, "must be at most " + MAX_LENGTH + " characters"));
            return false;
        }
        if (!value.strip().equals(value)) {
            errors.add(new ApiProblem.FieldError(field, "must not start or end with whitespace"));
            return false;
        }
        if (value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            errors.add(new ApiProblem.FieldError(field, "must not contain whitespace or control characters"));
            return false;
        }
        return true;
    }
}
