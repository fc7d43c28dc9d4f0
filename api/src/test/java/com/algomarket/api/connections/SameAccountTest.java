package com.algomarket.api.connections;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameAccountTest {

    @ParameterizedTest(name = "connection account {0}, new key account {1}: {2}")
    @CsvSource(
            nullValues = "-",
            value = {
                "4711, 4711, SAME, true",
                "4711, 4712, OTHER, false",
                "4711, -, UNVERIFIABLE, false",
                "-, 4711, UNVERIFIABLE, false",
                "-, -, NOT_NAMED, true"
            })
    void givenTheAccountIdentifiers_whenCompared_thenOnlyTheSameOrAnUnnamedAccountIsAccepted(
            String connectionAccount, String newKeyAccount, SameAccount expected, boolean accepted) {
        SameAccount verdict = SameAccount.of(connectionAccount, newKeyAccount);

        assertThat(verdict).isEqualTo(expected);
        assertThat(verdict.accepted()).isEqualTo(accepted);
    }
}
