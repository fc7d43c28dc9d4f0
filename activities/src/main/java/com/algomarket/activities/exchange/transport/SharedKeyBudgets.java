package com.algomarket.activities.exchange.transport;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The key budgets of every worker, kept in PostgreSQL by Bucket4j: one row per exchange and key in
 * {@code exchange_key_budgets}, read and written under {@code SELECT ... FOR UPDATE} in a transaction of its own. An
 * exchange counts an account's orders whichever of our workers sends them; with budgets per process, two workers
 * would send twice what the account may (and a third, three times), and the exchange would answer 429, then ban.
 *
 * <p>The cost is one short transaction per keyed call (on Binance, only orders and cancels are keyed). When the
 * exchange stops us, the budget is put into debt for the wait, so that every worker waits, not only the one told.
 */
public final class SharedKeyBudgets implements KeyBudgets {

    static final String TABLE = "exchange_key_budgets";

    /**
     * The version of the limits in {@code ExchangeConfiguration.KEY_LIMITS}: raise it when they change, so that the
     * stored budgets take the new limits (keeping the share of calls they had left) instead of the ones they were made
     * with.
     */
    static final int LIMITS_VERSION = 1;

    private final ProxyManager<String> budgets;

    public SharedKeyBudgets(DataSource dataSource) {
        this.budgets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    @Override
    public Duration tryTake(String scope, RateLimit limit) {
        ConsumptionProbe probe = budget(scope, limit).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    @Override
    public void exhaustFor(String scope, RateLimit limit, Duration retryAfter) {
        BucketProxy budget = budget(scope, limit);
        budget.tryConsumeAsMuchAsPossible();
        long owed = (long)
                Math.ceil(limit.weight() * retryAfter.toNanos() / limit.period().toNanos());
        if (owed > 0) {
            budget.consumeIgnoringRateLimits(owed);
        }
    }

    private BucketProxy budget(String scope, RateLimit limit) {
        return budgets.builder()
                .withImplicitConfigurationReplacement(LIMITS_VERSION, TokensInheritanceStrategy.PROPORTIONALLY)
                .build(scope, () -> configuration(limit));
    }

    static BucketConfiguration configuration(RateLimit limit) {
        long calls = (long) limit.weight();
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(calls)
                        .refillGreedy(calls, limit.period())
                        .build())
                .build();
    }
}
