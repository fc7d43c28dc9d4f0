package com.algomarket.workflows.exchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Client order ids derived from an order's business key (its workflow id, e.g. {@code order-<portfolioId>-<signalId>}):
 * the same key always gives the same id, so a retried submission can never become a second order, and the id can be
 * recomputed to look an order up after an unknown outcome.
 *
 * <p>The id is a UUID string (36 characters of {@code [0-9a-f-]}), the one shape every venue accepts: Binance (at most
 * 36 of {@code [A-Za-z0-9._:/-]}), KuCoin (at most 40 of {@code [A-Za-z0-9_-]}), Kraken ({@code cl_ord_id}: a UUID),
 * Bitvavo (a UUID), Coinbase and Bitstamp (free strings). It is an RFC 9562 version 8 UUID whose first 32 bits are
 * {@link #MARKER}, so that reconciliation tells our orders from the user's manual ones; the remaining 90 random-looking
 * bits come from SHA-256 of the business key.
 *
 * <p>Pure and deterministic, so workflow code may call it.
 */
public final class ClientOrderIds {

    /** The first 8 hex digits of every client order id this system creates. */
    public static final String MARKER = "a1a0c0de";

    private static final long MARKER_BITS = Long.parseUnsignedLong(MARKER, 16) << 32;

    private ClientOrderIds() {}

    public static String forBusinessKey(String businessKey) {
        if (businessKey == null || businessKey.isBlank()) {
            throw new IllegalArgumentException("a client order id needs a business key");
        }
        byte[] hash = sha256(businessKey);
        long most = MARKER_BITS
                | (toLong(hash, 0) & 0x0000_0000_FFFF_0FFFL) // 16 hash bits, 4 version bits, 12 hash bits
                | 0x0000_0000_0000_8000L; // version 8: custom
        long least = (toLong(hash, 8) & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // RFC 9562 variant
        return new UUID(most, least).toString();
    }

    /** Whether {@code clientOrderId} was made by {@link #forBusinessKey}: ours, not a manual order of the user. */
    public static boolean isOurs(String clientOrderId) {
        if (clientOrderId == null || clientOrderId.length() != 36 || !clientOrderId.startsWith(MARKER)) {
            return false;
        }
        try {
            UUID uuid = UUID.fromString(clientOrderId);
            return uuid.version() == 8 && uuid.variant() == 2 && uuid.toString().equals(clientOrderId);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }

    private static long toLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = offset; i < offset + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
