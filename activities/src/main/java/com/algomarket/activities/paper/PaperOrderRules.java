package com.algomarket.activities.paper;

import com.algomarket.activities.paper.PaperExchange.NewOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks Binance makes of a new order before it looks at the account: mandatory parameters, side, type and time
 * in force, the market's price, lot size and notional filters, and the client order id's form. A failed check is a
 * {@link PaperRejection} with Binance's code and message.
 */
final class PaperOrderRules {

    private static final Pattern CLIENT_ORDER_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,36}");

    private PaperOrderRules() {}

    /** A new order that passed the checks; {@code timeInForce} is null but for LIMIT orders. */
    record Checked(String side, String type, String timeInForce, BigDecimal quantity, String clientOrderId) {}

    static Checked check(PaperMarket market, NewOrder request) {
        String side = required("side", request.side());
        String type = required("type", request.type());
        BigDecimal quantity = requiredNumber("quantity", request.quantity());
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw PaperRejection.badRequest(-1102, "Param 'side' is invalid.");
        }
        String timeInForce = request.timeInForce();
        switch (type) {
            case "MARKET" -> timeInForce = null;
            case "LIMIT" -> {
                requiredNumber("price", request.price());
                timeInForce = required("timeInForce", timeInForce);
                if (!List.of("GTC", "IOC", "FOK").contains(timeInForce)) {
                    throw PaperRejection.badRequest(-1115, "Invalid timeInForce.");
                }
                checkPrice(market, request.price());
            }
            case "STOP_LOSS" -> {
                requiredNumber("stopPrice", request.stopPrice());
                checkPrice(market, request.stopPrice());
                timeInForce = null;
            }
            case "STOP_LOSS_LIMIT" -> {
                requiredNumber("price", request.price());
                requiredNumber("stopPrice", request.stopPrice());
                timeInForce = required("timeInForce", timeInForce);
                if (!List.of("GTC", "IOC", "FOK").contains(timeInForce)) {
                    throw PaperRejection.badRequest(-1115, "Invalid timeInForce.");
                }
                checkPrice(market, request.price());
                checkPrice(market, request.stopPrice());
            }
            default -> throw PaperRejection.badRequest(-1116, "Invalid orderType.");
        }
        if (quantity.compareTo(market.minQty) < 0 || !market.isOnStep(quantity, market.stepSize)) {
            throw PaperRejection.badRequest(-1013, "Filter failure: LOT_SIZE");
        }
        BigDecimal referenceForNotional = type.equals("LIMIT") || type.equals("STOP_LOSS_LIMIT")
                ? request.price()
                : type.equals("STOP_LOSS") ? request.stopPrice() : market.referencePrice;
        if (quantity.multiply(referenceForNotional).compareTo(market.minNotional) < 0) {
            throw PaperRejection.badRequest(-1013, "Filter failure: NOTIONAL");
        }
        String clientOrderId =
                request.clientOrderId() == null || request.clientOrderId().isEmpty()
                        ? "paper_" + PaperExchange.randomToken(16)
                        : request.clientOrderId();
        if (!CLIENT_ORDER_ID.matcher(clientOrderId).matches()) {
            throw PaperRejection.badRequest(
                    -1100,
                    "Illegal characters found in parameter 'newClientOrderId'; "
                            + "legal range is '^[a-zA-Z0-9-_.:/]{1,36}$'.");
        }
        return new Checked(side, type, timeInForce, quantity, clientOrderId);
    }

    private static void checkPrice(PaperMarket market, BigDecimal price) {
        if (price.signum() <= 0 || !market.isOnStep(price, market.tickSize)) {
            throw PaperRejection.badRequest(-1013, "Filter failure: PRICE_FILTER");
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
        }
        return value;
    }

    private static BigDecimal requiredNumber(String name, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            throw PaperRejection.badRequest(
                    -1102, "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
        }
        return value;
    }
}
