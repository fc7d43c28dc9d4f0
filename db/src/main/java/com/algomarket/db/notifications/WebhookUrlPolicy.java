package com.algomarket.db.notifications;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import lombok.RequiredArgsConstructor;

/**
 * Which webhook URLs the app posts to, so that a user's webhook cannot make the app call into its own network
 * (server-side request forgery). Checked when the webhook is saved and again before every delivery, since a name may
 * resolve elsewhere later (DNS rebinding): every address the name resolves to must be a public unicast address; one
 * loopback, private (RFC 1918, shared, unique local), link-local, multicast, unspecified or reserved address refuses
 * the URL. IPv4 addresses carried inside IPv6 ones (mapped, compatible, NAT64, 6to4) are judged as the IPv4 address.
 * The scheme is https; only the embedded default, which runs on one machine for a developer, also takes loopback
 * addresses, over http or https. Numeric hosts other than a plain dotted quad ({@code 2130706433},
 * {@code 0177.0.0.1}) are refused: resolvers disagree on what they mean.
 *
 * <p>Shared by the API node (when the webhook is saved) and the worker (before each delivery), which both depend on
 * this module.
 */
@RequiredArgsConstructor
public final class WebhookUrlPolicy {

    /** Resolves a host name (or address literal) to every address it has, as {@link InetAddress#getAllByName}. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL the policy refuses, with the reason in words a user can act on. */
    public static final class Refused extends RuntimeException {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** An accepted URL and the addresses it resolved to when it was checked. */
    public record Accepted(URI uri, List<InetAddress> addresses) {}

    static final int MAX_LENGTH = 2048;

    /** Labels of digits or of 0x and hex digits only: a number, whatever a resolver makes of it. */
    private static final Pattern NUMERIC_HOST =
            Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?", Pattern.CASE_INSENSITIVE);

    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");

    private final boolean allowLoopback;
    private final Resolver resolver;

    /** {@code allowLoopback}: the embedded default, where the app and the user's receiver share one machine. */
    public static WebhookUrlPolicy withSystemResolver(boolean allowLoopback) {
        return new WebhookUrlPolicy(allowLoopback, InetAddress::getAllByName);
    }

    /** The URL and its addresses; throws {@link Refused} with the reason otherwise. */
    public Accepted check(String url) {
        URI uri = parse(url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http") && !allowLoopback) {
            throw new Refused("a webhook URL must use https");
        }
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (NUMERIC_HOST.matcher(bareHost).matches()
                && !DOTTED_QUAD.matcher(bareHost).matches()) {
            throw new Refused("the host " + host + " is a numeric address in an ambiguous form; write it as a.b.c.d");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("the host " + host + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("the host " + host + " does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            String kind = forbiddenKind(address);
            if ("loopback".equals(kind) && allowLoopback) {
                continue;
            }
            allLoopback = false;
            if (kind != null) {
                throw new Refused("the host " + host + " resolves to " + address.getHostAddress() + ", " + article(kind)
                        + " " + kind + " address: webhooks go to public addresses only");
            }
        }
        if (scheme.equals("http") && !allLoopback) {
            throw new Refused("a webhook URL must use https (http only to this machine, in the embedded default)");
        }
        return new Accepted(uri, List.of(addresses));
    }

    private URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new Refused("a webhook URL is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new Refused("a webhook URL has at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new Refused("a webhook URL must use https");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new Refused("a webhook URL needs a host name or a dotted-quad address");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("a webhook URL must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("a webhook URL must not have a fragment (#...)");
        }
        return uri;
    }

    /** What makes the address one the app must not call, or null for a public unicast address. */
    static String forbiddenKind(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenIpv4Kind(bytes, 0);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (isZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
            return forbiddenIpv4Kind(bytes, 12); // ::ffff:a.b.c.d, IPv4-mapped
        }
        if (isZero(bytes, 0, 12)) {
            if (isZero(bytes, 12, 15)) {
                int last = bytes[15] & 0xff;
                return last == 0 ? "unspecified" : last == 1 ? "loopback" : "reserved";
            }
            return forbiddenIpv4Kind(bytes, 12); // ::a.b.c.d, IPv4-compatible
        }
        if (first == 0x00
                && second == 0x64
                && (bytes[2] & 0xff) == 0xff
                && (bytes[3] & 0xff) == 0x9b
                && isZero(bytes, 4, 12)) {
            return forbiddenIpv4Kind(bytes, 12); // 64:ff9b::a.b.c.d, NAT64
        }
        if (first == 0x20 && second == 0x02) {
            return forbiddenIpv4Kind(bytes, 2); // 2002:aabb:ccdd::, 6to4
        }
        if (first == 0xff) {
            return "multicast";
        }
        if ((first & 0xfe) == 0xfc) {
            return "private"; // fc00::/7, unique local
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return "link-local";
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return "private"; // fec0::/10, the former site-local
        }
        if (first == 0x20 && second == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8) {
            return "reserved"; // 2001:db8::/32, documentation
        }
        if (first == 0x20 && second == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
            return "reserved"; // 2001::/32, Teredo: an IPv4 address hides inside
        }
        // Every public unicast address is in 2000::/3.
        return (first & 0xe0) == 0x20 ? null : "reserved";
    }

    private static String forbiddenIpv4Kind(byte[] bytes, int at) {
        int a = bytes[at] & 0xff;
        int b = bytes[at + 1] & 0xff;
        int c = bytes[at + 2] & 0xff;
        if (a == 0) {
            return isZero(bytes, at, at + 4) ? "unspecified" : "reserved";
        }
        if (a == 127) {
            return "loopback";
        }
        if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
            return "private";
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return "private"; // 100.64.0.0/10, shared (carrier-grade NAT)
        }
        if (a == 169 && b == 254) {
            return "link-local";
        }
        if (a >= 224 && a <= 239) {
            return "multicast";
        }
        if (a >= 240) {
            return "reserved"; // 240.0.0.0/4 and the broadcast address
        }
        if ((a == 192 && b == 0 && (c == 0 || c == 2))
                || (a == 198 && (b & 0xfe) == 18)
                || (a == 198 && b == 51 && c == 100)
                || (a == 203 && b == 0 && c == 113)) {
            return "reserved"; // protocol assignments, benchmarking, documentation
        }
        return null;
    }

    private static String article(String kind) {
        return "aeiou".indexOf(kind.charAt(0)) >= 0 ? "an" : "a";
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
