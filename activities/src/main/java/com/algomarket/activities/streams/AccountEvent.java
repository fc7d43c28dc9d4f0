package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.Fill;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** What an account stream reports, typed: an execution report, new balances, or the end of the subscription. */
public sealed interface AccountEvent {

    /** Whether the stream pushed it or a catch-up read after a (re)connect found it. */
    enum Source {
        STREAM,
        CATCH_UP
    }

    /**
     * One execution report of an order (Binance {@code executionReport}). {@code executionType} is NEW, TRADE,
     * CANCELED, EXPIRED, REJECTED, ...; for a TRADE {@code tradeId}, {@code quantity} and {@code price} describe the
     * trade and {@code fee} is charged in {@code feeAsset}; otherwise {@code tradeId} is null. {@code orderStatus} is
     * the order's status after it (NEW, PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, ...); {@code symbol} is the
     * exchange's own (BTCEUR).
     */
    record Execution(
            String symbol,
            String clientOrderId,
            String exchangeOrderId,
            String side,
            String executionType,
            String orderStatus,
            String tradeId,
            BigDecimal quantity,
            BigDecimal price,
            BigDecimal cumulativeQuantity,
            BigDecimal fee,
            String feeAsset,
            Instant transactionTime,
            Instant eventTime,
            Source source)
            implements AccountEvent {

        public boolean isTrade() {
            return tradeId != null;
        }

        /**
         * A trade of ours as a read of the account found it (a catch-up after a reconnect, or an account poller's
         * interval): a TRADE with no order status, since the read reports the trade and not the order.
         */
        public static Execution readFrom(Fill fill, Instant readAt) {
            return new Execution(
                    fill.symbol().replace("/", ""),
                    null,
                    fill.exchangeOrderId(),
                    fill.side().name(),
                    "TRADE",
                    null,
                    fill.tradeId(),
                    fill.quantity(),
                    fill.price(),
                    null,
                    fill.fee(),
                    fill.feeAsset(),
                    fill.executedAt(),
                    readAt,
                    Source.CATCH_UP);
        }
    }

    /** The funds of the assets a change touched (Binance {@code outboundAccountPosition}), as of {@code updatedAt}. */
    record Balances(List<Balance> balances, Instant updatedAt, Instant eventTime) implements AccountEvent {}

    /** The exchange ended the subscription ({@code eventStreamTerminated}, or {@code serverShutdown}): reconnect. */
    record Terminated(String reason, Instant eventTime) implements AccountEvent {}
}
