package com.algomarket.activities.connections;

import static com.algomarket.activities.connections.CredentialKeysets.newPrivateKeyset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.activities.support.MockedPaperConnection;
import com.algomarket.db.connections.EncryptedCredentials;
import com.algomarket.workflows.connections.AssetBalance;
import com.algomarket.workflows.connections.KeyCheckFailure;
import com.algomarket.workflows.connections.KeyCheckInput;
import com.algomarket.workflows.connections.KeyCheckResult;
import com.algomarket.workflows.connections.KeyPermissions;
import com.algomarket.workflows.connections.LastPricesInput;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.exchange.ExchangeFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's answers to the API: the key opened here only, and an exchange's failure turned into a value. */
class ExchangeAccountActivitiesImplTest {

    private static final String KEYSET = newPrivateKeyset();

    private final CredentialCipher cipher = CredentialCipher.fromJsonKeysets(KEYSET, null);
    private final UUID connectionId = UUID.randomUUID();
    private final MockedPaperConnection paper = MockedPaperConnection.of(connectionId, UUID.randomUUID());
    private final CredentialVault vault = paper.vault();
    private final ExchangeGateway gateway = paper.gateway();
    private final ApiCredentials credentials = new ApiCredentials("key", "s".repeat(64), null);
    private final ExchangeAccountActivitiesImpl activities =
            new ExchangeAccountActivitiesImpl(paper.gateways(), vault, paper.connections());

    @BeforeEach
    void keysBeingCheckedOpenForReal() {
        // A key being checked is opened for real, as the worker does; stored keys come from the mocked vault.
        CredentialVault worker = new CredentialVault(Optional.of(cipher), paper.connections());
        when(vault.open(eq(connectionId), any(EncryptedCredentials.class)))
                .thenAnswer(call -> worker.open(call.getArgument(0), call.getArgument(1)));
    }

    @Test
    void givenSealedKey_whenChecked_thenOpenedForTheCallAndPermissionsAndAccountAnswered() {
        when(gateway.permissions(credentials))
                .thenReturn(new com.algomarket.activities.exchange.KeyPermissions(true, true, false));
        when(gateway.accountId(credentials)).thenReturn(Optional.of("4711"));

        KeyCheckResult result = activities.checkKey(sealed(Exchange.PAPER));

        assertThat(result).isEqualTo(KeyCheckResult.permitted(new KeyPermissions(true, true, false), "4711"));
    }

    @Test
    void givenExchangeThatNamesNoAccount_whenChecked_thenPermissionsWithoutAccount() {
        when(gateway.permissions(credentials))
                .thenReturn(new com.algomarket.activities.exchange.KeyPermissions(true, true, null));
        when(gateway.accountId(credentials)).thenReturn(Optional.empty());

        assertThat(activities.checkKey(sealed(Exchange.PAPER)))
                .isEqualTo(KeyCheckResult.permitted(new KeyPermissions(true, true, null), null));
    }

    @Test
    void givenKeyTheExchangeRefuses_whenChecked_thenInvalidCredentials() {
        when(gateway.permissions(any())).thenThrow(new ExchangeCallException(ExchangeFailure.AUTH, "bad signature"));

        KeyCheckResult result = activities.checkKey(sealed(Exchange.PAPER));

        assertThat(result.failure()).isEqualTo(KeyCheckFailure.INVALID_CREDENTIALS);
        assertThat(result.detail()).contains("bad signature");
    }

    @Test
    void givenExchangeTimingOut_whenChecked_thenUnavailableNamingTheFailure() {
        when(gateway.permissions(any())).thenThrow(new ExchangeCallException(ExchangeFailure.UNKNOWN, "read timeout"));

        assertThat(activities.checkKey(sealed(Exchange.PAPER)))
                .isEqualTo(KeyCheckResult.failed(KeyCheckFailure.EXCHANGE_UNAVAILABLE, "UNKNOWN"));
    }

    @Test
    void givenExchangeWithoutGateway_whenChecked_thenNotConfigured() {
        assertThat(activities.checkKey(sealed(Exchange.KRAKEN)).failure())
                .isEqualTo(KeyCheckFailure.EXCHANGE_NOT_CONFIGURED);
    }

    @Test
    void givenStoredConnection_whenBalancesRead_thenAnsweredOrUnavailableWithTheReason() {
        when(vault.open(connectionId)).thenReturn(credentials);
        when(gateway.balances(credentials))
                .thenReturn(List.of(new Balance("EUR", new BigDecimal("900"), new BigDecimal("100"))))
                .thenThrow(new ExchangeCallException(ExchangeFailure.RATE_LIMITED, "429"));

        assertThat(activities.balances(connectionId.toString()).balances())
                .containsExactly(new AssetBalance("EUR", new BigDecimal("900"), new BigDecimal("100")));
        assertThat(activities.balances(connectionId.toString()).unavailable()).isEqualTo("RATE_LIMITED");
    }

    @Test
    void givenConnectionWhoseKeyIsGone_whenPricesRead_thenUnavailableRatherThanAFailure() {
        when(vault.open(connectionId)).thenThrow(new NoSuchElementException("No connection"));

        assertThat(activities
                        .lastPrices(new LastPricesInput(connectionId.toString(), List.of("BTC/EUR")))
                        .unavailable())
                .isEqualTo("NO_KEY");
    }

    @Test
    void givenOneUnknownSymbol_whenPricesRead_thenTheOthersAreStillAnswered() {
        when(vault.open(connectionId)).thenReturn(credentials);
        when(gateway.lastPrice(credentials, "BTC/EUR")).thenReturn(new BigDecimal("62000"));
        when(gateway.lastPrice(credentials, "XYZ/EUR"))
                .thenThrow(new ExchangeCallException(ExchangeFailure.REJECTED, "unknown symbol"));

        var prices = activities.lastPrices(new LastPricesInput(connectionId.toString(), List.of("BTC/EUR", "XYZ/EUR")));

        assertThat(prices.prices()).isEqualTo(Map.of("BTC/EUR", new BigDecimal("62000")));
        assertThat(prices.unavailable()).isEqualTo("REJECTED");
    }

    /** What the API sends: the key sealed with the same keyset, bound to the new connection id. */
    private KeyCheckInput sealed(Exchange exchange) {
        return new KeyCheckInput(
                connectionId.toString(),
                exchange,
                cipher.encrypt(credentials.apiKey(), connectionId, EncryptedCredentials.API_KEY_COLUMN),
                cipher.encrypt(credentials.secret(), connectionId, EncryptedCredentials.API_SECRET_COLUMN),
                null);
    }
}
