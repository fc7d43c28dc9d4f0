package com.algomarket.api.portfolios;

import com.algomarket.api.exchange.AccountReads;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import com.algomarket.workflows.exchange.Exchange;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

/**
 * Values portfolios at the venue's last price, as the database keeps it while it is fresh (the venue is asked only
 * when it is not, and what it answers is kept for the next request): realizedPnl is what the positions' sells
 * realized, unrealizedPnl is {@code quantity x (lastPrice - averageCost)} over the positions still held, and value is
 * {@code size + realizedPnl + unrealizedPnl}. Fees are included: the positions' average costs and realized PnL carry
 * them (see {@code CostBasis}).
 *
 * <p>A price that cannot be read (exchange down, rate limited, key unusable, symbol unknown) never fails the request:
 * the valuation says {@code pricesUnavailable} and leaves value and unrealizedPnl out, the way the connections list
 * says {@code balancesUnavailable}.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PortfolioValuation {

    private final ConnectionRepository connections;
    private final AccountReads accounts;

    /**
     * One held position valued; {@code lastPrice} (known as of {@code lastPriceAsOf}) and {@code unrealizedPnl} null
     * when its price was not read.
     */
    record ValuedPosition(
            PortfolioPosition position, BigDecimal lastPrice, OffsetDateTime lastPriceAsOf, BigDecimal unrealizedPnl) {}

    /**
     * {@code value} and {@code unrealizedPnl} are null exactly when {@code pricesUnavailable}; {@code pricesAsOf} is
     * the time of the oldest price used (null when no held position needed one).
     */
    record Valuation(
            BigDecimal value,
            BigDecimal unrealizedPnl,
            BigDecimal realizedPnl,
            boolean pricesUnavailable,
            OffsetDateTime pricesAsOf,
            List<ValuedPosition> positions) {}

    /**
     * The prices one request has read. A request that values several portfolios asks the exchange for each symbol
     * once: a public last price is the same whichever key reads it.
     */
    PricesRead newRequest() {
        return new PricesRead();
    }

    Valuation value(Portfolio portfolio, List<PortfolioPosition> positions, PricesRead prices) {
        prices.read(
                portfolio, positions.stream().filter(PortfolioPosition::isOpen).toList());
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        boolean unavailable = false;
        OffsetDateTime asOf = null;
        List<ValuedPosition> valued = new ArrayList<>();
        for (PortfolioPosition position : positions) {
            realized = realized.add(position.realizedPnl());
            if (!position.isOpen()) {
                // Nothing held: nothing to price, and nothing unrealized.
                valued.add(new ValuedPosition(position, null, null, BigDecimal.ZERO));
                continue;
            }
            Optional<StoredPrice> last = prices.last(portfolio, position);
            if (last.isEmpty()) {
                unavailable = true;
                valued.add(new ValuedPosition(position, null, null, null));
                continue;
            }
            BigDecimal price = last.get().price();
            BigDecimal positionPnl = position.unrealizedPnlAt(price);
            unrealized = unrealized.add(positionPnl);
            valued.add(new ValuedPosition(position, price, last.get().asOf(), positionPnl));
            asOf = asOf == null || last.get().asOf().isBefore(asOf) ? last.get().asOf() : asOf;
        }
        return unavailable
                ? new Valuation(null, null, realized, true, null, valued)
                : new Valuation(
                        portfolio.size().add(realized).add(unrealized), unrealized, realized, false, asOf, valued);
    }

    /**
     * Last prices by exchange and symbol: the database's while fresh for the position ({@code StoredReadFreshness}),
     * else read at the venue (and recorded there), the symbols of one portfolio in one call through its connection,
     * each read at most once per request; a failed read is remembered as unavailable.
     */
    final class PricesRead {

        private final Map<String, Optional<StoredPrice>> bySymbol = new HashMap<>();
        private final Set<String> unreadable = new HashSet<>();
        private final Set<String> readNow = new HashSet<>();
        private final Map<UUID, Optional<Exchange>> exchanges = new HashMap<>();

        private PricesRead() {}

        /** Looks up the held positions' prices in the database, then reads those not fresh enough at the venue. */
        void read(Portfolio portfolio, List<PortfolioPosition> held) {
            Optional<Exchange> exchange = exchange(portfolio);
            if (exchange.isEmpty() || held.isEmpty()) {
                return;
            }
            List<String> unseen = held.stream()
                    .map(PortfolioPosition::symbol)
                    .distinct()
                    .filter(symbol -> !bySymbol.containsKey(key(exchange.get(), symbol)))
                    .toList();
            if (!unseen.isEmpty()) {
                Map<String, StoredPrice> kept = accounts.storedPrices(exchange.get(), unseen);
                unseen.forEach(
                        symbol -> bySymbol.put(key(exchange.get(), symbol), Optional.ofNullable(kept.get(symbol))));
            }
            List<String> unread = held.stream()
                    .filter(position -> !usable(exchange.get(), position))
                    .map(PortfolioPosition::symbol)
                    .distinct()
                    .filter(symbol -> !unreadable.contains(key(exchange.get(), symbol)))
                    .toList();
            if (unread.isEmpty()) {
                return;
            }
            Map<String, StoredPrice> read = accounts.readPrices(portfolio.connectionId(), exchange.get(), unread);
            for (String symbol : unread) {
                StoredPrice price = read.get(symbol);
                if (price == null) {
                    unreadable.add(key(exchange.get(), symbol));
                } else {
                    bySymbol.put(key(exchange.get(), symbol), Optional.of(price));
                    readNow.add(key(exchange.get(), symbol));
                }
            }
        }

        /** The position's price if one fresh enough for it was stored or read. */
        Optional<StoredPrice> last(Portfolio portfolio, PortfolioPosition position) {
            return exchange(portfolio)
                    .filter(exchange -> usable(exchange, position))
                    .flatMap(exchange -> bySymbol.get(key(exchange, position.symbol())));
        }

        /** Read during this request, or stored and fresh enough for the position. */
        private boolean usable(Exchange exchange, PortfolioPosition position) {
            return readNow.contains(key(exchange, position.symbol()))
                    || accounts.usable(
                            bySymbol.getOrDefault(key(exchange, position.symbol()), Optional.empty()),
                            position.updatedAt());
        }

        private Optional<Exchange> exchange(Portfolio portfolio) {
            return exchanges.computeIfAbsent(
                    portfolio.connectionId(), id -> connections.find(id).map(Connection::exchange));
        }

        private static String key(Exchange exchange, String symbol) {
            return exchange + " " + symbol;
        }
    }
}
