package com.algomarket.db.support;

import java.util.UUID;
import org.jooq.DSLContext;

/** The rows a portfolio needs, inserted for repository ITs that write orders and fills against it. */
public final class PortfolioRows {

    private PortfolioRows() {}

    /** The new portfolio and the user who owns it. */
    public record Owned(UUID user, UUID portfolio) {}

    /** A portfolio and the rows it needs: a user, a connection, an algorithm and a purchase, all new. */
    public static Owned insert(DSLContext dsl) {
        UUID user = UUID.randomUUID();
        UUID connection = UUID.randomUUID();
        UUID algorithm = UUID.randomUUID();
        UUID purchase = UUID.randomUUID();
        UUID portfolio = UUID.randomUUID();
        dsl.execute(
                "insert into users (id, email, username, username_key, password_hash, role, status, "
                        + "terms_accepted_at) values (?, ?, 'u', ?, 'x', 'USER', 'VERIFIED', now())",
                user,
                user + "@x.io",
                user.toString().substring(0, 30));
        dsl.execute(
                "insert into exchange_connections (id, user_id, exchange, name, api_key_ciphertext, "
                        + "api_secret_ciphertext, key_fingerprint, can_read, can_trade, status) values (?, ?, 'PAPER', 'p', "
                        + "'\\x00', '\\x00', ?, true, true, 'ACTIVE')",
                connection,
                user,
                connection.toString());
        dsl.execute(
                "insert into algorithms (id, developer_id, name, description, exchanges, quote_currency, symbols, "
                        + "price_amount, price_currency, period_days, status) values (?, ?, ?, 'd', '{PAPER}', 'EUR', "
                        + "'{BTC/EUR}', 10, 'EUR', 30, 'PUBLISHED')",
                algorithm,
                user,
                "a-" + algorithm);
        dsl.execute(
                "insert into purchases (id, user_id, algorithm_id, periods, amount, currency, status, workflow_id) "
                        + "values (?, ?, ?, 1, 10, 'EUR', 'ACTIVE', ?)",
                purchase,
                user,
                algorithm,
                "w-" + purchase);
        dsl.execute(
                "insert into portfolios (id, user_id, purchase_id, connection_id, algorithm_id, size, "
                        + "quote_currency, status) values (?, ?, ?, ?, ?, 1000, 'EUR', 'ACTIVE')",
                portfolio,
                user,
                purchase,
                connection,
                algorithm);
        return new Owned(user, portfolio);
    }
}
