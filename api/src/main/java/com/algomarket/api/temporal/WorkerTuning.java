package com.algomarket.api.temporal;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import javax.annotation.Nonnull;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Worker sizing for many open orders at once. Every open order is a workflow that waits; with the SDK's defaults each
 * cached workflow holds a platform thread (600 at most) and the cache holds 600: a fan-out to 1,000 portfolios
 * stalled on workflow tasks that timed out on the sticky queue while no thread was free (measured: about 2 order
 * lifecycles a second). Virtual threads make a waiting workflow cost a little heap instead of a thread.
 */
@Configuration
class WorkerTuning {

    @Bean
    TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> workerFactoryTuning(
            @Value("${algomarket.temporal.workflow-cache-size:10000}") int cacheSize) {
        return builder -> builder
                .setUsingVirtualWorkflowThreads(true)
                .setWorkflowCacheSize(cacheSize)
                .setMaxWorkflowThreadCount(cacheSize);
    }

    @Bean
    WorkerOptionsCustomizer workerOptionsTuning(
            @Value("${algomarket.temporal.max-pollers:16}") int maxPollers) {
        return new WorkerOptionsCustomizer() {
            @Nonnull
            @Override
            public WorkerOptions.Builder customize(@Nonnull WorkerOptions.Builder options, @Nonnull String workerName,
                    @Nonnull String taskQueue) {
                // Pollers scale with the backlog: one or two when idle, up to maxPollers under a fan-out.
                return options
                        .setUsingVirtualThreads(true)
                        .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, maxPollers, 2))
                        .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling(2, maxPollers, 2));
            }
        };
    }
}
