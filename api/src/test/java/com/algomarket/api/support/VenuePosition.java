package com.algomarket.api.support;

import com.algomarket.activities.paper.PaperExchange;
import com.algomarket.activities.paper.PaperTrade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One key's position in one symbol computed by hand from the paper venue's own record of its trades and the venue's
 * price now, which the ITs compare with what the API computes. The venue charges its fee in the quote currency: it
 * adds to the buys' cost and comes off the sells' proceeds.
 *
 * @param trades every trade of the key in the symbol, as the venue recorded it
 * @param averageCost the buys' cost with their fees per unit bought
 * @param realized what the sells made over the average cost, less their fees
 * @param held what was bought less what was sold
 * @param last the venue's price now
 */
public record VenuePosition(
        List<PaperTrade> trades,
        BigDecimal bought,
        BigDecimal averageCost,
        BigDecimal realized,
        BigDecimal held,
        BigDecimal last) {

    /** Amounts the API computes at 18 decimals agree with the hand computation far beyond a cent. */
    public static final BigDecimal TOLERANCE = new BigDecimal("0.000000001");

    /** The position of {@code apiKey} in {@code symbol} (e.g. BTCEUR) at the venue now. */
    public static VenuePosition of(PaperExchange exchange, String apiKey, String symbol) {
        List<PaperTrade> trades = exchange.trades(apiKey, symbol, null, null, null, null, 1000);
        List<PaperTrade> buys = trades.stream().filter(PaperTrade::buyer).toList();
        List<PaperTrade> sells = trades.stream().filter(trade -> !trade.buyer()).toList();
        BigDecimal bought = sum(buys.stream().map(PaperTrade::qty).toList());
        BigDecimal averageCost = bought.signum() == 0
                ? BigDecimal.ZERO
                : sum(buys.stream()
                                .map(t -> t.price().multiply(t.qty()).add(t.commission()))
                                .toList())
                        .divide(bought, 30, RoundingMode.HALF_EVEN);
        BigDecimal realized = sum(sells.stream()
                .map(t -> t.price().subtract(averageCost).multiply(t.qty()).subtract(t.commission()))
                .toList());
        BigDecimal held =
                bought.subtract(sum(sells.stream().map(PaperTrade::qty).toList()));
        BigDecimal last = exchange.marketView(symbol).price();
        return new VenuePosition(trades, bought, averageCost, realized, held, last);
    }

    /** The trades in which the key bought. */
    public List<PaperTrade> buys() {
        return trades.stream().filter(PaperTrade::buyer).toList();
    }

    /** What the held quantity gained or lost between its average cost and the last price. */
    public BigDecimal unrealized() {
        return held.multiply(last.subtract(averageCost));
    }

    /** The portfolio's value: its size, the realized and the unrealized PnL. */
    public BigDecimal value(BigDecimal size) {
        return size.add(realized).add(unrealized());
    }

    /** The sum of {@code amounts}, zero for none. */
    public static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
