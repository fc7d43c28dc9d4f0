package com.algomarket.api.portfolios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.api.exchange.ExchangeAccounts;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.connections.LastPrices;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The valuation's arithmetic and its price reads, with the worker's answers and the database mocked. */
class PortfolioValuationTest {

    private final ConnectionRepository connections = mock(ConnectionRepository.class);
    private final ExchangeAccounts accounts = mock(ExchangeAccounts.class);
    private final UUID connection = UUID.randomUUID();
    private PortfolioValuation valuation;

    @BeforeEach
    void wire() {
        when(connections.find(connection))
                .thenReturn(Optional.of(new Connection(
                        connection,
                        UUID.randomUUID(),
                        Exchange.PAPER,
                        "p",
                        true,
                        true,
                        false,
                        ConnectionStatus.ACTIVE,
                        null,
                        OffsetDateTime.now())));
        valuation = new PortfolioValuation(connections, accounts);
    }

    @Test
    void givenHeldAndClosedPositions_whenValued_thenUnrealizedOnWhatIsHeldAndValueIsSizePlusBoth() {
        when(accounts.lastPrices(connection, List.of("BTC/EUR")))
                .thenReturn(new LastPrices(Map.of("BTC/EUR", new BigDecimal("62000")), null));
        Portfolio portfolio = portfolio("1000");

        PortfolioValuation.Valuation v = valuation.value(
                portfolio,
                List.of(
                        position(portfolio, "BTC/EUR", "0.03", "60000", "40"),
                        position(portfolio, "ETH/EUR", "0", "3000", "-12.5")),
                valuation.newRequest());

        assertThat(v.pricesUnavailable()).isFalse();
        assertThat(v.realizedPnl()).isEqualByComparingTo("27.5"); // 40 - 12.5
        assertThat(v.unrealizedPnl()).isEqualByComparingTo("60"); // 0.03 x (62000 - 60000)
        assertThat(v.value()).isEqualByComparingTo("1087.5"); // 1000 + 27.5 + 60
        assertThat(v.positions())
                .satisfiesExactly(
                        btc -> {
                            assertThat(btc.lastPrice()).isEqualByComparingTo("62000");
                            assertThat(btc.unrealizedPnl()).isEqualByComparingTo("60");
                        },
                        eth -> {
                            assertThat(eth.lastPrice()).isNull();
                            assertThat(eth.unrealizedPnl()).isEqualByComparingTo("0");
                        });
        // A closed position is not priced.
        verify(accounts).lastPrices(connection, List.of("BTC/EUR"));
    }

    @Test
    void givenNoPositions_whenValued_thenValueIsTheSizeWithoutAnyExchangeCall() {
        PortfolioValuation.Valuation v = valuation.value(portfolio("500"), List.of(), valuation.newRequest());

        assertThat(v.value()).isEqualByComparingTo("500");
        assertThat(v.unrealizedPnl()).isEqualByComparingTo("0");
        assertThat(v.realizedPnl()).isEqualByComparingTo("0");
        verify(accounts, never()).lastPrices(any(), any());
    }

    @Test
    void givenTwoPortfoliosHoldingTheSameSymbol_whenValuedInOneRequest_thenThePriceIsReadOnce() {
        when(accounts.lastPrices(connection, List.of("BTC/EUR")))
                .thenReturn(new LastPrices(Map.of("BTC/EUR", new BigDecimal("50000")), null));
        Portfolio first = portfolio("1000");
        Portfolio second = portfolio("2000");
        PortfolioValuation.PricesRead prices = valuation.newRequest();

        PortfolioValuation.Valuation a =
                valuation.value(first, List.of(position(first, "BTC/EUR", "0.01", "40000", "0")), prices);
        PortfolioValuation.Valuation b =
                valuation.value(second, List.of(position(second, "BTC/EUR", "0.02", "55000", "0")), prices);

        assertThat(a.unrealizedPnl()).isEqualByComparingTo("100");
        assertThat(b.unrealizedPnl()).isEqualByComparingTo("-100");
        verify(accounts, times(1)).lastPrices(connection, List.of("BTC/EUR"));
        // The next request reads again: prices are not kept between requests.
        valuation.value(first, List.of(position(first, "BTC/EUR", "0.01", "40000", "0")), valuation.newRequest());
        verify(accounts, times(2)).lastPrices(connection, List.of("BTC/EUR"));
    }

    @Test
    void givenExchangeUnavailable_whenValued_thenPricesUnavailableAndRealizedStillAnswered() {
        when(accounts.lastPrices(connection, List.of("BTC/EUR"))).thenReturn(LastPrices.unavailable("UNAVAILABLE"));
        Portfolio portfolio = portfolio("1000");
        PortfolioValuation.PricesRead prices = valuation.newRequest();

        PortfolioValuation.Valuation v =
                valuation.value(portfolio, List.of(position(portfolio, "BTC/EUR", "0.03", "60000", "40")), prices);
        valuation.value(portfolio, List.of(position(portfolio, "BTC/EUR", "0.03", "60000", "40")), prices);

        assertThat(v.pricesUnavailable()).isTrue();
        assertThat(v.value()).isNull();
        assertThat(v.unrealizedPnl()).isNull();
        assertThat(v.realizedPnl()).isEqualByComparingTo("40");
        assertThat(v.positions()).singleElement().satisfies(p -> {
            assertThat(p.lastPrice()).isNull();
            assertThat(p.unrealizedPnl()).isNull();
        });
        // A failed read is not repeated within the request.
        verify(accounts, times(1)).lastPrices(connection, List.of("BTC/EUR"));
    }

    @Test
    void givenConnectionWhoseKeyIsGone_whenValued_thenPricesUnavailableRatherThanAFailure() {
        when(accounts.lastPrices(connection, List.of("BTC/EUR"))).thenReturn(LastPrices.unavailable("NO_KEY"));
        Portfolio portfolio = portfolio("1000");

        PortfolioValuation.Valuation v = valuation.value(
                portfolio, List.of(position(portfolio, "BTC/EUR", "0.03", "60000", "0")), valuation.newRequest());

        assertThat(v.pricesUnavailable()).isTrue();
        assertThat(v.value()).isNull();
    }

    private Portfolio portfolio(String size) {
        return new Portfolio(
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                connection,
                UUID.randomUUID(),
                new BigDecimal(size),
                "EUR",
                PortfolioStatus.ACTIVE,
                null,
                true,
                OffsetDateTime.now());
    }

    private static PortfolioPosition position(
            Portfolio portfolio, String symbol, String quantity, String cost, String realized) {
        return new PortfolioPosition(
                portfolio.id(),
                symbol,
                new BigDecimal(quantity),
                new BigDecimal(cost),
                new BigDecimal(realized),
                OffsetDateTime.now());
    }
}
