package com.algomarket.activities.signals;

import com.algomarket.activities.exchange.InstrumentRules;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Turns a signal's sizing into one portfolio's order quantity, rounded down to the exchange's step (an order is never
 * larger than what was sized), or into the reason it cannot be sent.
 *
 * <ul>
 *   <li>{@code quantity}: that quantity, for every portfolio.</li>
 *   <li>{@code portfolioFraction} on a BUY: that fraction of the portfolio's size, in quote currency, at the price.</li>
 *   <li>{@code portfolioFraction} on a SELL: that fraction of what the portfolio holds of the symbol; a portfolio
 *       sells only what it bought, never the user's other holdings.</li>
 * </ul>
 */
final class OrderSizing {

    /** The quantity, or the rejection; {@code nothingHeld} when it is a sell of a position the portfolio has not. */
    record Sized(BigDecimal quantity, String rejection, boolean nothingHeld) {

        static Sized of(BigDecimal quantity) {
            return new Sized(quantity, null, false);
        }

        static Sized rejected(String reason) {
            return new Sized(null, reason, false);
        }

        static Sized nothingToSell(String reason) {
            return new Sized(null, reason, true);
        }
    }

    private OrderSizing() {}

    static Sized size(
            boolean buy,
            BigDecimal portfolioFraction,
            BigDecimal quantity,
            BigDecimal portfolioSize,
            BigDecimal held,
            BigDecimal price,
            InstrumentRules rules) {
        BigDecimal wanted;
        if (quantity != null) {
            wanted = quantity;
        } else if (buy) {
            wanted = portfolioSize.multiply(portfolioFraction).divide(price, MathContext.DECIMAL64);
        } else {
            if (held.signum() <= 0) {
                return Sized.nothingToSell("nothing to sell: the portfolio holds no " + rules.symbol());
            }
            wanted = held.multiply(portfolioFraction);
        }
        BigDecimal rounded = rules.roundQuantity(wanted);
        if (rounded.signum() <= 0) {
            return Sized.rejected(
                    "quantity " + plain(wanted) + " rounds to 0 at the step " + plain(rules.quantityStep()));
        }
        String violation = rules.violation(rounded, price);
        return violation == null ? Sized.of(rounded) : Sized.rejected(violation);
    }

    private static String plain(BigDecimal value) {
        return value == null ? "none" : value.stripTrailingZeros().toPlainString();
    }
}
