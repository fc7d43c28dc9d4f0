package com.algomarket.activities.exchange;

import com.algomarket.workflows.exchange.ExchangeFailure;
import java.time.Duration;
import lombok.Getter;

/**
 * A classified failure of an exchange call. The message is safe to log and to put into a workflow history: it never
 * contains credentials or signatures.
 */
public class ExchangeCallException extends RuntimeException {

    @Getter
    private final ExchangeFailure failure;
    /** How long to wait before the next call (Retry-After, a ban's end); null when the exchange did not say. */
    @Getter
    private final Duration retryAfter;
    /** The exchange's own error code, e.g. Binance's {@code -2010}; null when there was none. */
    @Getter
    private final String exchangeCode;

    public ExchangeCallException(
            ExchangeFailure failure, String message, String exchangeCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.exchangeCode = exchangeCode;
        this.retryAfter = retryAfter;
    }

    public ExchangeCallException(ExchangeFailure failure, String message) {
        this(failure, message, null, null, null);
    }

    /** No exchange is asked for a TRAILING_STOP: its workflow follows the price and sends the exit. */
    public static ExchangeCallException trailingStopIsOurs() {
        return new ExchangeCallException(
                ExchangeFailure.REJECTED, "a trailing stop is followed by its workflow, never sent to an exchange");
    }
}
