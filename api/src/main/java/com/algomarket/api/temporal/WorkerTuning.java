package com.algomarket.api.temporal;

import com.algomarket.workflows.common.TaskQueues;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.tuning.PollerBehaviorAutoscaling;
import java.time.Duration;
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

    static final Duration DEADLOCK_DETECTION = Duration.ofSeconds(10);
    /** Shorter than any stream's heartbeat interval (half of at least 1 s): the SDK never defers one of them. */
    static final Duration STREAM_HEARTBEAT_THROTTLE = Duration.ofMillis(100);

    @Bean
    TemporalOptionsCustomizer<WorkerFactoryOptions.Builder> workerFactoryTuning(
            @Value("${algomarket.temporal.workflow-cache-size:10000}") int cacheSize) {
        return builder -> builder.setUsingVirtualWorkflowThreads(true)
                .setWorkflowCacheSize(cacheSize)
                .setMaxWorkflowThreadCount(cacheSize);
    }

    @Bean
    WorkerOptionsCustomizer workerOptionsTuning(
            @Value("${algomarket.temporal.max-pollers:16}") int maxPollers,
            @Value("${algomarket.temporal.sticky-schedule-to-start-timeout:PT5S}") Duration stickyTimeout) {
        return new WorkerOptionsCustomizer() {
            @Nonnull
            @Override
            public WorkerOptions.Builder customize(
                    @Nonnull WorkerOptions.Builder options, @Nonnull String workerName, @Nonnull String taskQueue) {
                if (TaskQueues.STREAMS.equals(taskQueue)) {
                    // Each stream paces and sends its own heartbeats (HeartbeatCadence); the SDK's throttle would
                    // hand them to its four heartbeat threads, too few for a thousand streams.
                    options.setMaxHeartbeatThrottleInterval(STREAM_HEARTBEAT_THROTTLE);
                }
                // Pollers scale with the backlog: one or two when idle, up to maxPollers under a fan-out. A workflow
                // that waits for a CPU after a restart (every open order replays at once) is not deadlocked: the
                // detector's default of 1 s failed workflow tasks under that load (measured in OrderCrashSafetyIT).
                return options.setUsingVirtualThreads(true)
                        .setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION.toMillis())
                        // A workflow task waits this long on the sticky queue of the worker that ran the workflow
                        // last before any worker may take it: after that worker dies, its orders stand still this long.
                        .setStickyQueueScheduleToStartTimeout(stickyTimeout)
                        .setWorkflowTaskPollersBehavior(new PollerBehaviorAutoscaling(2, maxPollers, 2))
                        .setActivityTaskPollersBehavior(new PollerBehaviorAutoscaling(2, maxPollers, 2));
            }
        };
    }
}
