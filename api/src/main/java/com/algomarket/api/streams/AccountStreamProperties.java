package com.algomarket.api.streams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The account streams as their starter sees them ({@code algomarket.streams.*}; the reasons are in application.yml,
 * the settings of the streams themselves are the activities').
 *
 * @param enabled whether every connection has an account stream
 * @param period how long one activity holds a stream before the workflow continues as new
 * @param heartbeatTimeout how long the worker holding a stream may go without a heartbeat before another takes it over
 * @param onWorkerStart whether a worker that starts starts every connection's stream (else only as connections are
 *     made)
 */
@ConfigurationProperties("algomarket.streams")
record AccountStreamProperties(
        boolean enabled,
        @DefaultValue("PT1H") Duration period,
        @DefaultValue("PT5S") Duration heartbeatTimeout,
        @DefaultValue("true") boolean onWorkerStart) {

    AccountStreamProperties {
        if (heartbeatTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            // The stream heartbeats every half second; a shorter timeout would take it from live workers all along.
            throw new IllegalArgumentException("algomarket.streams.heartbeat-timeout must be at least 1 s");
        }
    }
}
