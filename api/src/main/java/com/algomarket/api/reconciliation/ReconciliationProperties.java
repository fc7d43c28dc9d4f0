package com.algomarket.api.reconciliation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the reconciliation compares ({@code algomarket.reconciliation.*}; the reasons are in application.yml).
 *
 * @param interval how often each connection's exchange account is compared with the database
 * @param streamedInterval how often instead while the connection's account stream is connected
 * @param onWorkerStart whether a worker that starts makes every connection's reconciliation compare at once
 */
@ConfigurationProperties("algomarket.reconciliation")
record ReconciliationProperties(
        @DefaultValue("PT5M") Duration interval,
        @DefaultValue("PT1H") Duration streamedInterval,
        @DefaultValue("true") boolean onWorkerStart) {}
