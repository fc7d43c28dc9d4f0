package com.algomarket.api.embedded;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * The SDK's in-process Temporal test server on 127.0.0.1 only. {@code TestServer.createPortBoundServer} binds every
 * interface (gRPC's {@code forPort}), which would let anyone on the network start workflows; this builds the same
 * server from the same parts (the test services and their health checks) on a loopback address instead.
 */
@RequiredArgsConstructor(access = AccessLevel.PRIVATE)
final class LoopbackTestServer implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;

    static LoopbackTestServer start(int port) {
        // lockTimeSkipping = true: real time. With false the test server skips ahead whenever it is idle, and every
        // durable timer (reminders, payment deadlines, order timeouts) would fire at once.
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            return new LoopbackTestServer(services, builder.build().start());
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("Could not start the in-process Temporal test server on port " + port, e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        services.close();
    }
}
