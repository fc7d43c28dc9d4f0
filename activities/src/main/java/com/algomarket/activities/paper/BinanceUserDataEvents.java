package com.algomarket.activities.paper;

import static com.algomarket.activities.paper.BinanceWire.decimal;
import static com.algomarket.activities.paper.BinanceWire.ordered;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The payloads of Binance's user-data stream (binance-spot-api-docs, user-data-stream.md) for paper orders and
 * accounts: {@code executionReport} with Binance's one-letter fields, and {@code outboundAccountPosition}. Built under
 * the venue's lock, so each is a snapshot of the order at that moment.
 */
final class BinanceUserDataEvents {

    private static final String ZERO = "0.00000000";

    private BinanceUserDataEvents() {}

    static Map<String, Object> executionReport(
            PaperOrder order, String executionType, PaperTrade trade, long executionId, long eventTime) {
        boolean traded = trade != null;
        String status =
                traded ? (order.remaining().signum() == 0 ? "FILLED" : "PARTIALLY_FILLED") : order.status.name();
        Map<String, Object> report = orderFields(order, eventTime);
        report.putAll(ordered(
                "x",
                executionType,
                "X",
                status,
                "r",
                "NONE",
                "i",
                order.orderId,
                "l",
                traded ? decimal(trade.qty()) : ZERO,
                "z",
                decimal(order.executedQty),
                "L",
                traded ? decimal(trade.price()) : ZERO,
                "n",
                traded ? decimal(trade.commission()) : "0",
                "N",
                traded ? trade.commissionAsset() : null,
                "T",
                traded ? trade.time() : order.updateTime,
                "t",
                traded ? trade.id() : -1,
                "I",
                executionId,
                "w",
                order.isOpen() && order.working && !"FILLED".equals(status),
                "m",
                traded && trade.maker(),
                "M",
                false,
                "O",
                order.time,
                "Z",
                decimal(order.cummulativeQuoteQty),
                "Y",
                traded ? decimal(trade.quoteQty()) : ZERO,
                "Q",
                ZERO,
                "W",
                order.time,
                "V",
                "NONE"));
        return report;
    }

    /** The fields of an execution report that describe the order itself, in Binance's order. */
    private static Map<String, Object> orderFields(PaperOrder order, long eventTime) {
        return ordered(
                "e",
                "executionReport",
                "E",
                eventTime,
                "s",
                order.symbol,
                "c",
                order.clientOrderId,
                "S",
                order.side,
                "o",
                order.type,
                "f",
                order.timeInForce == null ? "GTC" : order.timeInForce,
                "q",
                decimal(order.origQty),
                "p",
                order.price == null ? ZERO : decimal(order.price),
                "P",
                order.stopPrice == null ? ZERO : decimal(order.stopPrice),
                "F",
                ZERO,
                "g",
                -1,
                "C",
                "");
    }

    /** The balances of {@code assets} (the two of the order's market) after a change. */
    static Map<String, Object> accountPosition(
            Map<String, BigDecimal[]> balances, List<String> assets, long lastUpdate, long eventTime) {
        List<Map<String, Object>> changed = assets.stream()
                .map(asset -> {
                    BigDecimal[] funds =
                            balances.getOrDefault(asset, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    return ordered("a", asset, "f", decimal(funds[0]), "l", decimal(funds[1]));
                })
                .toList();
        return ordered("e", "outboundAccountPosition", "E", eventTime, "u", lastUpdate, "B", changed);
    }
}
