package com.algomarket.activities.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatCadenceTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void givenAFiveSecondTimeout_whenCalledEveryHalfSecond_thenSendsEveryTwoAndAHalfSeconds() {
        HeartbeatCadence cadence = new HeartbeatCadence(Duration.ofSeconds(5));
        long start = 123 * SECOND;
        int sent = 0;
        long lastSent = 0;
        long longestGap = 0;
        for (long now = start; now <= start + 20 * SECOND; now += SECOND / 2) {
            if (cadence.due(now)) {
                if (sent > 0) {
                    longestGap = Math.max(longestGap, now - lastSent);
                }
                sent++;
                lastSent = now;
            }
        }
        assertThat(sent).as("heartbeats in 20 s, the first at once").isEqualTo(9);
        assertThat(longestGap).as("never more than half the timeout apart").isEqualTo(5 * SECOND / 2);
    }

    @Test
    void givenNoTimeout_whenCalled_thenSendsEveryTenSeconds() {
        HeartbeatCadence cadence = new HeartbeatCadence(Duration.ZERO);
        assertThat(cadence.due(0)).isTrue();
        assertThat(cadence.due(9 * SECOND)).isFalse();
        assertThat(cadence.due(10 * SECOND)).isTrue();
    }
}
