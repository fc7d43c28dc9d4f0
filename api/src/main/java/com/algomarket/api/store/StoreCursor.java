package com.algomarket.api.store;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.store.StoreSort;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * The opaque {@code cursor} of a store page: where the previous page ended in its sort order. Opaque to clients, but
 * not secret: it names only a public sort key and algorithm id. A cursor of another sort, or one that does not decode,
 * answers 400. Other keyset-paged lists (a user's purchases) use it with their own order's name.
 */
public final class StoreCursor {

    private static final String VERSION = "1";

    private StoreCursor() {}

    static String encode(StoreSort sort, StoreSort.Position position) {
        return encode(sort.name(), position);
    }

    static StoreSort.Position decode(String cursor, StoreSort sort) {
        return decode(cursor, sort.name());
    }

    /** The cursor after {@code position} in the list ordered by {@code order}. */
    public static String encode(String order, StoreSort.Position position) {
        String plain =
                String.join("|", VERSION, order, position.key(), position.id().toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor of the list ordered by {@code order} names; 400 for any other. */
    public static StoreSort.Position decode(String cursor, String order) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw invalid("This cursor is not one of ours.");
            }
            if (!order.equals(parts[1])) {
                throw invalid("This cursor belongs to a list sorted by " + parts[1] + "; keep the sort while paging.");
            }
            return new StoreSort.Position(parts[2], UUID.fromString(parts[3]));
        } catch (IllegalArgumentException e) {
            throw invalid("This cursor is not one of ours.");
        }
    }

    public static ApiProblem invalid(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-cursor", "Invalid cursor", detail);
    }
}
