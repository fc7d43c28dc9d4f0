package com.algomarket.activities.orders;

import com.algomarket.activities.connections.KeyRevocations;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.activities.orders.OrderRowCheck.Checked;
import com.algomarket.workflows.exchange.ExchangeFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * The order activities' exchange calls: each runs on the gateway of the order's exchange, and its classified failure
 * becomes the ApplicationFailure type the order workflow reads. A refused key (AUTH) also revokes the connection.
 */
@Component
@RequiredArgsConstructor
public class OrderExchangeCalls {

    /** The least next-retry delay an exchange's "retry after" becomes. */
    static final Duration MIN_RETRY_DELAY = Duration.ofMillis(200);

    interface ExchangeCall<T> {
        T call(ExchangeGateway gateway);
    }

    private final ExchangeGateways gateways;
    private final KeyRevocations revocations;

    <T> T call(Checked checked, ExchangeCall<T> call) {
        try {
            return call.call(gateways.get(checked.row().exchange()));
        } catch (ExchangeCallException e) {
            if (e.failure() == ExchangeFailure.AUTH) {
                revocations.keyRefused(checked.connectionId(), e.getMessage());
            }
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
