package com.algomarket.activities.exchange.transport;

import java.time.Duration;

/**
 * Where the budgets that exchanges count per key (per account) are kept. An account's orders count against one budget
 * whichever worker sends them, so with more than one worker the budget must be shared between them
 * ({@link SharedKeyBudgets}); {@link LocalKeyBudgets} serves one process alone, and the unit tests.
 */
public interface KeyBudgets {

    /**
     * Takes one call from the budget of {@code scope} (an exchange and a key's hash), which holds {@code limit}: zero
     * when taken, else how long until one is there, and nothing is taken.
     */
    Duration tryTake(String scope, RateLimit limit);

    /** Spends the budget of {@code scope} for {@code retryAfter}: the exchange told us to stop, whatever we counted. */
    void exhaustFor(String scope, RateLimit limit, Duration retryAfter);
}
