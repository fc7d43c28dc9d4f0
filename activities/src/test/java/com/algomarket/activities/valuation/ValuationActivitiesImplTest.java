package com.algomarket.activities.valuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.support.MockedPaperConnection;
import com.algomarket.activities.support.StoredPortfolios;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.db.orders.PortfolioPosition;
import com.algomarket.db.portfolios.EquityRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.streams.AccountStreamRepository;
import com.algomarket.workflows.exchange.ExchangeFailure;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.valuation.ValuationPage;
import com.algomarket.workflows.valuation.ValuationPageInput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** A page of portfolios valued at the venue's prices, each symbol read once, and each day's point stored. */
class ValuationActivitiesImplTest {

    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00.250Z");
    private static final long DAY = LocalDate.of(2026, 11, 30).toEpochDay();
    private static final UUID CONNECTION = UUID.randomUUID();

    private final PortfolioRepository portfolios = mock(PortfolioRepository.class);
    private final OrderQueries queries = mock(OrderQueries.class);
    private final EquityRepository equity = mock(EquityRepository.class);
    private final AccountStreamRepository streams = mock(AccountStreamRepository.class);
    private final MockedPaperConnection paper = MockedPaperConnection.of(CONNECTION, UUID.randomUUID());
    private final ValuationActivitiesImpl activities = new ValuationActivitiesImpl(
            portfolios,
            queries,
            equity,
            paper.connections(),
            streams,
            paper.vault(),
            paper.gateways(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void givenPortfoliosHoldingTheSameSymbol_whenValued_thenOnePriceReadAndEachPointIsSizeRealizedAndUnrealized() {
        Portfolio first = portfolio("1000");
        Portfolio second = portfolio("2000");
        Portfolio flat = portfolio("500");
        when(portfolios.notClosedAfter(null, ValuationActivitiesImpl.PAGE_SIZE))
                .thenReturn(List.of(first, second, flat));
        when(queries.positionsOf(any()))
                .thenReturn(Map.of(
                        first.id(), List.of(position(first, "BTC/EUR", "0.01", "60000", "5")),
                        second.id(), List.of(position(second, "BTC/EUR", "0.02", "59000", "-3")),
                        flat.id(), List.of(position(flat, "ETH/EUR", "0", "0", "12.5"))));
        when(paper.gateway().lastPrice(paper.key(), "BTC/EUR")).thenReturn(new BigDecimal("61000"));

        ValuationPage page = activities.valuePage(new ValuationPageInput(DAY, null));

        assertThat(page).isEqualTo(new ValuationPage(3, 0, flat.id().toString(), true));
        OffsetDateTime at = OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC);
        // 1000 + 5 + 0.01 x (61000 - 60000); 2000 - 3 + 0.02 x (61000 - 59000); a closed position needs no price.
        Map<UUID, BigDecimal> points = storedPoints(LocalDate.ofEpochDay(DAY), at);
        assertThat(points).containsOnlyKeys(first.id(), second.id(), flat.id());
        assertThat(points.get(first.id())).isEqualByComparingTo("1015");
        assertThat(points.get(second.id())).isEqualByComparingTo("2037");
        assertThat(points.get(flat.id())).isEqualByComparingTo("512.5");
        verify(paper.gateway(), times(1)).lastPrice(paper.key(), "BTC/EUR");
        verify(paper.gateway(), never()).lastPrice(paper.key(), "ETH/EUR");
    }

    @Test
    void givenTheVenueUnreadable_whenValued_thenTheLastTradeSeenOrElseNoPointThatDay() {
        Portfolio btc = portfolio("1000");
        Portfolio eth = portfolio("1000");
        when(portfolios.notClosedAfter(null, ValuationActivitiesImpl.PAGE_SIZE)).thenReturn(List.of(btc, eth));
        when(queries.positionsOf(any()))
                .thenReturn(Map.of(
                        btc.id(), List.of(position(btc, "BTC/EUR", "0.01", "60000", "0")),
                        eth.id(), List.of(position(eth, "ETH/EUR", "1", "3000", "0"))));
        when(paper.gateway().lastPrice(any(), anyString()))
                .thenThrow(new ExchangeCallException(ExchangeFailure.UNAVAILABLE, "venue down"));
        when(streams.lastPrice("PAPER", "BTC/EUR")).thenReturn(Optional.of(new BigDecimal("59000")));
        when(streams.lastPrice("PAPER", "ETH/EUR")).thenReturn(Optional.empty());

        ValuationPage page = activities.valuePage(new ValuationPageInput(DAY, null));

        assertThat(page.valued()).isEqualTo(1);
        assertThat(page.unpriced()).isEqualTo(1);
        Map<UUID, BigDecimal> points =
                storedPoints(LocalDate.ofEpochDay(DAY), OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
        assertThat(points).containsOnlyKeys(btc.id());
        assertThat(points.get(btc.id())).isEqualByComparingTo("990");
    }

    @Test
    void givenAFullPage_whenValued_thenNotTheLastAndTheNextStartsAfterItsLastPortfolio() {
        List<Portfolio> full = new ArrayList<>();
        IntStream.range(0, ValuationActivitiesImpl.PAGE_SIZE).forEach(i -> full.add(portfolio("100")));
        UUID after = UUID.randomUUID();
        when(portfolios.notClosedAfter(after, ValuationActivitiesImpl.PAGE_SIZE))
                .thenReturn(full);
        when(queries.positionsOf(any())).thenReturn(Map.of());

        ValuationPage page = activities.valuePage(new ValuationPageInput(DAY, after.toString()));

        assertThat(page).isEqualTo(new ValuationPage(100, 0, full.getLast().id().toString(), false));
        when(portfolios.notClosedAfter(full.getLast().id(), ValuationActivitiesImpl.PAGE_SIZE))
                .thenReturn(List.of());
        assertThat(activities.valuePage(new ValuationPageInput(DAY, page.lastPortfolioId())))
                .isEqualTo(new ValuationPage(0, 0, page.lastPortfolioId(), true));
    }

    private static Portfolio portfolio(String size) {
        return StoredPortfolios.portfolio(
                UUID.randomUUID(), UUID.randomUUID(), CONNECTION, size, PortfolioStatus.ACTIVE, null);
    }

    private static PortfolioPosition position(
            Portfolio portfolio, String symbol, String quantity, String averageCost, String realized) {
        return new PortfolioPosition(
                portfolio.id(),
                symbol,
                new BigDecimal(quantity),
                new BigDecimal(averageCost),
                new BigDecimal(realized),
                OffsetDateTime.now());
    }

    /** The points of the page, stored in one call for {@code day} at {@code valuedAt}. */
    @SuppressWarnings("unchecked")
    private Map<UUID, BigDecimal> storedPoints(LocalDate day, OffsetDateTime valuedAt) {
        ArgumentCaptor<Map<UUID, BigDecimal>> points = ArgumentCaptor.forClass(Map.class);
        verify(equity).storeDay(eq(day), points.capture(), eq(valuedAt));
        return points.getValue();
    }
}
