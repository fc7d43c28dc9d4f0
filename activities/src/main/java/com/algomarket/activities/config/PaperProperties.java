package com.algomarket.activities.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The paper venue this process serves when {@code algomarket.paper.serve} is true ({@code algomarket.paper.*}; the
 * defaults are in application.yml).
 *
 * @param port its port; 0 picks a free one
 * @param weightPerMinute its request weight per minute, also the PAPER client's rate limit
 * @param volatility how far prices move (a fraction, random sign) once per tick
 */
@ConfigurationProperties("algomarket.paper")
record PaperProperties(int port, int weightPerMinute, double volatility, Duration tick) {}
