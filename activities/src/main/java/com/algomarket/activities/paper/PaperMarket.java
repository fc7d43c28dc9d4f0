package com.algomarket.activities.paper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A synthetic order book around a reference price: {@link #LEVELS} levels on each side, {@link #LEVEL_GAP} apart,
 * each with a finite depth. Takers consume depth, so a large order walks the book and may fill only partly; depth
 * comes back with every tick of the venue.
 */
final class PaperMarket {

    static final int LEVELS = 10;
    /** Half the spread and the distance between levels, as a fraction of the reference price (5 bp). */
    static final BigDecimal LEVEL_GAP = new BigDecimal("0.0005");

    final String symbol;
    final String baseAsset;
    final String quoteAsset;
    final BigDecimal tickSize;
    final BigDecimal stepSize;
    final BigDecimal minQty;
    final BigDecimal minNotional;
    BigDecimal referencePrice;
    BigDecimal depthPerLevel;
    private final BigDecimal[] askTaken = new BigDecimal[LEVELS];
    private final BigDecimal[] bidTaken = new BigDecimal[LEVELS];

    PaperMarket(
            String baseAsset,
            String quoteAsset,
            BigDecimal referencePrice,
            BigDecimal depthPerLevel,
            BigDecimal tickSize,
            BigDecimal stepSize,
            BigDecimal minQty,
            BigDecimal minNotional) {
        this.symbol = baseAsset + quoteAsset;
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
        this.referencePrice = referencePrice;
        this.depthPerLevel = depthPerLevel;
        this.tickSize = tickSize;
        this.stepSize = stepSize;
        this.minQty = minQty;
        this.minNotional = minNotional;
        replenish();
    }

    /** Price of ask level {@code i} (buyers take asks); bids mirror it below the reference. */
    BigDecimal levelPrice(boolean ask, int level) {
        BigDecimal offset = LEVEL_GAP.multiply(BigDecimal.valueOf(level + 1L));
        BigDecimal raw = ask
                ? referencePrice.multiply(BigDecimal.ONE.add(offset))
                : referencePrice.multiply(BigDecimal.ONE.subtract(offset));
        return raw.divide(tickSize, 0, ask ? RoundingMode.CEILING : RoundingMode.FLOOR)
                .multiply(tickSize);
    }

    BigDecimal available(boolean ask, int level) {
        return depthPerLevel.subtract((ask ? askTaken : bidTaken)[level]).max(BigDecimal.ZERO);
    }

    void take(boolean ask, int level, BigDecimal quantity) {
        BigDecimal[] taken = ask ? askTaken : bidTaken;
        taken[level] = taken[level].add(quantity);
    }

    void replenish() {
        for (int i = 0; i < LEVELS; i++) {
            askTaken[i] = BigDecimal.ZERO;
            bidTaken[i] = BigDecimal.ZERO;
        }
    }

    /** Moves the reference price by {@code fraction} (e.g. 0.0001 = 1 bp). */
    void move(double fraction) {
        referencePrice = referencePrice
                .multiply(BigDecimal.valueOf(1 + fraction), MathContext.DECIMAL64)
                .divide(tickSize, 0, RoundingMode.HALF_UP)
                .multiply(tickSize);
    }

    BigDecimal bestAsk() {
        return levelPrice(true, 0);
    }

    BigDecimal bestBid() {
        return levelPrice(false, 0);
    }

    boolean isOnStep(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }
}
