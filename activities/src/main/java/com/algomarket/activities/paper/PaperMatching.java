package com.algomarket.activities.paper;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * The paper venue's matching: orders take liquidity from a market's synthetic levels, each trade settles in the
 * account book and is recorded, and an order that ends gives back what it still locks. Not thread-safe on its own:
 * {@link PaperExchange} calls it under its lock.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class PaperMatching {

    private final PaperAccounts accounts;
    private final Clock clock;
    private final List<PaperTrade> trades = new ArrayList<>();
    private long nextTradeId = 1;
    private final List<PaperOrderUpdates> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener told of every change to an order (see {@link PaperOrderUpdates}). */
    void listen(PaperOrderUpdates listener) {
        listeners.add(listener);
    }

    void updated(PaperOrder order, String executionType, PaperTrade trade) {
        for (PaperOrderUpdates listener : listeners) {
            listener.updated(order, executionType, trade);
        }
    }

    /** Every trade so far, oldest first. */
    List<PaperTrade> trades() {
        return trades;
    }

    /** A new order meets the book: a market order takes what it can, a limit order takes then rests or expires. */
    void execute(PaperMarket market, PaperOrder order) {
        boolean buy = order.side.equals("BUY");
        BigDecimal quantity = order.origQty;
        String timeInForce = order.timeInForce;
        switch (order.type) {
            case "MARKET" -> {
                take(market, order, null, false);
                finish(
                        market,
                        order,
                        order.remaining().signum() == 0 ? PaperOrder.Status.FILLED : PaperOrder.Status.EXPIRED);
            }
            case "LIMIT" -> {
                if (timeInForce.equals("FOK")
                        && fillable(market, buy, order.price).compareTo(quantity) < 0) {
                    finish(market, order, PaperOrder.Status.EXPIRED);
                } else {
                    take(market, order, order.price, false);
                    if (order.remaining().signum() == 0) {
                        finish(market, order, PaperOrder.Status.FILLED);
                    } else if (!timeInForce.equals("GTC")) {
                        finish(market, order, PaperOrder.Status.EXPIRED);
                    } else {
                        order.working = true;
                    }
                }
            }
            default -> order.working = false; // STOP_LOSS and STOP_LOSS_LIMIT wait for their trigger
        }
    }

    static boolean isStop(String type) {
        return type.equals("STOP_LOSS") || type.equals("STOP_LOSS_LIMIT");
    }

    /** Whether the market has reached a stop: a buy stop when the best ask is at or above it, a sell's bid at or below. */
    static boolean crossed(PaperMarket market, boolean buy, BigDecimal stopPrice) {
        return buy
                ? market.bestAsk().compareTo(stopPrice) >= 0
                : market.bestBid().compareTo(stopPrice) <= 0;
    }

    /**
     * Triggers a stop whose price the market has reached. Like Binance: a STOP_LOSS becomes a market order that
     * takes what it can; a STOP_LOSS_LIMIT becomes a limit order at its price that takes what it can there, then rests
     * (GTC) or expires.
     */
    void triggerIfCrossed(PaperMarket market, PaperOrder order) {
        if (!crossed(market, order.isBuy(), order.stopPrice)) {
            return;
        }
        order.working = true;
        take(market, order, order.price, false);
        if (order.remaining().signum() == 0) {
            finish(market, order, PaperOrder.Status.FILLED);
        } else if (order.price == null || !"GTC".equals(order.timeInForce)) {
            finish(market, order, PaperOrder.Status.EXPIRED);
        }
    }

    /**
     * Takes liquidity for {@code order} from the book's levels up to {@code limit} (null: any price). A resting
     * order ({@code maker}) trades at its own limit price; a taker at each level's price.
     */
    void take(PaperMarket market, PaperOrder order, BigDecimal limit, boolean maker) {
        boolean buy = order.isBuy();
        for (int level = 0; level < PaperMarket.LEVELS && order.remaining().signum() > 0; level++) {
            BigDecimal levelPrice = market.levelPrice(buy, level);
            if (limit != null && (buy ? levelPrice.compareTo(limit) > 0 : levelPrice.compareTo(limit) < 0)) {
                break;
            }
            BigDecimal quantity = order.remaining().min(market.available(buy, level));
            if (quantity.signum() <= 0) {
                continue;
            }
            BigDecimal price = maker ? limit : levelPrice;
            if (buy && order.locked.signum() == 0) {
                // A market buy: stop where the account's money ends.
                BigDecimal affordable = accounts.free(order.apiKey, market.quoteAsset)
                        .divide(PaperExchange.withFee(price), market.stepSize.scale(), RoundingMode.DOWN);
                quantity = quantity.min(affordable);
                if (quantity.signum() <= 0) {
                    break;
                }
            }
            market.take(buy, level, quantity);
            trade(market, order, price, quantity, maker);
        }
    }

    private void trade(PaperMarket market, PaperOrder order, BigDecimal price, BigDecimal quantity, boolean maker) {
        BigDecimal quote = price.multiply(quantity);
        BigDecimal fee = quote.multiply(PaperExchange.FEE_RATE).setScale(8, RoundingMode.UP);
        String key = order.apiKey;
        if (order.isBuy()) {
            BigDecimal cost = quote.add(fee);
            BigDecimal fromLocked = cost.min(order.locked);
            accounts.addLocked(key, market.quoteAsset, fromLocked.negate());
            order.locked = order.locked.subtract(fromLocked);
            accounts.addFree(key, market.quoteAsset, fromLocked.subtract(cost));
            accounts.addFree(key, market.baseAsset, quantity);
        } else {
            accounts.addLocked(key, market.baseAsset, quantity.negate());
            order.locked = order.locked.subtract(quantity);
            accounts.addFree(key, market.quoteAsset, quote.subtract(fee));
        }
        order.executedQty = order.executedQty.add(quantity);
        order.cummulativeQuoteQty = order.cummulativeQuoteQty.add(quote);
        order.status = PaperOrder.Status.PARTIALLY_FILLED;
        order.updateTime = clock.millis();
        trades.add(new PaperTrade(
                nextTradeId++,
                order.orderId,
                market.symbol,
                order.isBuy(),
                maker,
                price,
                quantity,
                quote,
                fee,
                market.quoteAsset,
                order.updateTime,
                key));
        updated(order, "TRADE", trades.getLast());
    }

    /** Ends an order: whatever it still holds goes back to the free balance. */
    void finish(PaperMarket market, PaperOrder order, PaperOrder.Status status) {
        String asset = order.isBuy() ? market.quoteAsset : market.baseAsset;
        accounts.unlock(order.apiKey, asset, order.locked);
        order.locked = BigDecimal.ZERO;
        order.status = status;
        order.working = false;
        order.updateTime = clock.millis();
        updated(order, status.name(), null);
    }

    private BigDecimal fillable(PaperMarket market, boolean buy, BigDecimal limit) {
        BigDecimal total = BigDecimal.ZERO;
        for (int level = 0; level < PaperMarket.LEVELS; level++) {
            BigDecimal price = market.levelPrice(buy, level);
            if (buy ? price.compareTo(limit) > 0 : price.compareTo(limit) < 0) {
                break;
            }
            total = total.add(market.available(buy, level));
        }
        return total;
    }

    BigDecimal costToTake(PaperMarket market, boolean buy, BigDecimal quantity, BigDecimal limit) {
        BigDecimal remaining = quantity;
        BigDecimal cost = BigDecimal.ZERO;
        for (int level = 0; level < PaperMarket.LEVELS && remaining.signum() > 0; level++) {
            BigDecimal price = market.levelPrice(buy, level);
            BigDecimal taken = remaining.min(market.available(buy, level));
            cost = cost.add(price.multiply(taken));
            remaining = remaining.subtract(taken);
        }
        return cost;
    }
}
