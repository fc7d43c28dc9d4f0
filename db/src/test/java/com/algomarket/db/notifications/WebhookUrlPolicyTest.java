package com.algomarket.db.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook URL check, as a table of URLs. Names resolve through a fixed table (no DNS is asked); address literals
 * are parsed by the JDK, as the delivering HTTP client parses them.
 */
class WebhookUrlPolicyTest {

    /** What the test's "DNS" answers: a public name, names that point inside, and one that rebinds to both. */
    private static final Map<String, String[]> NAMES = Map.of(
            "hooks.example.com", new String[] {"93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"},
            "localhost", new String[] {"127.0.0.1", "::1"},
            "internal.example.com", new String[] {"10.1.2.3"},
            "metadata.example.com", new String[] {"169.254.169.254"},
            "half-inside.example.com", new String[] {"93.184.215.14", "192.168.1.10"},
            "v6-inside.example.com", new String[] {"fd00::1"});

    private static final WebhookUrlPolicy PRODUCTION = new WebhookUrlPolicy(false, WebhookUrlPolicyTest::resolve);
    private static final WebhookUrlPolicy EMBEDDED = new WebhookUrlPolicy(true, WebhookUrlPolicyTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] known = NAMES.get(host);
        if (known == null) {
            // Address literals only: InetAddress parses them without a lookup. Any other name is unknown here.
            if (!host.contains(":") && !host.matches("[0-9.]+")) {
                throw new UnknownHostException(host);
            }
            return InetAddress.getAllByName(host);
        }
        InetAddress[] addresses = new InetAddress[known.length];
        for (int i = 0; i < known.length; i++) {
            addresses[i] = InetAddress.getByAddress(
                    host, InetAddress.getByName(known[i]).getAddress());
        }
        return addresses;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/algomarket",
                "https://hooks.example.com:8443/a?b=c",
                "HTTPS://hooks.example.com/",
                "https://93.184.215.14/hook",
                "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook",
                "https://8.8.8.8/",
                "https://172.32.0.1/",
                "https://100.128.0.1/",
                "https://[2002:5db8:d70e::1]/"
            })
    void givenPublicHttpsUrl_whenChecked_thenAcceptedEverywhere(String url) {
        assertThat(PRODUCTION.check(url).uri().toString()).isEqualTo(url);
        assertThat(EMBEDDED.check(url).addresses()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://hooks.example.com/hook            | must use https",
                "ftp://hooks.example.com/hook             | must use https",
                "hooks.example.com/hook                   | must use https",
                "https:///hook                            | needs a host",
                "https://user:pw@hooks.example.com/       | user name or password",
                "https://hooks.example.com/#x             | fragment",
                "https://nowhere.invalid/                 | does not resolve",
                "https://127.0.0.1/                       | a loopback address",
                "https://localhost:8080/                  | a loopback address",
                "https://[::1]/                           | a loopback address",
                "https://10.0.0.1/                        | a private address",
                "https://172.16.5.4/                      | a private address",
                "https://172.31.255.255/                  | a private address",
                "https://192.168.0.1/                     | a private address",
                "https://100.64.0.1/                      | a private address",
                "https://internal.example.com/            | resolves to 10.1.2.3, a private address",
                "https://half-inside.example.com/         | resolves to 192.168.1.10, a private address",
                "https://169.254.169.254/latest/meta-data | a link-local address",
                "https://metadata.example.com/            | resolves to 169.254.169.254, a link-local address",
                "https://[fe80::1]/                       | a link-local address",
                "https://[fd00::1]/                       | a private address",
                "https://v6-inside.example.com/           | a private address",
                "https://[fec0::1]/                       | a private address",
                "https://224.0.0.1/                       | a multicast address",
                "https://[ff02::1]/                       | a multicast address",
                "https://0.0.0.0/                         | an unspecified address",
                "https://[::]/                            | an unspecified address",
                "https://255.255.255.255/                 | a reserved address",
                "https://192.0.2.1/                       | a reserved address",
                "https://[2001:db8::1]/                   | a reserved address",
                "https://[::ffff:127.0.0.1]/              | a loopback address",
                "https://[::ffff:7f00:1]/                 | a loopback address",
                "https://[::ffff:10.0.0.1]/               | a private address",
                "https://[::ffff:a9fe:a9fe]/              | a link-local address",
                "https://[::10.0.0.1]/                    | a private address",
                "https://[64:ff9b::a9fe:a9fe]/            | a link-local address",
                "https://[2002:c0a8:0101::1]/             | a private address",
                "https://[2001:0:4136:e378::1]/           | a reserved address",
                "https://2130706433/                      | ambiguous form",
                "https://0177.0.0.1/                      | ambiguous form",
                // The JDK's URI parser takes no host from it at all; refused either way.
                "https://0x7f.0.0.1/                      | needs a host",
                "https://0x7f000001/                      | ambiguous form",
                "https://017700000001/                    | ambiguous form",
                "https://0/                               | ambiguous form"
            })
    void givenUrlIntoThePrivateNetworkOrMalformed_whenCheckedInProduction_thenRefusedWithTheReason(
            String url, String reason) {
        assertThatThrownBy(() -> PRODUCTION.check(url))
                .isInstanceOf(WebhookUrlPolicy.Refused.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/hook",
                "http://localhost:9000/",
                "http://[::1]:9000/",
                "https://127.0.0.1/hook",
                "http://[::ffff:127.0.0.1]/"
            })
    void givenLoopbackUrl_whenCheckedInTheEmbeddedDefault_thenAccepted(String url) {
        assertThat(EMBEDDED.check(url).addresses()).allMatch(InetAddress::isLoopbackAddress);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "http://hooks.example.com/        | must use https",
                "http://10.0.0.1/                 | a private address",
                "https://169.254.169.254/         | a link-local address",
                "http://[fe80::1]/                | a link-local address",
                "http://0.0.0.0:8080/             | an unspecified address",
                "http://2130706433/               | ambiguous form"
            })
    void givenUrlBeyondLoopback_whenCheckedInTheEmbeddedDefault_thenStillRefused(String url, String reason) {
        assertThatThrownBy(() -> EMBEDDED.check(url))
                .isInstanceOf(WebhookUrlPolicy.Refused.class)
                .hasMessageContaining(reason);
    }
}
