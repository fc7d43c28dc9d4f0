package com.algomarket.api.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void givenNoTrustedProxy_whenForwardedForIsSent_thenTheSocketAddressCounts() {
        ClientAddress addresses = addresses();

        assertThat(addresses.resolve("198.51.100.7", List.of("203.0.113.1"))).isEqualTo("198.51.100.7");
    }

    @Test
    void givenATrustedProxy_whenItForwards_thenTheRightMostAddressItDidNotWriteItself() {
        ClientAddress addresses = addresses("10.0.0.0/8", "192.0.2.10");

        // The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
        assertThat(addresses.resolve("10.1.2.3", List.of("1.2.3.4, 198.51.100.7")))
                .isEqualTo("198.51.100.7");
        // Two proxies in a row, the header split over two lines.
        assertThat(addresses.resolve("192.0.2.10", List.of("1.2.3.4, 198.51.100.7", "10.9.9.9")))
                .isEqualTo("198.51.100.7");
        // A trusted proxy that forwarded nothing: its own address.
        assertThat(addresses.resolve("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
        // A request that does not come through a trusted proxy: the header is ignored.
        assertThat(addresses.resolve("198.51.100.9", List.of("10.1.2.3"))).isEqualTo("198.51.100.9");
    }

    @Test
    void givenANameInsteadOfAnAddress_whenForwarded_thenItIsTheClientNotATrustedProxy() {
        ClientAddress addresses = addresses("10.0.0.0/8");

        assertThat(addresses.resolve("10.1.2.3", List.of("localhost"))).isEqualTo("localhost");
    }

    private static ClientAddress addresses(String... trustedProxies) {
        AbuseProperties.ActionLimits none = new AbuseProperties.ActionLimits(null, null);
        return new ClientAddress(new AbuseProperties(
                List.of(trustedProxies),
                1_000,
                new AbuseProperties.Limits(none, none, none, none, none, none),
                new AbuseProperties.PasswordHashing(1, Duration.ZERO),
                3));
    }
}
