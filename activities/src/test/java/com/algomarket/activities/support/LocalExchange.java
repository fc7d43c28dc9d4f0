package com.algomarket.activities.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local exchange: a WireMock server on a free port of the loopback interface only, running for each test of the
 * class that registers it as an instance field with {@code @RegisterExtension}. JUnit starts it before the class's own
 * {@code @BeforeEach} methods, which stub it and point a gateway at it, and stops it after each test.
 */
public final class LocalExchange extends WireMockServer implements BeforeEachCallback, AfterEachCallback {

    public LocalExchange() {
        super(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
