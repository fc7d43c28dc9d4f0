package com.algomarket.api.support;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a {@link RealServers} class at once, with instructions, when the real servers' variables are missing. */
final class RealServersExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerEnvironment.databaseUrl();
        ServerEnvironment.temporalAddress();
    }
}
