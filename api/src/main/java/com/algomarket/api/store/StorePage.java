package com.algomarket.api.store;

import com.algomarket.api.problem.ApiProblem;
import java.util.List;
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
}
