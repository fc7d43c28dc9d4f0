package com.algomarket.api.benchmark;

import com.algomarket.api.security.MasterKeys;
import com.algomarket.db.connections.Connection;
import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.db.portfolios.Portfolio;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.purchases.Purchase;
import com.algomarket.db.purchases.PurchaseRepository;
import com.algomarket.db.users.NewUser;
import com.algomarket.db.users.UserRepository;
import com.algomarket.workflows.connections.ConnectionStatus;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import com.algomarket.workflows.purchases.PurchaseStatus;
import com.algomarket.workflows.users.UserRole;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;

/**
 * Subscribers of an algorithm written straight to the database: a user with a PAPER key of the venue process, an
 * active purchase and a portfolio of 100,000 EUR. Registering 1,000 users through REST would measure Argon2, not
 * orders.
 */
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
final class BenchmarkSubscribers {

    record Subscriber(UUID portfolioId, UUID connectionId, String apiKey) {}

    private final UserRepository users;
    private final ConnectionRepository connections;
    private final PurchaseRepository purchases;
    private final PortfolioRepository portfolios;
    private final MasterKeys keys;

    List<Subscriber> create(VenueProcess venue, String algorithmId, int count) {
        List<Subscriber> subscribers = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < count; i++) {
            UUID userId = UUID.randomUUID();
            users.insert(new NewUser(
                    userId,
                    "bench-" + userId + "@example.com",
                    "b" + userId.toString().substring(0, 8) + i,
                    "{noop}benchmark",
                    UserRole.USER,
                    "{}",
                    now));
            VenueProcess.Key key = venue.createKey(1_000_000);
            UUID connectionId = UUID.randomUUID();
            connections.insert(
                    new Connection(
                            connectionId,
                            userId,
                            Exchange.PAPER,
                            "paper",
                            true,
                            true,
                            false,
                            ConnectionStatus.ACTIVE,
                            null,
                            now),
                    keys.seal(connectionId, Exchange.PAPER, key.apiKey(), key.secret(), null),
                    keys.fingerprint(Exchange.PAPER, key.apiKey()));
            UUID purchaseId = UUID.randomUUID();
            purchases.insert(new Purchase(
                    purchaseId,
                    userId,
                    UUID.fromString(algorithmId),
                    null,
                    1,
                    BigDecimal.ZERO,
                    "EUR",
                    PurchaseStatus.ACTIVE,
                    null,
                    null,
                    null,
                    "purchase-" + purchaseId,
                    null,
                    null));
            UUID portfolioId = UUID.randomUUID();
            portfolios.insert(new Portfolio(
                    portfolioId,
                    userId,
                    purchaseId,
                    connectionId,
                    UUID.fromString(algorithmId),
                    new BigDecimal("100000"),
                    "EUR",
                    PortfolioStatus.ACTIVE,
                    null,
                    true,
                    now));
            subscribers.add(new Subscriber(portfolioId, connectionId, key.apiKey()));
        }
        return subscribers;
    }
}
