package com.algomarket.db;

import static com.algomarket.db.jooq.Tables.POSITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.orders.ImportedFill;
import com.algomarket.db.orders.NewOrder;
import com.algomarket.db.orders.OrderRepository;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.order.OrderType;
import com.algomarket.workflows.order.Side;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fills are imported once per exchange trade, and each new one moves the position, on a real PostgreSQL. */
class OrderRepositoryIT {

    private static final String SCHEMA = "order_repository_it";

    private static TestPostgres postgres;
    private static Connection connection;
    private static DSLContext dsl;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = TestPostgres.start();
        connection = postgres.connect();
        connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
        Flyway.configure()
                .dataSource(postgres.url(), postgres.user(), postgres.password())
                .schemas(SCHEMA)
                .createSchemas(true)
                .load()
                .migrate();
        connection.setSchema(SCHEMA);
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (connection != null) {
            connection.createStatement().execute("drop schema if exists " + SCHEMA + " cascade");
            connection.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void givenTradesImportedTwice_whenBuyingThenSelling_thenEachCountsOnceAndPnlIsRealized() {
        OrderRepository orders = new OrderRepository(dsl);
        UUID portfolio = portfolio();
        UUID buy = order(orders, portfolio, Side.BUY);
        UUID sell = order(orders, portfolio, Side.SELL);

        assertThat(orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-1", "60000", "0.1")))
                .isTrue();
        assertThat(orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-1", "60000", "0.1")))
                .as("the same exchange trade again")
                .isFalse();
        assertThat(orders.importFill(buy, portfolio, "BTC/EUR", true, fill("t-2", "62000", "0.1")))
                .isTrue();
        assertThat(orders.fillCount(buy)).isEqualTo(2);

        Record position = position(portfolio);
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.2");
        assertThat(position.get(POSITIONS.AVERAGE_COST)).isEqualByComparingTo("61000");

        assertThat(orders.importFill(sell, portfolio, "BTC/EUR", false, fill("t-3", "63000", "0.15")))
                .isTrue();
        position = position(portfolio);
        assertThat(position.get(POSITIONS.QUANTITY)).isEqualByComparingTo("0.05");
        assertThat(position.get(POSITIONS.REALIZED_PNL)).isEqualByComparingTo("300"); // (63000 - 61000) x 0.15
    }

    private static UUID order(OrderRepository orders, UUID portfolio, Side side) {
        UUID id = UUID.randomUUID();
        NewOrder order = new NewOrder(
                id,
                portfolio,
                null,
                "a1a0c0de-" + id.toString().substring(9),
                Exchange.PAPER,
                "BTC/EUR",
                side,
                OrderType.MARKET,
                null,
                new BigDecimal("0.2"),
                null,
                null,
                "order-" + id);
        orders.insertIntent(order);
        orders.insertIntent(order); // a retried activity writes nothing new
        return id;
    }

    private static ImportedFill fill(String tradeId, String price, String quantity) {
        return new ImportedFill(
                tradeId,
                new BigDecimal(price),
                new BigDecimal(quantity),
                new BigDecimal("0.01"),
                "EUR",
                OffsetDateTime.now());
    }

    private static Record position(UUID portfolio) {
        return dsl.selectFrom(POSITIONS)
                .where(POSITIONS.PORTFOLIO_ID.eq(portfolio))
                .fetchOne();
    }

    /** The rows a portfolio needs: a user, a connection, an algorithm and a purchase. */
    private static UUID portfolio() {
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
                        + "'\\x00', '\\x00', 'f', true, true, 'ACTIVE')",
                connection,
                user);
        dsl.execute(
                "insert into algorithms (id, developer_id, name, description, exchanges, quote_currency, symbols, "
                        + "price_amount, price_currency, period_days, status) values (?, ?, 'a', 'd', '{PAPER}', 'EUR', "
                        + "'{BTC/EUR}', 10, 'EUR', 30, 'PUBLISHED')",
                algorithm,
                user);
        dsl.execute(
                "insert into purchases (id, user_id, algorithm_id, periods, amount, currency, status, workflow_id) "
                        + "values (?, ?, ?, 1, 10, 'EUR', 'ACTIVE', 'w')",
                purchase,
                user,
                algorithm);
        dsl.execute(
                "insert into portfolios (id, user_id, purchase_id, connection_id, algorithm_id, size, "
                        + "quote_currency, status) values (?, ?, ?, ?, ?, 1000, 'EUR', 'ACTIVE')",
                portfolio,
                user,
                purchase,
                connection,
                algorithm);
        return portfolio;
    }
}
