package com.algomarket.activities.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.algomarket.activities.exchange.InstrumentRules;
import com.algomarket.activities.support.MockedPaperConnection;
import com.algomarket.activities.support.StoredPortfolios;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.ledger.LedgerRepository;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.orders.OrderRepository.HeldPosition;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.workflows.orders.PlannedOrder;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A flatten sells what the portfolio holds minus what its open sells already cover, never more. */
class FlattenActivitiesImplTest {

    private static final UUID PORTFOLIO = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final UUID CONNECTION = UUID.randomUUID();

    private final OrderRepository orders = mock(OrderRepository.class);
    private final LedgerRepository ledger = mock(LedgerRepository.class);
    private final PortfolioRepository portfolios = mock(PortfolioRepository.class);
    private final MockedPaperConnection paper = MockedPaperConnection.of(CONNECTION, USER);
    private FlattenActivitiesImpl activities;

    @BeforeEach
    void killedPortfolioOnAPaperConnection() {
        when(portfolios.find(PORTFOLIO))
                .thenReturn(Optional.of(StoredPortfolios.portfolio(
                        PORTFOLIO, USER, CONNECTION, "1000", PortfolioStatus.KILLED, "kill switch")));
        when(paper.gateway().instrumentRules(any(), any()))
                .thenAnswer(invocation -> new InstrumentRules(
                        invocation.getArgument(1),
                        new BigDecimal("0.01"),
                        new BigDecimal("0.00001"),
                        new BigDecimal("0.00001"),
                        new BigDecimal("5")));
        when(paper.gateway().lastPrice(any(), any())).thenReturn(new BigDecimal("50000"));
        activities = new FlattenActivitiesImpl(
                orders, portfolios, paper.connections(), paper.vault(), paper.gateways(), mock(AuditLog.class), ledger);
    }

    @Test
    void givenOpenSellsCoveringPartOfOnePositionAndAllOfAnother_whenPlanning_thenOnlyTheRestIsSold() {
        when(orders.heldPositions(PORTFOLIO))
                .thenReturn(List.of(
                        new HeldPosition("BTC/EUR", new BigDecimal("0.005")),
                        new HeldPosition("ETH/EUR", new BigDecimal("0.1"))));
        when(ledger.openSells(PORTFOLIO))
                .thenReturn(Map.of("BTC/EUR", new BigDecimal("0.002"), "ETH/EUR", new BigDecimal("0.1")));

        List<PlannedOrder> sells = activities.planSells(PORTFOLIO.toString(), "kill-1");

        assertThat(sells).singleElement().satisfies(sell -> {
            assertThat(sell.input().symbol()).isEqualTo("BTC/EUR");
            assertThat(sell.input().side()).isEqualTo(Side.SELL);
            assertThat(sell.input().quantity()).isEqualByComparingTo("0.003");
            assertThat(sell.input().flatten()).isTrue();
        });
        verify(orders, times(1)).insertIntent(any());
        verify(orders, never()).insertRejected(any(), any());
    }

    @Test
    void givenNoOpenSells_whenPlanning_thenTheWholePositionIsSold() {
        when(orders.heldPositions(PORTFOLIO)).thenReturn(List.of(new HeldPosition("BTC/EUR", new BigDecimal("0.005"))));
        when(ledger.openSells(PORTFOLIO)).thenReturn(Map.of());

        assertThat(activities.planSells(PORTFOLIO.toString(), "kill-1"))
                .singleElement()
                .satisfies(sell -> assertThat(sell.input().quantity()).isEqualByComparingTo("0.005"));
    }
}
