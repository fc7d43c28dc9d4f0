package com.algomarket.api.store;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.store.StoreSort;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** A page of a list: its items and the cursor of the next page (null on the last page). */
public record StorePage<T>(List<T> items, String nextCursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    /**
     * The page size a client asked for: 1..500, 50 when it asked for none; anything else answers 400
     * {@code invalid-parameter}, as every list's query parameters do.
     */
    public static int limit(Integer requested) {
        int limit = requested == null ? DEFAULT_LIMIT : requested;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalidParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /**
     * The page of {@code rows}, read with one row more than {@code limit}: that row tells whether a next page exists
     * without a second query; the next cursor is the last item's.
     */
    public static <T> StorePage<T> of(List<T> rows, int limit, Function<T, String> cursorAfter) {
        if (rows.size() <= limit) {
            return new StorePage<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new StorePage<>(items, cursorAfter.apply(items.getLast()));
    }

    /** The same page with each item mapped, and the same next cursor. */
    public <R> StorePage<R> map(Function<T, R> mapper) {
        return new StorePage<>(items.stream().map(mapper).toList(), nextCursor);
    }

    /**
     * Reads up to {@code rows} rows of a list ordered newest first (by creation time, then id), after the row created
     * at {@code afterCreatedAt} with id {@code afterId}, or from the newest when both are null.
     */
    @FunctionalInterface
    public interface NewestFirst<T> {
        List<T> read(OffsetDateTime afterCreatedAt, UUID afterId, int rows);
    }

    /**
     * A page of a list ordered newest first, whose cursors carry the last item's creation time and id and the list's
     * {@code order} name: {@code limit} as {@link #limit}, {@code cursor} the previous page's (null or blank for the
     * first); a cursor of another list or one that does not decode answers 400 {@code invalid-cursor}.
     */
    public static <T> StorePage<T> newestFirst(
            String order,
            Integer limit,
            String cursor,
            NewestFirst<T> list,
            Function<T, OffsetDateTime> createdAt,
            Function<T, UUID> id) {
        int size = limit(limit);
        StoreSort.Position after = cursor == null || cursor.isBlank() ? null : StoreCursor.decode(cursor, order);
        List<T> rows;
        try {
            rows = list.read(
                    after == null ? null : OffsetDateTime.parse(after.key()),
                    after == null ? null : after.id(),
                    size + 1);
        } catch (DateTimeParseException badKey) {
            throw StoreCursor.invalid("This cursor is not one of ours.");
        }
        return of(
                rows,
                size,
                last -> StoreCursor.encode(
                        order, new StoreSort.Position(createdAt.apply(last).toString(), id.apply(last))));
    }
}
