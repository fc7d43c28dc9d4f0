package com.algomarket.api.abuse;

import com.algomarket.api.problem.ApiProblem;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A bulkhead around a password encoder: at most {@code max-concurrent} hashes or checks run at once, and a request
 * that finds them all busy waits up to {@code max-wait} for its turn, then answers 503 {@code service-unavailable}
 * with {@code Retry-After}. Each Argon2id computation holds 16 MiB and a core for tens of milliseconds, and requests
 * run on unbounded virtual threads: without the bound a login flood would exhaust memory before any rate limit
 * (which counts per address) noticed many addresses.
 */
public final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final Duration maxWait;

    public BoundedPasswordEncoder(PasswordEncoder delegate, AbuseProperties.PasswordHashing limits) {
        this.delegate = delegate;
        // Fair: under load, requests get their turn in arrival order instead of some waiting until they give up.
        this.permits = new Semaphore(limits.maxConcurrent(), true);
        this.maxWait = limits.maxWait();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bounded(() -> delegate.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        return bounded(() -> delegate.matches(rawPassword, encodedPassword));
    }

    /** Reads the hash's prefix only: no hashing, so no permit. */
    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private <T> T bounded(Supplier<T> hashing) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!acquired) {
            throw busy();
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }

    private ApiProblem busy() {
        return ApiProblem.serviceUnavailable(
                "Too many sign-ins are being checked right now; try again in a moment.",
                maxWait.isZero() ? Duration.ofSeconds(1) : maxWait);
    }
}
