package com.algomarket.api.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code temporal} component of {@code /actuator/health}: can this node reach the Temporal frontend now? */
@Component("temporal")
class TemporalHealthIndicator implements HealthIndicator {

    private final WorkflowServiceStubs stubs;
    private final String target;

    TemporalHealthIndicator(WorkflowServiceStubs stubs, @Value("${spring.temporal.connection.target}") String target) {
        this.stubs = stubs;
        this.target = target;
    }

    @Override
    public Health health() {
        try {
            // A short deadline: a health probe that hangs is worse than one that says DOWN.
            var info = stubs.blockingStub()
                    .withDeadlineAfter(2, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return Health.up()
                    .withDetail("target", target)
                    .withDetail("serverVersion", info.getServerVersion())
                    .build();
        } catch (RuntimeException e) {
            return Health.down()
                    .withDetail("target", target)
                    .withDetail("error", e.getMessage())
                    .build();
        }
    }
}
