package com.algomarket.activities.orders;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.orders.OrderRowCheck.Checked;
import com.algomarket.activities.orders.RiskPolicy.OrderFacts;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.ledger.LedgerFunds;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.db.portfolios.MarketBuyMargin;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.portfolios.RiskDefaults;
import com.algomarket.db.portfolios.RiskLimits;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.streams.StoredReadFreshness;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.OrderStatus;
import com.algomarket.workflows.orders.RiskDecision;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The pre-trade check of an order and its intent. What the venue must tell (its price, and the account's free balance
 * where the account stream does not keep it current) is read first, outside any transaction, so that no lock waits for
 * an exchange; then one transaction holds the portfolio's lock, gathers the order's facts, applies every rule, marks
 * the approved order's reservation on the ledger and records the intent.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PreTradeCheck {

    private static final String ACTOR = "order-workflow";

    private final OrderRepository orders;
    private final PortfolioRepository portfolios;
    private final ConnectionRepository connections;
    private final CredentialVault vault;
    private final OrderExchangeCalls exchange;
    private final Clock clock;
    private final RiskDefaults riskDefaults;
    private final AuditLog auditLog;
    private final LivePrices livePrices;
    private final OrderLedger ledger;
    private final StoredAccountReads stored;
    private final TransactionOperations transactions;
    private final MarketBuyMargin marketBuyMargin;

    /**
     * What the venue told about the order before the transaction: its price (a buy's best ask, else the last trade;
     * null: none) and the free balance.
     */
    private record VenueFacts(BigDecimal market, BigDecimal free) {}

    /**
     * Checks the order its row describes (already checked against the input) and, with {@code recordIntent}, records
     * the intent in the same transaction, approved or refused. An approval has reserved the order's funds.
     */
    RiskDecision check(OrderInput input, Checked checked, boolean recordIntent) {
        NewOrder row = checked.row();
        VenueFacts venue = venueFacts(checked);
        BigDecimal reference = referencePrice(input, row);
        BigDecimal reservedPrice = row.side() == Side.BUY
                ? marketBuyMargin.worstBuyPrice(row.type(), RiskPolicy.valuationPrice(reference, venue.market()))
                : null;
        return transactions.execute(status -> {
            RiskDecision decision =
                    ledger.reserve(row, reservedPrice, funds -> rules(checked, reference, reservedPrice, venue, funds));
            if (recordIntent) {
                recordIntent(row);
            }
            return decision;
        });
    }

    /**
     * Every rule, in the order {@link RiskPolicy} names: the portfolio's and connection's state and the limits at the
     * order's reference price, a buy the venue gave no price for, a stop that would trigger at once, a buy's limits
     * again at the price it is reserved at (the higher of its reference and the venue's price, with {@link
     * MarketBuyMargin}'s headroom when it executes at the market), the account's free balance, and last the
     * portfolio's own ledger. Runs under the portfolio's lock.
     */
    private RiskDecision rules(
            Checked checked, BigDecimal reference, BigDecimal reservedPrice, VenueFacts venue, LedgerFunds funds) {
        NewOrder row = checked.row();
        boolean buy = row.side() == Side.BUY;
        Portfolio portfolio = checked.portfolio();
        RiskLimits limits = portfolios.riskLimits(portfolio.id()).orElse(riskDefaults.forSize(portfolio.size()));
        OrderFacts facts = facts(row, portfolio, checked.flatten(), reference);
        RiskDecision decision = RiskPolicy.checkLimits(facts, limits);
        if (decision.approved()) {
            decision = RiskPolicy.checkPriced(buy, row.symbol(), venue.market());
        }
        if (decision.approved()) {
            decision = RiskPolicy.checkStop(row.type(), buy, row.stopPrice(), venue.market());
        }
        if (decision.approved() && buy) {
            facts = facts(row, portfolio, checked.flatten(), reservedPrice);
            decision = RiskPolicy.checkLimits(facts, limits);
        }
        if (decision.approved()) {
            decision = RiskPolicy.checkFunds(facts, venue.free());
        }
        return decision.approved() ? RiskPolicy.checkLedger(facts, funds) : decision;
    }

    private VenueFacts venueFacts(Checked checked) {
        NewOrder row = checked.row();
        UUID connectionId = checked.connectionId();
        ApiCredentials credentials = vault.open(connectionId);
        boolean buy = row.side() == Side.BUY;
        BigDecimal market = exchange.call(
                checked,
                gateway -> buy
                        ? livePrices.buyPrice(gateway, credentials, row.symbol())
                        : livePrices.price(gateway, credentials, row.symbol()));
        String spent = RiskPolicy.spentAsset(row.symbol(), buy);
        Optional<StoredBalances> kept = stored.balances(connectionId);
        if (StoredReadFreshness.forMoney(kept, clock.instant())) {
            return new VenueFacts(market, kept.get().free(spent));
        }
        // No stream vouches for the balance (streams off, or the stream is down): the exchange tells, as before.
        BigDecimal free = exchange.call(checked, gateway -> gateway.balances(credentials)).stream()
                .filter(balance -> balance.asset().equals(spent))
                .map(Balance::free)
                .findFirst()
                .orElse(BigDecimal.ZERO);
        return new VenueFacts(market, free);
    }

    private OrderFacts facts(NewOrder row, Portfolio portfolio, boolean flatten, BigDecimal price) {
        return new OrderFacts(
                row.symbol(),
                row.side() == Side.BUY,
                flatten,
                row.quantity(),
                price,
                portfolio.status(),
                portfolio.acceptsNewEntries(),
                connections.status(portfolio.connectionId()).orElse(null),
                orders.positionQuantity(portfolio.id(), row.symbol()),
                orders.countSince(portfolio.id(), OffsetDateTime.now(clock).minusMinutes(1), row.id()),
                orders.realizedPnlSince(
                        portfolio.id(), OffsetDateTime.now(clock).truncatedTo(ChronoUnit.DAYS)));
    }

    /** The price the order was sized at, else its limit or stop; the live price raises it for a buy. */
    private static BigDecimal referencePrice(OrderInput input, NewOrder row) {
        if (input.referencePrice() != null) {
            return input.referencePrice();
        }
        return row.limitPrice() != null ? row.limitPrice() : row.stopPrice();
    }

    /** Audits that the workflow took up the intent its planner wrote (the row was written before it started). */
    void recordIntent(NewOrder row) {
        auditLog.append(
                ACTOR,
                "order",
                row.id().toString(),
                OrderStatus.NEW.name(),
                Map.of(
                        "workflowId",
                        row.workflowId(),
                        "symbol",
                        row.symbol(),
                        "side",
                        row.side(),
                        "type",
                        row.type(),
                        "quantity",
                        row.quantity().stripTrailingZeros().toPlainString()));
    }
}
