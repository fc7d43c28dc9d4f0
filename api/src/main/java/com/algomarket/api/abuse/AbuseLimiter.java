package com.algomarket.api.abuse;

import com.algomarket.api.problem.ApiProblem;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Per client address and per account token buckets (Bucket4j) for the actions an attacker repeats: login,
 * registration, verification, resend and coupon checks. An action over either limit answers 429 {@code rate-limited}
 * with {@code Retry-After}, the time until its bucket has an attempt again.
 *
 * <p>The buckets live in this node's memory, in caches bounded by {@code max-tracked-keys} entries per limit and
 * dropped once unused for their period (by then a bucket is full again, so forgetting it changes nothing). That is
 * right for one API node; behind several, each node counts on its own, so a client gets up to N times the limits
 * (move the buckets to a shared store, e.g. Bucket4j's PostgreSQL proxy manager, if that matters). An attacker who
 * fills a cache with more keys than it holds evicts older buckets early; the per-address limits make that take many
 * addresses.
 */
@Component
public class AbuseLimiter {

    private final Map<AbuseAction, Scope> perIp = new EnumMap<>(AbuseAction.class);
    private final Map<AbuseAction, Scope> perAccount = new EnumMap<>(AbuseAction.class);
    private final ClientAddress clientAddress;

    @Autowired
    AbuseLimiter(AbuseProperties properties, ClientAddress clientAddress) {
        this(properties, clientAddress, TimeMeter.SYSTEM_MILLISECONDS);
    }

    AbuseLimiter(AbuseProperties properties, ClientAddress clientAddress, TimeMeter time) {
        this.clientAddress = clientAddress;
        for (AbuseAction action : AbuseAction.values()) {
            AbuseProperties.ActionLimits limits = properties.limits().of(action);
            if (limits.perIp() != null) {
                perIp.put(action, new Scope(limits.perIp(), properties.maxTrackedKeys(), time));
            }
            if (limits.perAccount() != null) {
                perAccount.put(action, new Scope(limits.perAccount(), properties.maxTrackedKeys(), time));
            }
        }
    }

    /** {@link #acquire(AbuseAction, String, String)} for the client address of {@code request}. */
    public void acquire(AbuseAction action, HttpServletRequest request, String account) {
        acquire(action, clientAddress.of(request), account);
    }

    /**
     * Takes one attempt from the address's bucket, then from the account's ({@code account} null: none, e.g. a
     * verification link names no account). Throws 429 when either is empty; an attempt refused by the account's
     * bucket still counts against the address, so that guessing across many accounts is slowed too.
     */
    public void acquire(AbuseAction action, String address, String account) {
        take(perIp.get(action), address, action, "from your address");
        if (account != null) {
            take(
                    perAccount.get(action),
                    accountKey(account),
                    action,
                    action == AbuseAction.KEY_SIGNAL ? "" : "for this account");
        }
    }

    /**
     * Gives the account its attempt back: a login that succeeded was no guess, so only failures use up the account's
     * bucket (5 wrong passwords, not 5 logins). The address keeps the attempt: each one cost a password check.
     */
    public void forgive(AbuseAction action, String account) {
        Scope scope = perAccount.get(action);
        if (scope != null && account != null) {
            Bucket bucket = scope.buckets.getIfPresent(accountKey(account));
            if (bucket != null) {
                bucket.addTokens(1);
            }
        }
    }

    private static void take(Scope scope, String key, AbuseAction action, String where) {
        if (scope == null) {
            return;
        }
        ConsumptionProbe probe = scope.bucket(key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            // Whole seconds, rounded up: Retry-After has no fractions, and an early retry would only be refused again.
            long seconds = Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
            throw ApiProblem.rateLimited(
                    "Too many " + action.plural() + (where.isEmpty() ? "" : " " + where) + "; try again in " + seconds
                            + " seconds.",
                    Duration.ofSeconds(seconds));
        }
    }

    private static String accountKey(String account) {
        return account.strip().toLowerCase(Locale.ROOT);
    }

    /** The buckets of one limit, one per address or account, in a bounded cache. */
    private static final class Scope {

        private final Bandwidth bandwidth;
        private final TimeMeter time;
        private final Cache<String, Bucket> buckets;

        Scope(AbuseProperties.Rate rate, int maxKeys, TimeMeter time) {
            this.bandwidth = Bandwidth.builder()
                    .capacity(rate.capacity())
                    .refillGreedy(rate.capacity(), rate.period())
                    .build();
            this.time = time;
            this.buckets = CacheBuilder.newBuilder()
                    .maximumSize(maxKeys)
                    .expireAfterAccess(rate.period())
                    .build();
        }

        Bucket bucket(String key) {
            return buckets.asMap()
                    .computeIfAbsent(
                            key,
                            unused -> Bucket.builder()
                                    .addLimit(bandwidth)
                                    .withCustomTimePrecision(time)
                                    .build());
        }
    }
}
