package com.algomarket.db.connections;

import com.algomarket.workflows.exchange.Exchange;

/** The stored ciphertexts of a connection's key, secret and (KuCoin) passphrase; only activities decrypt them. */
public record EncryptedCredentials(Exchange exchange, byte[] apiKey, byte[] apiSecret, byte[] passphrase) {}
