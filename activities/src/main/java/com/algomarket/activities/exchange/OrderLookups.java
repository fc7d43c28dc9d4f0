package com.algomarket.activities.exchange;

import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Order lookups and cancels at venues that answer "no such order" with an error: the lookup finds nothing, and the
 * cancel of an order that is no longer open is no error.
 */
public final class OrderLookups {

    private OrderLookups() {}

    /** What {@code lookUp} finds, or empty where the venue says it has no such order ({@code noSuchOrder}). */
    public static <T> Optional<T> orEmpty(Supplier<Optional<T>> lookUp, Predicate<ExchangeCallException> noSuchOrder) {
        try {
            return lookUp.get();
        } catch (ExchangeCallException e) {
            if (noSuchOrder.test(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Requests the cancellation, tolerating the venue's refusal because the order is no longer open
     * ({@code noLongerOpen}): usually it filled before the cancel arrived, and its final state is what the caller
     * needs, not an error. The answer is the order as {@code lookUp} then reads it, or {@code absent} is thrown.
     */
    public static ExchangeOrder cancelThenLookUp(
            Runnable cancel,
            Predicate<ExchangeCallException> noLongerOpen,
            Supplier<Optional<ExchangeOrder>> lookUp,
            Supplier<ExchangeCallException> absent) {
        try {
            cancel.run();
        } catch (ExchangeCallException e) {
            if (!noLongerOpen.test(e)) {
                throw e;
            }
        }
        return lookUp.get().orElseThrow(absent);
    }
}
