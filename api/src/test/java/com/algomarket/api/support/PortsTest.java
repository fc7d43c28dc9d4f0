package com.algomarket.api.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void givenTheKernelsRange_whenRead_thenItsFirstNumberIsTheStart() throws Exception {
        int expected = Files.exists(RANGE)
                ? Integer.parseInt(Files.readAllLines(RANGE).getFirst().strip().split("\\s+")[0])
                : 32_768;
        assertThat(Ports.ephemeralRangeStart()).isEqualTo(expected).isGreaterThan(1_024);
    }

    @Test
    void givenPortsForTwentyApps_whenHandedOut_thenEachIsDistinctAndBelowTheEphemeralRange() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(Ports.freeOutsideEphemeralRange());
        }
        assertThat(ports)
                .hasSize(20)
                .allSatisfy(port -> assertThat(port).isBetween(10_000, Ports.ephemeralRangeStart() - 1));
    }
}
