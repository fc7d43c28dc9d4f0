package com.algomarket.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.store.StoreSort;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StoreCursorTest {

    @Test
    void givenAPosition_whenEncodedAndDecoded_thenTheSame() {
        StoreSort.Position position = new StoreSort.Position("2026-11-30T04:00:00.123456Z", UUID.randomUUID());

        String cursor = StoreCursor.encode(StoreSort.NEWEST, position);

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(StoreCursor.decode(cursor, StoreSort.NEWEST)).isEqualTo(position);
    }

    @Test
    void givenACursorOfAnotherSortOrGarbage_whenDecoded_then400InvalidCursor() {
        String priceCursor = StoreCursor.encode(StoreSort.PRICE, new StoreSort.Position("9.5", UUID.randomUUID()));

        for (String cursor : new String[] {priceCursor, "not a cursor", "MXxORVdFU1R8eHx5"}) {
            assertThatThrownBy(() -> StoreCursor.decode(cursor, StoreSort.NEWEST))
                    .isInstanceOfSatisfying(ApiProblem.class, problem -> {
                        assertThat(problem.status().value()).isEqualTo(400);
                        assertThat(problem.type()).isEqualTo("invalid-cursor");
                    });
        }
    }

    @Test
    void givenSortNames_whenParsed_thenKnownOnesOnly() {
        assertThat(StoreService.sort(null)).isEqualTo(StoreSort.NEWEST);
        assertThat(StoreService.sort("price")).isEqualTo(StoreSort.PRICE);
        assertThat(StoreService.sort("seatsLeft")).isEqualTo(StoreSort.SEATS_LEFT);
        assertThatThrownBy(() -> StoreService.sort("rating")).isInstanceOf(ApiProblem.class);
    }
}
