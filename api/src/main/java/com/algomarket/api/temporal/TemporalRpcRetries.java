package com.algomarket.api.temporal;

import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a call to Temporal retries an unreachable server before it fails
 * ({@code algomarket.temporal.rpc-retry-expiration}). The SDK's default is a minute, during which a REST request that
 * starts, queries or signals a workflow would hang; bounded, it answers 503 with Retry-After (api.md conventions) while
 * Temporal is down. Workers are not affected: their polls and activity answers use the SDK's own retry options.
 */
@Configuration(proxyBeanMethods = false)
class TemporalRpcRetries {

    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> boundedRpcRetries(
            @Value("${algomarket.temporal.rpc-retry-expiration}") Duration expiration) {
        return builder -> builder.setRpcRetryOptions(
                RpcRetryOptions.newBuilder().setExpiration(expiration).validateBuildWithDefaults());
    }
}
