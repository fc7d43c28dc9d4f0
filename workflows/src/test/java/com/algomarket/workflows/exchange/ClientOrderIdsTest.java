package com.algomarket.workflows.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientOrderIdsTest {

    private static final String KEY = "order-5f0c2b7e-3c1f-4a8e-9d0b-1e2f3a4b5c6d-0b9c8d7e-6f5a-4b3c-2d1e-0f9a8b7c6d5e";

    @Test
    void givenSameBusinessKey_whenDerivedTwice_thenSameId() {
        assertThat(ClientOrderIds.forBusinessKey(KEY)).isEqualTo(ClientOrderIds.forBusinessKey(KEY));
    }

    @Test
    void givenKnownKey_whenDerived_thenIdIsStableAcrossReleases() {
        // Pinned (and computed independently in Python): changing the derivation would make the lookup after an
        // unknown outcome miss the orders already at the exchange.
        assertThat(ClientOrderIds.forBusinessKey("order-p1-s1")).isEqualTo("a1a0c0de-dc4f-8944-aa85-b5b662ea08b5");
    }

    @Test
    void givenManyKeys_whenDerived_thenAllDistinctAndValidOnEveryExchange() {
        Set<String> ids = new HashSet<>();
        IntStream.range(0, 100_000).forEach(i -> {
            String id = ClientOrderIds.forBusinessKey("order-" + UUID.randomUUID() + "-" + i);
            assertThat(id)
                    .hasSize(36)
                    .matches("[A-Za-z0-9._:/-]{1,36}") // Binance
                    .matches("[A-Za-z0-9_-]{1,40}"); // KuCoin
            assertThat(UUID.fromString(id).toString()).isEqualTo(id); // Kraken cl_ord_id, Bitvavo clientOrderId
            assertThat(ClientOrderIds.isOurs(id)).isTrue();
            ids.add(id);
        });
        assertThat(ids).hasSize(100_000);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "manual-order-1",
                "x-abc",
                "9b2f6a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
                "a1a0c0de-dc4f-4944-aa85-b5b662ea08b5",
                "a1a0c0de-dc4f-8944-aa85-b5b662ea08b",
                "A1A0C0DE-DC4F-8944-AA85-B5B662EA08B5"
            })
    void givenSomeoneElsesId_whenChecked_thenNotOurs(String clientOrderId) {
        assertThat(ClientOrderIds.isOurs(clientOrderId)).isFalse();
    }

    @Test
    void givenNoBusinessKey_whenDerived_thenRefused() {
        assertThatThrownBy(() -> ClientOrderIds.forBusinessKey(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
