package com.algomarket.activities.valuation;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.EquityRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.valuation.ValuationActivities;
import com.algomarket.workflows.valuation.ValuationPage;
import com.algomarket.workflows.valuation.ValuationPageInput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Values a page of portfolios as the monitoring endpoints do ({@code size + realizedPnl + unrealizedPnl}, fees included
 * through the positions' average cost and realized PnL) and stores each one's point of the day. A held symbol is priced
 * by the venue's public last price, read with the portfolio's connection once per exchange and symbol in a page; when
 * the venue cannot be read, by the last trade its account stream saw; a portfolio with a symbol priced neither way gets
 * no point that day (counted as unpriced) rather than a wrong one.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class ValuationActivitiesImpl implements ValuationActivities {

    static final int PAGE_SIZE = 100;

    private final PortfolioRepository portfolios;
    private final OrderQueries queries;
    private final EquityRepository equity;
    private final ConnectionRepository connections;
    private final AccountStreamRepository streams;
    private final CredentialVault vault;
    private final ExchangeGateways gateways;
    private final Clock clock;

    @Override
    public ValuationPage valuePage(ValuationPageInput input) {
        UUID after = input.afterPortfolioId() == null ? null : UUID.fromString(input.afterPortfolioId());
        List<Portfolio> page = portfolios.notClosedAfter(after, PAGE_SIZE);
        Map<UUID, List<PortfolioPosition>> positions =
                queries.positionsOf(page.stream().map(Portfolio::id).toList());
        LocalDate day = LocalDate.ofEpochDay(input.epochDay());
        OffsetDateTime valuedAt = OffsetDateTime.now(clock);
        Map<String, Optional<BigDecimal>> prices = new HashMap<>();
        Map<UUID, BigDecimal> points = new LinkedHashMap<>();
        int unpriced = 0;
        for (Portfolio portfolio : page) {
            Optional<BigDecimal> value = value(portfolio, positions.getOrDefault(portfolio.id(), List.of()), prices);
            if (value.isPresent()) {
                points.put(portfolio.id(), value.get());
            } else {
                unpriced++;
            }
        }
        // The page's points in one statement, after every price was read: the reads are what may fail and retry.
        equity.storeDay(day, points, valuedAt);
        String last =
                page.isEmpty() ? input.afterPortfolioId() : page.getLast().id().toString();
        return new ValuationPage(points.size(), unpriced, last, page.size() < PAGE_SIZE);
    }

    private Optional<BigDecimal> value(
            Portfolio portfolio, List<PortfolioPosition> positions, Map<String, Optional<BigDecimal>> prices) {
        BigDecimal value = portfolio.size();
        Optional<Connection> connection = positions.stream().anyMatch(PortfolioPosition::isOpen)
                ? connections.find(portfolio.connectionId())
                : Optional.empty();
        for (PortfolioPosition position : positions) {
            value = value.add(position.realizedPnl());
            if (!position.isOpen()) {
                continue;
            }
            Optional<BigDecimal> price = connection.flatMap(held -> prices.computeIfAbsent(
                    held.exchange() + " " + position.symbol(), key -> price(held, position.symbol())));
            if (price.isEmpty()) {
                log.info("No price of {} for portfolio {}: no point today", position.symbol(), portfolio.id());
                return Optional.empty();
            }
            value = value.add(position.unrealizedPnlAt(price.get()));
        }
        return Optional.of(value);
    }

    /** The venue's last price, or, when the venue cannot be read with this connection, the last trade stored. */
    private Optional<BigDecimal> price(Connection connection, String symbol) {
        Optional<ExchangeGateway> gateway = gateways.find(connection.exchange());
        if (gateway.isPresent()) {
            try {
                BigDecimal read = gateway.get().lastPrice(vault.open(connection.id()), symbol);
                if (read != null) {
                    return Optional.of(read);
                }
            } catch (ExchangeCallException | NoSuchElementException e) {
                log.info("Last price of {} on {} unavailable: {}", symbol, connection.exchange(), e.getMessage());
            }
        }
        return streams.lastPrice(connection.exchange().name(), symbol);
    }
}
