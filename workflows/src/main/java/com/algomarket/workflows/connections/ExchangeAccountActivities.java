package com.algomarket.workflows.connections;

import io.temporal.activity.ActivityInterface;

/**
 * What the API needs to know from a user's exchange account, asked on the worker, which alone may decrypt a key. An
 * exchange's answer, failures included, comes back as a value: the API turns it into a REST answer.
 */
@ActivityInterface
public interface ExchangeAccountActivities {

    /** Decrypts the sealed key and reads its permissions at the exchange. */
    KeyCheckResult checkKey(KeyCheckInput input);

    /** The balances of a stored connection. */
    AccountBalances balances(String connectionId);

    /** The last prices of symbols, read with a stored connection's key. */
    LastPrices lastPrices(LastPricesInput input);
}
