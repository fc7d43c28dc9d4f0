package com.algomarket.api.abuse;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;

/**
 * The abuse limits ({@code algomarket.abuse.*}; the defaults and their reasons are in application.yml).
 *
 * @param trustedProxies addresses (or CIDR ranges) of reverse proxies whose {@code X-Forwarded-For} is believed;
 *     empty: the socket's address is the client's, whatever the header says
 * @param maxTrackedKeys the most addresses or accounts remembered per limit (bounds the memory of the buckets)
 * @param limits the token buckets of each guarded action
 * @param passwordHashing the bulkhead around password hashing
 * @param maxUnpaidPurchases the most purchases a user may have awaiting payment at once
 */
@ConfigurationProperties("algomarket.abuse")
public record AbuseProperties(
        List<String> trustedProxies,
        int maxTrackedKeys,
        Limits limits,
        PasswordHashing passwordHashing,
        int maxUnpaidPurchases) {

    public AbuseProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        Objects.requireNonNull(limits, "algomarket.abuse.limits");
        Objects.requireNonNull(passwordHashing, "algomarket.abuse.password-hashing");
        if (maxTrackedKeys < 1 || maxUnpaidPurchases < 1) {
            throw new IllegalArgumentException(
                    "algomarket.abuse.max-tracked-keys and max-unpaid-purchases must be at least 1");
        }
    }

    public record Limits(
            ActionLimits login,
            ActionLimits register,
            ActionLimits verify,
            ActionLimits resend,
            ActionLimits couponCheck,
            ActionLimits keySignal) {

        ActionLimits of(AbuseAction action) {
            ActionLimits limits = switch (action) {
                case LOGIN -> login;
                case REGISTER -> register;
                case VERIFY -> verify;
                case RESEND -> resend;
                case COUPON_CHECK -> couponCheck;
                case KEY_SIGNAL -> keySignal;
            };
            return Objects.requireNonNull(limits, () -> "algomarket.abuse.limits." + action.property() + " is not set");
        }
    }

    /** One bucket per client address and one per account; either may be absent (no limit in that scope). */
    public record ActionLimits(Rate perIp, Rate perAccount) {}

    /**
     * A bucket of {@code capacity} attempts that refills {@code capacity} over {@code period}, evenly (so after the
     * burst, one attempt per {@code period / capacity}). Written {@code capacity/period}, e.g. {@code 5/15m} or
     * {@code 5/PT15M}.
     */
    public record Rate(long capacity, Duration period) {

        public Rate {
            if (capacity < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a rate needs a capacity >= 1 and a positive period");
            }
        }

        /** Parses {@code capacity/period}; Spring's binder calls it for a property written as a string. */
        public static Rate valueOf(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("a rate is written capacity/period, e.g. 5/15m, not '" + text + "'");
            }
            return new Rate(
                    Long.parseLong(text.substring(0, slash).strip()),
                    DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
        }
    }

    /**
     * @param maxConcurrent how many password hashes or checks may run at once (each Argon2id takes 16 MiB)
     * @param maxWait how long a request waits for its turn before it is answered 503
     */
    public record PasswordHashing(int maxConcurrent, Duration maxWait) {

        public PasswordHashing {
            if (maxConcurrent < 1 || maxWait == null || maxWait.isNegative()) {
                throw new IllegalArgumentException(
                        "algomarket.abuse.password-hashing needs max-concurrent >= 1 and a max-wait");
            }
        }
    }
}
