package com.algomarket.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * What this process does, from {@code algomarket.roles} ({@code ALGOMARKET_ROLES}): {@code api} serves the REST API,
 * {@code worker} runs Temporal workers; both by default. API nodes and workers can so be scaled apart. Every node
 * keeps the actuator endpoints, so that probes work everywhere.
 */
public class Roles implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String API_PROPERTY = "algomarket.role.api";
    public static final String WORKER_PROPERTY = "algomarket.role.worker";

    private static final Set<String> KNOWN = Set.of("api", "worker");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String configured = context.getEnvironment().getProperty("algomarket.roles", "api,worker");
        Set<String> roles = Arrays.stream(configured.split(","))
                .map(String::strip)
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toSet());
        if (roles.isEmpty() || !KNOWN.containsAll(roles)) {
            throw new IllegalArgumentException(
                    "algomarket.roles must be api, worker or both (comma separated), not '" + configured + "'");
        }
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "roles",
                        Map.of(
                                API_PROPERTY,
                                roles.contains("api"),
                                WORKER_PROPERTY,
                                roles.contains("worker"),
                                "spring.temporal.start-workers",
                                roles.contains("worker"))));
    }
}
