package com.algomarket.db.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How one fill moves a position at the weighted average cost, fees included. Every amount is in the symbol's quote
 * asset and kept at {@link #SCALE} decimals (the database's precision), rounded half-even.
 *
 * <ul>
 *   <li>A fee in the quote asset adds to a buy's cost and reduces a sell's proceeds.
 *   <li>A fee in the base asset is paid out of the position: a buy receives that much less, a sell gives that much
 *       more, at the average cost (so it lowers what is held, not the price paid for it).
 *   <li>A fee in another asset (BNB, say) counts like a quote fee when its price in the quote asset is known
 *       ({@code feeAssetPrice}); otherwise it moves nothing here and is reported apart, in its own asset: a guessed
 *       price would misstate the PnL, and the user can see the fee as paid.
 * </ul>
 */
public final class CostBasis {

    public static final int SCALE = 18;

    private CostBasis() {}

    /** A position: quantity held, its average cost per unit, and the PnL its sells realized. */
    public record Holding(BigDecimal quantity, BigDecimal averageCost, BigDecimal realizedPnl) {

        public static final Holding EMPTY = new Holding(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** One trade as the exchange reported it; {@code feeAsset} may be null when {@code fee} is zero. */
    public record Trade(boolean buy, BigDecimal price, BigDecimal quantity, BigDecimal fee, String feeAsset) {}

    /**
     * The position after the trade, what the trade realized, and its fee in the quote asset ({@code feeInQuote} null
     * when the fee is in an asset that could not be converted).
     */
    public record Applied(Holding holding, BigDecimal realizedByTrade, BigDecimal feeInQuote) {}

    /** The symbol's assets, from {@code BASE/QUOTE}. */
    public record Assets(String base, String quote) {

        public static Assets of(String symbol) {
            int slash = symbol.indexOf('/');
            if (slash <= 0 || slash == symbol.length() - 1) {
                throw new IllegalArgumentException("not a BASE/QUOTE symbol: " + symbol);
            }
            return new Assets(symbol.substring(0, slash), symbol.substring(slash + 1));
        }
    }

    /** Whether the fee is paid in an asset other than the symbol's own two, so that it needs a price to count. */
    public static boolean needsConversion(Assets assets, Trade trade) {
        return trade.fee().signum() != 0
                && trade.feeAsset() != null
                && !trade.feeAsset().equals(assets.base())
                && !trade.feeAsset().equals(assets.quote());
    }

    /**
     * Applies the trade. {@code feeAssetPrice} is the price of one unit of the fee's asset in the quote asset; it is
     * read only when {@link #needsConversion} (null: not known).
     */
    public static Applied apply(Holding before, Assets assets, Trade trade, BigDecimal feeAssetPrice) {
        BigDecimal feeInBase = BigDecimal.ZERO;
        // The part of the fee that is a cash cost in the quote asset; a base fee is paid out of the position instead.
        BigDecimal cashFee = BigDecimal.ZERO;
        BigDecimal feeInQuote;
        if (trade.fee().signum() == 0 || trade.feeAsset() == null) {
            feeInQuote = BigDecimal.ZERO;
        } else if (trade.feeAsset().equals(assets.quote())) {
            cashFee = trade.fee();
            feeInQuote = trade.fee();
        } else if (trade.feeAsset().equals(assets.base())) {
            feeInBase = trade.fee();
            feeInQuote = scaled(trade.fee().multiply(trade.price()));
        } else if (feeAssetPrice != null) {
            cashFee = scaled(trade.fee().multiply(feeAssetPrice));
            feeInQuote = cashFee;
        } else {
            feeInQuote = null;
        }
        BigDecimal notional = trade.price().multiply(trade.quantity());
        if (trade.buy()) {
            BigDecimal quantity = before.quantity().add(trade.quantity()).subtract(feeInBase);
            BigDecimal cost = before.quantity()
                    .multiply(before.averageCost())
                    .add(notional)
                    .add(cashFee);
            BigDecimal averageCost =
                    quantity.signum() > 0 ? cost.divide(quantity, SCALE, RoundingMode.HALF_EVEN) : BigDecimal.ZERO;
            return new Applied(
                    new Holding(quantity, averageCost, before.realizedPnl()),
                    BigDecimal.ZERO.setScale(SCALE),
                    feeInQuote);
        }
        BigDecimal leaving = trade.quantity().add(feeInBase);
        BigDecimal realized =
                scaled(notional.subtract(leaving.multiply(before.averageCost())).subtract(cashFee));
        return new Applied(
                new Holding(
                        before.quantity().subtract(leaving),
                        before.averageCost(),
                        before.realizedPnl().add(realized)),
                realized,
                feeInQuote);
    }

    private static BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}
