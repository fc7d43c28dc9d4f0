package com.algomarket.db.store;

import static com.algomarket.db.jooq.Tables.ALGORITHMS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORDS;
import static com.algomarket.db.jooq.Tables.TRACK_RECORD_DAYS;
import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.db.support.MigratedSchema;
import com.algomarket.workflows.store.AlgorithmStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's keyset pages on a real PostgreSQL, in every sort: paged with small limits they add up to the whole list
 * sorted here by the rules each order promises (ties on every key, unlimited seats, algorithms without a track record
 * or without a valued day yet); algorithms published between two pages repeat or push out none. Seeded, so that a
 * failure repeats.
 */
@MigratedSchema("store_paging_it")
class StorePagingIT {

    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.of(2026, 11, 2);
    private static final String[] PRICES = {"0", "9.5", "10", "10.00", "25"};
    private static final String[] INDEXES = {"100", "104.5", "97.25", "104.5", "131.000000000001"};

    private static DSLContext dsl;
    private static AlgorithmRepository algorithms;

    /** What each algorithm was published with: the keys the orders compare. */
    private final Map<UUID, Published> published = new HashMap<>();

    private final Random random = new Random(61);

    /** An algorithm's sort keys; {@code seatsLeft} null: unlimited; {@code returnPct} null: no track record. */
    private record Published(
            UUID id, OffsetDateTime createdAt, BigDecimal price, Integer seatsLeft, BigDecimal returnPct) {}

    @BeforeAll
    static void schema(DSLContext migrated) {
        dsl = migrated;
        algorithms = new AlgorithmRepository(migrated);
    }

    @Test
    void givenTiesOnEveryKey_whenPagedInEverySortWithSmallLimits_thenThePagesAddUpToTheWholeSortedList() {
        UUID developer = developer();
        for (int i = 0; i < 16; i++) {
            publish(developer);
        }
        UUID retired = publish(developer);
        dsl.update(ALGORITHMS)
                .set(ALGORITHMS.STATUS, AlgorithmStatus.RETIRED)
                .where(ALGORITHMS.ID.eq(retired))
                .execute();
        published.remove(retired);

        for (StoreSort sort : StoreSort.values()) {
            List<UUID> whole = sorted(sort);
            assertThat(ids(algorithms.pagePublished(developer, null, null, sort, null, 500)))
                    .as("%s in one page", sort)
                    .isEqualTo(whole);
            for (int limit = 1; limit <= 4; limit++) {
                assertThat(pageThrough(developer, sort, limit, () -> {}))
                        .as("%s by %d", sort, limit)
                        .isEqualTo(whole);
            }
        }
    }

    @Test
    void givenAlgorithmsPublishedBetweenPages_whenPagedInEverySort_thenNoneRepeatedAndNoneSkipped() {
        for (StoreSort sort : StoreSort.values()) {
            UUID developer = developer();
            published.clear();
            for (int i = 0; i < 9; i++) {
                publish(developer);
            }
            List<UUID> before = sorted(sort);

            List<UUID> seen = pageThrough(developer, sort, 2, () -> {
                publish(developer);
                publish(developer);
            });

            // Those published while paging show when they sort after the page being read, and never twice.
            List<UUID> after = sorted(sort);
            assertThat(seen).as("%s", sort).doesNotHaveDuplicates().containsAll(before);
            assertThat(seen)
                    .as("%s in order", sort)
                    .isEqualTo(after.stream().filter(seen::contains).toList());
            assertThat(seen)
                    .as("%s: some published while paging were listed", sort)
                    .hasSizeGreaterThan(before.size());
        }
    }

    /** Every id of every page, following each page's last position; {@code betweenPages} runs before each next. */
    private static List<UUID> pageThrough(UUID developer, StoreSort sort, int limit, Runnable betweenPages) {
        List<UUID> seen = new ArrayList<>();
        StoreSort.Position after = null;
        for (int page = 0; page < 200; page++) {
            List<AlgorithmRepository.Listed> rows =
                    algorithms.pagePublished(developer, null, null, sort, after, limit + 1);
            seen.addAll(ids(rows.subList(0, Math.min(limit, rows.size()))));
            if (rows.size() <= limit) {
                return seen;
            }
            after = rows.get(limit - 1).position();
            betweenPages.run();
        }
        throw new AssertionError("more than 200 pages");
    }

    /** The published algorithms in {@code sort}'s order as promised; ids compare as PostgreSQL does (as text). */
    private List<UUID> sorted(StoreSort sort) {
        Comparator<Published> byId = Comparator.comparing(a -> a.id().toString());
        Comparator<Published> order = switch (sort) {
            case NEWEST -> Comparator.comparing(Published::createdAt).reversed();
            case PRICE -> Comparator.comparing(Published::price);
            case SEATS_LEFT ->
                Comparator.comparing((Published a) -> a.seatsLeft() == null ? Integer.MAX_VALUE : a.seatsLeft())
                        .reversed();
            case TRACK_RECORD ->
                Comparator.comparing(Published::returnPct, Comparator.nullsLast(Comparator.reverseOrder()));
        };
        return published.values().stream()
                .sorted(order.thenComparing(byId))
                .map(Published::id)
                .toList();
    }

    /**
     * A published algorithm with keys drawn from few values (so that every order has ties), and one of: no track
     * record, one without a trade yet, one whose first trade was not valued yet (return 0), or two valued days.
     */
    private UUID publish(UUID developer) {
        UUID id = UUID.randomUUID();
        OffsetDateTime createdAt = T0.plusMinutes(random.nextInt(4)).plusNanos(random.nextInt(2) * 1_000L);
        BigDecimal price = new BigDecimal(PRICES[random.nextInt(PRICES.length)]);
        Integer seatsTotal = random.nextInt(3) == 0 ? null : 1 + random.nextInt(3);
        int seatsTaken = seatsTotal == null ? random.nextInt(3) : random.nextInt(seatsTotal + 1);
        dsl.insertInto(ALGORITHMS)
                .set(ALGORITHMS.ID, id)
                .set(ALGORITHMS.DEVELOPER_ID, developer)
                .set(ALGORITHMS.NAME, "a-" + id)
                .set(ALGORITHMS.DESCRIPTION, "d")
                .set(ALGORITHMS.EXCHANGES, new String[] {"PAPER"})
                .set(ALGORITHMS.QUOTE_CURRENCY, "EUR")
                .set(ALGORITHMS.SYMBOLS, new String[] {"BTC/EUR"})
                .set(ALGORITHMS.PRICE_AMOUNT, price)
                .set(ALGORITHMS.PRICE_CURRENCY, "EUR")
                .set(ALGORITHMS.PERIOD_DAYS, 30)
                .set(ALGORITHMS.SEATS_TOTAL, seatsTotal)
                .set(ALGORITHMS.SEATS_TAKEN, seatsTaken)
                .set(ALGORITHMS.STATUS, AlgorithmStatus.PUBLISHED)
                .set(ALGORITHMS.CREATED_AT, createdAt)
                .execute();
        BigDecimal returnPct = trackRecord(id);
        published.put(
                id,
                new Published(id, createdAt, price, seatsTotal == null ? null : seatsTotal - seatsTaken, returnPct));
        return id;
    }

    /** Stores a random track record for the algorithm and answers the return it shows (null: none shown). */
    private BigDecimal trackRecord(UUID algorithm) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return null;
        }
        dsl.insertInto(TRACK_RECORDS)
                .set(TRACK_RECORDS.ALGORITHM_ID, algorithm)
                .set(TRACK_RECORDS.SINCE, kind == 1 ? null : DAY)
                .set(TRACK_RECORDS.PORTFOLIOS, kind == 1 ? 0 : 1)
                .set(TRACK_RECORDS.TRADES, kind == 1 ? 0 : 2)
                .set(TRACK_RECORDS.CLOSED_TRIPS, 0)
                .set(TRACK_RECORDS.WINNING_TRIPS, 0)
                .set(TRACK_RECORDS.COMPUTED_AT, T0)
                .execute();
        if (kind == 1) {
            return null;
        }
        if (kind == 2) {
            return BigDecimal.ZERO;
        }
        // The first day far above the last: only the last day's index is the return.
        BigDecimal last = new BigDecimal(INDEXES[random.nextInt(INDEXES.length)]);
        day(algorithm, DAY, new BigDecimal("150"));
        day(algorithm, DAY.plusDays(1), last);
        return last.subtract(new BigDecimal(100));
    }

    private static void day(UUID algorithm, LocalDate day, BigDecimal index) {
        dsl.insertInto(TRACK_RECORD_DAYS)
                .set(TRACK_RECORD_DAYS.ALGORITHM_ID, algorithm)
                .set(TRACK_RECORD_DAYS.DAY, day)
                .set(TRACK_RECORD_DAYS.INDEX_VALUE, index)
                .set(TRACK_RECORD_DAYS.PEAK, index.max(new BigDecimal(100)))
                .set(TRACK_RECORD_DAYS.MAX_DRAWDOWN, BigDecimal.ZERO)
                .execute();
    }

    private static UUID developer() {
        UUID developer = UUID.randomUUID();
        dsl.execute(
                "insert into users (id, email, username, username_key, password_hash, role, status, "
                        + "terms_accepted_at) values (?, ?, 'd', ?, 'x', 'DEVELOPER', 'VERIFIED', now())",
                developer,
                developer + "@x.io",
                developer.toString().substring(0, 30));
        return developer;
    }

    private static List<UUID> ids(List<AlgorithmRepository.Listed> rows) {
        return rows.stream().map(row -> row.algorithm().id()).toList();
    }
}
