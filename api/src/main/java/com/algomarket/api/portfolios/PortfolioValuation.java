package com.algomarket.api.portfolios;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.exchange.Exchange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Values portfolios at the venue's last price: realizedPnl is what the positions' sells realized, unrealizedPnl is
 * {@code quantity x (lastPrice - averageCost)} over the positions still held, and value is {@code size + realizedPnl
 * + unrealizedPnl}. Fees are not deducted (positions are kept from fills at their traded prices).
 *
 * <p>A price that cannot be read (exchange down, rate limited, key unusable, symbol unknown) never fails the request:
 * the valuation says {@code pricesUnavailable} and leaves value and unrealizedPnl out, the way the connections list
 * says {@code balancesUnavailable}.
 */
@Service
class PortfolioValuation {

    private static final Logger log = LoggerFactory.getLogger(PortfolioValuation.class);

    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;

    PortfolioValuation(ConnectionRepository connections, CredentialVault vault, ExchangeGateways gateways) {
        this.connections = connections;
        this.vault = vault;
        this.gateways = gateways;
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
    LastPrices newRequest() {
        return new LastPrices();
    }

    Valuation value(Portfolio portfolio, List<PortfolioPosition> positions, LastPrices prices) {
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
            BigDecimal positionPnl = position.quantity().multiply(last.get().subtract(position.averageCost()));
            unrealized = unrealized.add(positionPnl);
            valued.add(new ValuedPosition(position, last.get(), positionPnl));
        }
        return unavailable
                ? new Valuation(null, null, realized, true, valued)
                : new Valuation(portfolio.size().add(realized).add(unrealized), unrealized, realized, false, valued);
    }

    /** Last prices by exchange and symbol, each read at most once; a failed read is remembered as unavailable. */
    final class LastPrices {

        private final Map<String, Optional<BigDecimal>> bySymbol = new HashMap<>();
        private final Map<UUID, Optional<Exchange>> exchanges = new HashMap<>();

        private LastPrices() {}

        Optional<BigDecimal> last(Portfolio portfolio, String symbol) {
            Optional<Exchange> exchange = exchanges.computeIfAbsent(
                    portfolio.connectionId(), id -> connections.find(id).map(Connection::exchange));
            if (exchange.isEmpty()) {
                return Optional.empty();
            }
            return bySymbol.computeIfAbsent(
                    exchange.get() + " " + symbol, key -> read(exchange.get(), portfolio, symbol));
        }

        private Optional<BigDecimal> read(Exchange exchange, Portfolio portfolio, String symbol) {
            try {
                ExchangeGateway gateway = gateways.get(exchange);
                return Optional.of(gateway.lastPrice(vault.open(portfolio.connectionId()), symbol));
            } catch (ExchangeCallException e) {
                log.info("Last price of {} on {} unavailable ({}): {}", symbol, exchange, e.failure(), e.getMessage());
                return Optional.empty();
            } catch (IllegalStateException | NoSuchElementException e) {
                // No gateway configured for the exchange, or the connection's key is gone.
                log.warn("Last price of {} on {} unavailable: {}", symbol, exchange, e.getMessage());
                return Optional.empty();
            }
        }
    }
}
