package com.algomarket.api.temporal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.io.File;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * TLS and authentication towards a Temporal cluster or Temporal Cloud: mTLS with a client certificate
 * ({@code TEMPORAL_TLS_CERT}, {@code TEMPORAL_TLS_KEY}, PEM files), the CA of the server's certificate when it is a
 * private one ({@code TEMPORAL_TLS_CA}), or an API key ({@code TEMPORAL_API_KEY}, sent as a bearer token over TLS).
 * The starter's own {@code spring.temporal.connection.mtls.*} has no setting for a private CA, so the TLS context is
 * built here; with none of these set, the connection is plain gRPC, as to the dev server.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConnectionSecurity {

    record Settings(boolean tls, String cert, String key, String ca, String serverName, String apiKey) {

        boolean anyTls() {
            return tls || !cert.isBlank() || !ca.isBlank() || !apiKey.isBlank();
        }
    }

    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalTlsAndApiKey(
            @Value("${algomarket.temporal.tls.enabled:false}") boolean tls,
            @Value("${algomarket.temporal.tls.cert:}") String cert,
            @Value("${algomarket.temporal.tls.key:}") String key,
            @Value("${algomarket.temporal.tls.ca:}") String ca,
            @Value("${algomarket.temporal.tls.server-name:}") String serverName,
            @Value("${algomarket.temporal.api-key:}") String apiKey) {
        Settings settings = new Settings(tls, cert, key, ca, serverName, apiKey);
        return builder -> apply(settings, builder);
    }

    static WorkflowServiceStubsOptions.Builder apply(Settings settings, WorkflowServiceStubsOptions.Builder builder) {
        if (!settings.anyTls()) {
            return builder;
        }
        builder.setSslContext(sslContext(settings));
        if (!settings.serverName().isBlank()) {
            builder.setChannelInitializer(channel -> channel.overrideAuthority(settings.serverName()));
        }
        if (!settings.apiKey().isBlank()) {
            builder.addApiKey(settings::apiKey);
        }
        return builder;
    }

    static SslContext sslContext(Settings settings) {
        try {
            SslContextBuilder context = GrpcSslContexts.forClient();
            if (!settings.ca().isBlank()) {
                context.trustManager(new File(settings.ca()));
            }
            if (!settings.cert().isBlank()) {
                context.keyManager(new File(settings.cert()), new File(settings.key()));
            }
            return context.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY / TEMPORAL_TLS_CA could not be read: " + e.getMessage(), e);
        }
    }
}
