package com.algomarket.db.streams;

import com.algomarket.db.streams.StoredAccountReads.Source;
import com.algomarket.db.streams.StoredAccountReads.StoredBalances;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * When what the database keeps (balances, last prices) may stand in for a read at the exchange: a pure function of
 * what is stored and the time, so that the API and the pre-trade check decide alike and tests can say why.
 *
 * <p>Money decisions (the pre-trade check, a new portfolio's balance check) trust only balances the account stream
 * vouches for: the stream reads the whole account when it connects, applies every balance event after it and, while
 * connected, confirms this every {@link #STREAM_CONFIRMATION_INTERVAL}. Three confirmations missed
 * ({@link #STREAM_TOLERANCE}) mean the stream is gone (its worker died: five seconds of heartbeat timeout, then another
 * worker reconnects and reads the account again) and the decision reads the exchange as it did before streams. A read
 * the API recorded is never trusted for money: with streams off the checks read the exchange as before.
 *
 * <p>What a user looks at (the connections list, a valuation) may be older, since the answer says how old: balances
 * up to {@link #DISPLAYED_BALANCES_MAX_AGE}, so that a user refreshing a page costs the exchange at most two account
 * reads a minute (Binance weighs one at 20 of the 6,000 a minute an IP may spend), and last prices up to
 * {@link #PRICES_MAX_AGE}: a price is public and shared by every portfolio on the venue, so however many users look,
 * the venue is asked at most once per symbol per ten seconds (six ticker reads a minute, weight 2 each on Binance).
 * A price is not used for a position that changed after it: a fill moves the market the position is valued at, and a
 * valuation right after a trade is read at the venue rather than from a price that predates the trade.
 */
public final class StoredReadFreshness {

    /** How often a connected account stream confirms that its stored balances are current. */
    public static final Duration STREAM_CONFIRMATION_INTERVAL = Duration.ofSeconds(10);

    /** How long a stream's last confirmation keeps its balances good for money decisions. */
    public static final Duration STREAM_TOLERANCE = STREAM_CONFIRMATION_INTERVAL.multipliedBy(3);

    /** The oldest stored balances the API shows instead of reading the account again. */
    public static final Duration DISPLAYED_BALANCES_MAX_AGE = Duration.ofSeconds(30);

    /** The oldest stored last price the API values a position at instead of reading the venue's again. */
    public static final Duration PRICES_MAX_AGE = Duration.ofSeconds(10);

    private StoredReadFreshness() {}

    /** Whether the stored balances may decide about money: the stream's, confirmed within its tolerance. */
    public static boolean forMoney(Optional<StoredBalances> stored, Instant now) {
        return stored.filter(balances -> balances.source() == Source.STREAM)
                .filter(balances -> within(balances.asOf(), STREAM_TOLERANCE, now))
                .isPresent();
    }

    /**
     * Whether the stored balances may be shown (with their age) instead of reading the account: a connected stream's
     * always are (it confirms them far more often), a recorded read for a while.
     */
    public static boolean forDisplay(Optional<StoredBalances> stored, Instant now) {
        return stored.filter(balances -> within(balances.asOf(), DISPLAYED_BALANCES_MAX_AGE, now))
                .isPresent();
    }

    /**
     * Whether a stored price may value a position last changed at {@code positionChangedAt} (null: no position, or
     * its time is not known) instead of reading the venue's price.
     */
    public static boolean forValuation(Optional<StoredPrice> stored, Instant now, OffsetDateTime positionChangedAt) {
        return stored.filter(price -> within(price.asOf(), PRICES_MAX_AGE, now))
                .filter(price -> positionChangedAt == null || !price.asOf().isBefore(positionChangedAt))
                .isPresent();
    }

    /** At most {@code maxAge} old; a time ahead of this clock (another machine's) counts as now. */
    private static boolean within(OffsetDateTime asOf, Duration maxAge, Instant now) {
        return !asOf.toInstant().plus(maxAge).isBefore(now);
    }
}
