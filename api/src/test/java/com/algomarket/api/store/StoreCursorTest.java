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
    void givenSortNames_whenParsed_thenKnownOnesOnly_andAnyOther400InvalidParameter() {
        assertThat(StoreService.sort(null)).isEqualTo(StoreSort.NEWEST);
        assertThat(StoreService.sort("newest")).isEqualTo(StoreSort.NEWEST);
        assertThat(StoreService.sort("price")).isEqualTo(StoreSort.PRICE);
        assertThat(StoreService.sort("seatsLeft")).isEqualTo(StoreSort.SEATS_LEFT);
        assertThat(StoreService.sort("trackRecord")).isEqualTo(StoreSort.TRACK_RECORD);
        assertThat(StoreService.sort("track_record")).isEqualTo(StoreSort.TRACK_RECORD);
        for (String bad : new String[] {"rating", "price,desc", "-price"}) {
            assertThatThrownBy(() -> StoreService.sort(bad)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
                assertThat(problem.status().value()).isEqualTo(400);
                assertThat(problem.type()).isEqualTo("invalid-parameter");
                assertThat(problem.errors())
                        .extracting(ApiProblem.FieldError::field)
                        .containsExactly("sort");
            });
        }
    }

    @Test
    void givenATrackRecordPositionWithoutARecord_whenEncodedAndDecoded_thenTheSame() {
        StoreSort.Position position = new StoreSort.Position("none", UUID.randomUUID());

        String cursor = StoreCursor.encode(StoreSort.TRACK_RECORD, position);

        assertThat(StoreCursor.decode(cursor, StoreSort.TRACK_RECORD)).isEqualTo(position);
        assertThatThrownBy(() -> StoreCursor.decode(cursor, StoreSort.SEATS_LEFT))
                .isInstanceOfSatisfying(
                        ApiProblem.class, problem -> assertThat(problem.type()).isEqualTo("invalid-cursor"));
    }

    @Test
    void givenALimitOutside1To500_whenParsed_then400InvalidParameter() {
        assertThat(StorePage.limit(null)).isEqualTo(50);
        assertThat(StorePage.limit(500)).isEqualTo(500);
        for (int bad : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> StorePage.limit(bad)).isInstanceOfSatisfying(ApiProblem.class, problem -> {
                assertThat(problem.status().value()).isEqualTo(400);
                assertThat(problem.type()).isEqualTo("invalid-parameter");
            });
        }
    }
}
