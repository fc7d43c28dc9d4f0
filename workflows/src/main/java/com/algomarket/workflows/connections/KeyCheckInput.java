package com.algomarket.workflows.connections;

import com.algomarket.workflows.exchange.Exchange;

/**
 * A key to check before its connection is stored: the API has sealed it already (each ciphertext bound to the new
 * connection id and its column), so that no plain secret is ever in a workflow input or history. {@code passphrase}
 * is null for exchanges without one.
 */
public record KeyCheckInput(
        String connectionId, Exchange exchange, byte[] apiKey, byte[] apiSecret, byte[] passphrase) {

    @Override
    public String toString() {
        return "KeyCheckInput[connectionId=" + connectionId + ", exchange=" + exchange + "]";
    }
}
