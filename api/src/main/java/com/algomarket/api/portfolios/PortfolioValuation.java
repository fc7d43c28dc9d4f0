package com.algomarket.api.portfolios;

import com.algomarket.api.exchange.ExchangeAccounts;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.connections.LastPrices;
import com.algomarket.workflows.exchange.Exchange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Values portfolios at the venue's last price: realizedPnl is what the positions' sells realized, unrealizedPnl is
 * {@code quantity x (lastPrice - averageCost)} over the positions still held, and value is {@code size + realizedPnl
 * + unrealizedPnl}. Fees are included: the positions' average costs and realized PnL carry them (see
 * {@code CostBasis}).
 *
 * <p>A price that cannot be read (exchange down, rate limited, key unusable, symbol unknown) never fails the request:
 * the valuation says {@code pricesUnavailable} and leaves value and unrealizedPnl out, the way the connections list
 * says {@code balancesUnavailable}.
 */
@Service
class PortfolioValuation {

    private final ConnectionRepository connections;
    private final ExchangeAccounts accounts;

    PortfolioValuation(ConnectionRepository connections, ExchangeAccounts accounts) {
        this.connections = connections;
        this.accounts = accounts;
    }

    /** One held position valued; {@code lastPrice} and {@code unrealizedPnl} null when its price was not read. */
    record ValuedPosition(PortfolioPosition position, BigDecimal lastPrice, BigDecimal unrealizedPnl) {}

    /** {@code value} and {@code unrealizedPnl} are null exactly when {@code pricesUnavailable}. */
    record Valuation(
            BigDecimal value,
            BigDecimal unrealizedPnl,
            BigDecimal realizedPnl,
            boolean pricesUnavailable,
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
                portfolio,
                positions.stream()
                        .filter(PortfolioPosition::isOpen)
                        .map(PortfolioPosition::symbol)
                        .distinct()
                        .toList());
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        boolean unavailable = false;
        List<ValuedPosition> valued = new ArrayList<>();
        for (PortfolioPosition position : positions) {
            realized = realized.add(position.realizedPnl());
            if (!position.isOpen()) {
                // Nothing held: nothing to price, and nothing unrealized.
                valued.add(new ValuedPosition(position, null, BigDecimal.ZERO));
                continue;
            }
            Optional<BigDecimal> last = prices.last(portfolio, position.symbol());
            if (last.isEmpty()) {
                unavailable = true;
                valued.add(new ValuedPosition(position, null, null));
                continue;
            }
            BigDecimal positionPnl = position.unrealizedPnlAt(last.get());
            unrealized = unrealized.add(positionPnl);
            valued.add(new ValuedPosition(position, last.get(), positionPnl));
        }
        return unavailable
                ? new Valuation(null, null, realized, true, valued)
                : new Valuation(portfolio.size().add(realized).add(unrealized), unrealized, realized, false, valued);
    }

    /**
     * Last prices by exchange and symbol, each read at most once, the symbols of one portfolio in one call through
     * its connection; a failed read is remembered as unavailable.
     */
    final class PricesRead {

        private final Map<String, Optional<BigDecimal>> bySymbol = new HashMap<>();
        private final Map<UUID, Optional<Exchange>> exchanges = new HashMap<>();

        private PricesRead() {}

        /** Reads, with the portfolio's connection, the symbols' prices not read yet on its exchange. */
        void read(Portfolio portfolio, List<String> symbols) {
            Optional<Exchange> exchange = exchange(portfolio);
            if (exchange.isEmpty()) {
                return;
            }
            List<String> unread = symbols.stream()
                    .filter(symbol -> !bySymbol.containsKey(key(exchange.get(), symbol)))
                    .toList();
            if (unread.isEmpty()) {
                return;
            }
            LastPrices read = accounts.lastPrices(portfolio.connectionId(), unread);
            for (String symbol : unread) {
                bySymbol.put(
                        key(exchange.get(), symbol),
                        Optional.ofNullable(read.prices().get(symbol)));
            }
        }

        Optional<BigDecimal> last(Portfolio portfolio, String symbol) {
            return exchange(portfolio)
                    .flatMap(exchange -> bySymbol.getOrDefault(key(exchange, symbol), Optional.empty()));
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
