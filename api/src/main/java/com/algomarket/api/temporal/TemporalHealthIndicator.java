package com.algomarket.api.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The {@code temporal} component of {@code /actuator/health}: can this node reach the Temporal frontend now? */
@Component("temporal")
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class TemporalHealthIndicator implements HealthIndicator {

    private final WorkflowServiceStubs stubs;

    @Value("${spring.temporal.connection.target}")
    private final String target;

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
