package com.algomarket.api.portfolios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.api.exchange.AccountReads;
import com.algomarket.api.exchange.ExchangeAccounts;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import com.algomarket.db.support.ActiveConnections;
import com.algomarket.workflows.connections.LastPrices;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.time.Clock;
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
    private final StoredAccountReads stored = mock(StoredAccountReads.class);
    private final UUID connection = UUID.randomUUID();
    private PortfolioValuation valuation;

    @BeforeEach
    void wire() {
        when(connections.find(connection))
                .thenReturn(Optional.of(ActiveConnections.paper(connection, UUID.randomUUID(), "p")));
        valuation = new PortfolioValuation(connections, new AccountReads(stored, accounts, Clock.systemUTC()));
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
        // Nothing is stored (the database is a mock here): the next request reads again.
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

    @Test
    void givenAFreshStoredPrice_whenValued_thenValuedAtItWithItsAgeAndTheVenueIsNotAsked() {
        OffsetDateTime asOf = OffsetDateTime.now().minusSeconds(2);
        when(stored.lastPrices("PAPER", List.of("BTC/EUR")))
                .thenReturn(Map.of("BTC/EUR", new StoredPrice(new BigDecimal("61000"), asOf)));
        Portfolio portfolio = portfolio("1000");
        PortfolioPosition bought = position(portfolio, "BTC/EUR", "0.01", "60000", "0", asOf.minusMinutes(5));

        PortfolioValuation.Valuation v = valuation.value(portfolio, List.of(bought), valuation.newRequest());

        assertThat(v.unrealizedPnl()).isEqualByComparingTo("10"); // 0.01 x (61000 - 60000)
        assertThat(v.pricesAsOf()).isEqualTo(asOf);
        assertThat(v.positions().getFirst().lastPriceAsOf()).isEqualTo(asOf);
        verify(accounts, never()).lastPrices(any(), any());
    }

    @Test
    void givenAStoredPriceOlderThanThePositionsLastFill_whenValued_thenReadAtTheVenueAndRecorded() {
        OffsetDateTime priceAsOf = OffsetDateTime.now().minusSeconds(3);
        when(stored.lastPrices("PAPER", List.of("BTC/EUR")))
                .thenReturn(Map.of("BTC/EUR", new StoredPrice(new BigDecimal("61000"), priceAsOf)));
        when(accounts.lastPrices(connection, List.of("BTC/EUR")))
                .thenReturn(new LastPrices(Map.of("BTC/EUR", new BigDecimal("62000")), null));
        Portfolio portfolio = portfolio("1000");
        PortfolioPosition justFilled = position(portfolio, "BTC/EUR", "0.01", "60000", "0", priceAsOf.plusSeconds(1));

        PortfolioValuation.Valuation v = valuation.value(portfolio, List.of(justFilled), valuation.newRequest());

        assertThat(v.unrealizedPnl()).isEqualByComparingTo("20");
        assertThat(v.pricesAsOf()).isAfter(justFilled.updatedAt());
        verify(stored).recordLastPrice(eq("PAPER"), eq("BTC/EUR"), eq(new BigDecimal("62000")), any());
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
        return position(portfolio, symbol, quantity, cost, realized, OffsetDateTime.now());
    }

    private static PortfolioPosition position(
            Portfolio portfolio,
            String symbol,
            String quantity,
            String cost,
            String realized,
            OffsetDateTime updatedAt) {
        return new PortfolioPosition(
                portfolio.id(),
                symbol,
                new BigDecimal(quantity),
                new BigDecimal(cost),
                new BigDecimal(realized),
                updatedAt);
    }
}
