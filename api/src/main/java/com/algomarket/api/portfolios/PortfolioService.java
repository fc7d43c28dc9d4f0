package com.algomarket.api.portfolios;

import com.algomarket.api.exchange.AccountReads;
import com.algomarket.api.onboarding.OnboardingClient;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.workflows.connections.AssetBalance;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.purchases.PurchaseStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates portfolios: a share of the user's own exchange account that an algorithm trades. The free balance is the
 * account stream's (read live at the exchange where no stream vouches for it); the portfolios on one connection
 * together never exceed it.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class PortfolioService {

    /** The least a portfolio may hold, in the algorithm's quote currency. */
    static final BigDecimal MINIMUM_SIZE = new BigDecimal("100");

    private final PortfolioRepository portfolios;
    private final PurchaseRepository purchases;
    private final AlgorithmRepository algorithms;
    private final ConnectionRepository connections;
    private final AccountReads accounts;
    private final OnboardingClient onboarding;
    private final AuditLog auditLog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Portfolio create(UUID userId, UUID purchaseId, UUID connectionId, BigDecimal size) {
        Purchase purchase = purchases
                .findForUser(purchaseId, userId)
                .orElseThrow(() -> ApiProblem.notFound("purchase", purchaseId));
        requireActive("purchase", purchase.status(), PurchaseStatus.ACTIVE, "; a portfolio needs an active one.");
        Connection connection = connections
                .findForUser(connectionId, userId)
                .orElseThrow(() -> ApiProblem.notFound("connection", connectionId));
        requireActive("connection", connection.status(), ConnectionStatus.ACTIVE, ".");
        Algorithm algorithm = algorithms.find(purchase.algorithmId()).orElseThrow();
        if (!algorithm.exchanges().contains(connection.exchange().name())) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "exchange-not-supported",
                    "Exchange not supported",
                    "The algorithm trades on " + String.join(", ", algorithm.exchanges()) + ", not "
                            + connection.exchange() + ".");
        }
        String quote = algorithm.quoteCurrency();
        if (size.compareTo(MINIMUM_SIZE) < 0) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "portfolio-below-minimum",
                    "Below minimum",
                    "A portfolio holds at least " + MINIMUM_SIZE + " " + quote + ".");
        }
        BigDecimal free = freeBalance(connection, quote);

        Portfolio portfolio = new Portfolio(
                UUID.randomUUID(),
                userId,
                purchase.id(),
                connection.id(),
                algorithm.id(),
                size,
                quote,
                PortfolioStatus.ACTIVE,
                null,
                true,
                OffsetDateTime.now(clock));
        insertWithinFreeBalance(portfolio, free);
        onboarding.advanceQuietly(
                userId,
                "portfolio " + portfolio.id(),
                workflow -> workflow.portfolioCreated(portfolio.id().toString()));
        return portfolio;
    }

    /**
     * 422 {@code <what>-not-active} unless {@code status} is {@code active}: a portfolio is made on an active purchase
     * and an active connection only. The detail reads "The {@code what} is {@code status}", then {@code more}.
     */
    private static <S extends Enum<S>> void requireActive(String what, S status, S active, String more) {
        if (status != active) {
            throw ApiProblem.notActive(what, "The " + what + " is " + status + more);
        }
    }

    /** Inserts the portfolio unless the connection's portfolios would then hold more than its free balance. */
    private void insertWithinFreeBalance(Portfolio portfolio, BigDecimal free) {
        transactions.executeWithoutResult(status -> {
            portfolios.lockConnection(portfolio.connectionId());
            BigDecimal committed = portfolios.committedOn(portfolio.connectionId());
            if (committed.add(portfolio.size()).compareTo(free) > 0) {
                throw new ApiProblem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "insufficient-balance",
                        "Insufficient balance",
                        "The connection has " + free.toPlainString() + " " + portfolio.quoteCurrency()
                                + " free, of which portfolios hold " + committed.toPlainString() + " already.");
            }
            portfolios.insert(portfolio);
            auditLog.append(
                    "user:" + portfolio.userId(),
                    "portfolio",
                    portfolio.id().toString(),
                    "CREATED",
                    "{\"size\":\"" + portfolio.size().toPlainString() + "\",\"quoteCurrency\":\""
                            + portfolio.quoteCurrency() + "\"}");
        });
    }

    /**
     * The account's free balance of {@code asset}: the account stream's while it vouches for it, else read at the
     * exchange now (and recorded for the connections list).
     */
    private BigDecimal freeBalance(Connection connection, String asset) {
        AccountReads.ShownBalances balances = accounts.forMoney(connection.id());
        if (balances.balances() == null) {
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "exchange-unavailable",
                    "Exchange unavailable",
                    connection.exchange() + " could not report the balance (" + balances.unavailable()
                            + "); nothing was created. Try again shortly.");
        }
        return balances.balances().stream()
                .filter(balance -> balance.asset().equals(asset))
                .map(AssetBalance::free)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }
}
