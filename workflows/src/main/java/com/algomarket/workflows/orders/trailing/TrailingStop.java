package com.algomarket.workflows.orders.trailing;

import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A trailing stop's state, as a value: each price the venue reports moves it, and it says when the exit is due. A
 * SELL trails below the best price seen since it was armed (its stop only ever rises), a BUY above the lowest (its
 * stop only ever falls). The distance is a fraction of that extreme ({@code trailingPct}, 0.02 for 2 %) or a fixed
 * amount. With an {@code activationPrice} the stop arms only once the market reaches it (a sell at or above, a buy at
 * or below); until then nothing triggers. Immutable, so that a workflow or a heartbeat can hold it and a restart
 * resumes exactly where it stood.
 *
 * @param extreme the highest price seen for a SELL, the lowest for a BUY, since armed; null before the first
 * @param stop the current stop price; null while not armed
 */
public record TrailingStop(
        Side side,
        BigDecimal trailingPct,
        BigDecimal trailingAmount,
        BigDecimal activationPrice,
        boolean armed,
        BigDecimal extreme,
        BigDecimal stop,
        boolean triggered) {

    public TrailingStop {
        if ((trailingPct == null) == (trailingAmount == null)) {
            throw new IllegalArgumentException("give exactly one of trailingPct and trailingAmount");
        }
        BigDecimal distance = trailingPct != null ? trailingPct : trailingAmount;
        if (distance.signum() <= 0 || (trailingPct != null && trailingPct.compareTo(BigDecimal.ONE) >= 0)) {
            throw new IllegalArgumentException("the trailing distance must be above zero (and a fraction below 1)");
        }
    }

    /** A new trailing stop, armed at once unless it has an activation price. */
    public static TrailingStop of(
            Side side, BigDecimal trailingPct, BigDecimal trailingAmount, BigDecimal activationPrice) {
        return new TrailingStop(
                side, trailingPct, trailingAmount, activationPrice, activationPrice == null, null, null, false);
    }

    /**
     * The state after the venue reported {@code price}. Triggered once the price crosses the stop: a SELL when it is
     * at or below the stop, a BUY at or above. The price that triggers never moves the stop first: a stop is where
     * it stood before the price that crossed it.
     */
    public TrailingStop observe(BigDecimal price) {
        if (triggered || price == null || price.signum() <= 0) {
            return this;
        }
        boolean sell = side == Side.SELL;
        if (!armed) {
            boolean reached = sell ? price.compareTo(activationPrice) >= 0 : price.compareTo(activationPrice) <= 0;
            if (!reached) {
                return this;
            }
            return new TrailingStop(
                    side, trailingPct, trailingAmount, activationPrice, true, price, stopFor(price), false);
        }
        if (crosses(price)) {
            return new TrailingStop(side, trailingPct, trailingAmount, activationPrice, true, extreme, stop, true);
        }
        boolean better = extreme == null || (sell ? price.compareTo(extreme) > 0 : price.compareTo(extreme) < 0);
        if (!better) {
            return this;
        }
        return new TrailingStop(side, trailingPct, trailingAmount, activationPrice, true, price, stopFor(price), false);
    }

    private boolean crosses(BigDecimal price) {
        if (stop == null) {
            return false;
        }
        return side == Side.SELL ? price.compareTo(stop) <= 0 : price.compareTo(stop) >= 0;
    }

    /** The stop at this distance from {@code extreme}: below it for a SELL, above it for a BUY. */
    private BigDecimal stopFor(BigDecimal extremePrice) {
        BigDecimal distance =
                trailingPct != null ? extremePrice.multiply(trailingPct, MathContext.DECIMAL64) : trailingAmount;
        return (side == Side.SELL ? extremePrice.subtract(distance) : extremePrice.add(distance)).stripTrailingZeros();
    }
}
