package com.algomarket.db.connections;

/** The stored ciphertexts of a connection's key, secret and (KuCoin) passphrase; only activities decrypt them. */
public record EncryptedCredentials(String exchange, byte[] apiKey, byte[] apiSecret, byte[] passphrase) {}
