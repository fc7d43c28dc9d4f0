package com.algomarket.activities.orders;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/** Runs an order activity's exchange call and turns its classified failure into the type the workflow reads. */
final class VenueCalls {

    /** The least next-retry delay an exchange's "retry after" becomes. */
    static final Duration MIN_RETRY_DELAY = Duration.ofMillis(200);

    interface ExchangeCall<T> {
        T call(ExchangeGateway gateway);
    }

    private VenueCalls() {}

    static <T> T call(ExchangeGateways gateways, Exchange exchange, ExchangeCall<T> call) {
        try {
            return call.call(gateways.get(exchange));
        } catch (ExchangeCallException e) {
            ApplicationFailure.Builder failure = ApplicationFailure.newBuilder()
                    .setMessage(e.getMessage())
                    .setType(e.failure().name())
                    .setNonRetryable(e.failure() == ExchangeFailure.REJECTED || e.failure() == ExchangeFailure.AUTH);
            if (e.retryAfter() != null) {
                // Never zero: the server reads a next-retry delay of 0 s as "no more retries" (RETRY_STATE_TIMEOUT),
                // and an order was rejected that way in OrderCrashSafetyIT when a ban ended as it was read.
                failure.setNextRetryDelay(
                        e.retryAfter().compareTo(MIN_RETRY_DELAY) < 0 ? MIN_RETRY_DELAY : e.retryAfter());
            }
            throw failure.build();
        }
    }
}
