package com.algomarket.api.abuse;

import com.google.common.net.InetAddresses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request comes from, as the per-IP limits and the anonymous callers' idempotency scope count it.
 * {@code X-Forwarded-For} is written by whoever sends the request, so it is believed only when the socket's peer is a
 * configured trusted proxy (none by default): behind a load balancer, list it in
 * {@code algomarket.abuse.trusted-proxies} ({@code TRUSTED_PROXIES}), or every client shares the balancer's address,
 * its limits and its idempotency keys.
 */
@Component
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpAddressMatcher> trustedProxies;

    @Autowired
    ClientAddress(AbuseProperties properties) {
        this(properties.trustedProxies());
    }

    /** Believes {@code X-Forwarded-For} from {@code trustedProxies} (addresses or CIDR ranges) only. */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream()
                .map(String::strip)
                .filter(proxy -> !proxy.isEmpty())
                .map(IpAddressMatcher::new)
                .toList();
    }

    public String of(HttpServletRequest request) {
        return resolve(request.getRemoteAddr(), Collections.list(request.getHeaders(FORWARDED_FOR)));
    }

    /**
     * The peer, unless it is a trusted proxy: then the right-most {@code X-Forwarded-For} entry that is not itself a
     * trusted proxy. Entries further left were written by the client (or by proxies we do not know) and prove nothing.
     */
    String resolve(String peer, List<String> forwardedForHeaders) {
        if (!trusted(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedForHeaders) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        for (String hop : hops.reversed()) {
            if (!trusted(hop)) {
                return hop;
            }
        }
        // Only trusted proxies on the way: the first of them is as close to the client as we can tell.
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    private boolean trusted(String address) {
        // Only IP literals: a host name in a header must never cost a DNS lookup.
        if (!InetAddresses.isInetAddress(address)) {
            return false;
        }
        for (IpAddressMatcher proxy : trustedProxies) {
            try {
                if (proxy.matches(address)) {
                    return true;
                }
            } catch (IllegalArgumentException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
