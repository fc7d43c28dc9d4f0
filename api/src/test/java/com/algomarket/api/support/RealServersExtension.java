package com.algomarket.api.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a {@link RealServers} class at once, with instructions, when the real servers' variables are missing; and ends
 * the workflows left running on the shared Temporal server before the class and after it (after its app closed), so
 * that no class's worker runs another class's workflows ({@link TemporalLeftovers}).
 */
final class RealServersExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        ServerEnvironment.owner();
        TemporalLeftovers.terminateAll(
                ServerEnvironment.temporalAddress(), "left over before " + context.getDisplayName());
    }

    /** Runs after Spring's extension closed the class's app (extensions registered first are called last here). */
    @Override
    public void afterAll(ExtensionContext context) {
        TemporalLeftovers.terminateAll(ServerEnvironment.temporalAddress(), "left over by " + context.getDisplayName());
    }
}
