package com.algomarket.api.developers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.signals.SignalsController.SignalRequest;
import com.algomarket.db.developers.SignalHook;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class HookAlertTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final List<String> SYMBOLS = List.of("BTC/EUR", "ETH/EUR");
    private static final SignalHook NO_DEFAULT = hook(null, null);

    private static SignalHook hook(BigDecimal fraction, BigDecimal quantity) {
        return new SignalHook(UUID.randomUUID(), UUID.randomUUID(), fraction, quantity, OffsetDateTime.now());
    }

    private static SignalRequest read(String alert, SignalHook hook) {
        JsonNode node = JSON.readTree(alert);
        return HookAlert.read(node, SYMBOLS, hook);
    }

    @Test
    void givenATradingViewAlert_whenRead_thenLenientSpellingsBecomeTheSignal() {
        SignalRequest request = read("""
                {"symbol":"BINANCE:btceur","side":"buy","sizing":{"portfolioFraction":0.10},"time":"2026-11-30T04:00Z"}""", NO_DEFAULT);

        assertThat(request.symbol()).isEqualTo("BTC/EUR");
        assertThat(request.side()).isEqualTo(Side.BUY);
        assertThat(request.type()).isEqualTo(OrderType.MARKET);
        assertThat(request.sizing().portfolioFraction()).isEqualByComparingTo("0.1");
    }

    @Test
    void givenNoSizing_whenTheHookHasADefault_thenTheDefaultApplies() {
        SignalRequest request = read("{\"symbol\":\"ETH-EUR\",\"side\":\"SELL\"}", hook(null, new BigDecimal("0.5")));

        assertThat(request.symbol()).isEqualTo("ETH/EUR");
        assertThat(request.sizing().quantity()).isEqualByComparingTo("0.5");
        assertThat(request.sizing().portfolioFraction()).isNull();
    }

    @Test
    void givenBadFields_whenRead_thenOneProblemNamingEach() {
        assertThatThrownBy(() -> read(
                        "{\"side\":\"hold\",\"type\":\"ICEBERG\",\"limitPrice\":\"cheap\",\"timeoutSeconds\":1.5}",
                        NO_DEFAULT))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        problem -> assertThat(problem.errors())
                                .extracting(ApiProblem.FieldError::field)
                                .containsExactlyInAnyOrder("symbol", "side", "type", "limitPrice", "timeoutSeconds"));
        assertThatThrownBy(() -> read("[1,2]", NO_DEFAULT)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void givenTheSameSignalSpelledTwoWays_whenCanonical_thenEqual_andAnotherSignalDiffers() {
        String first = HookAlert.canonical(read(
                "{\"symbol\":\"BTC/EUR\",\"side\":\"BUY\",\"sizing\":{\"portfolioFraction\":\"0.10\"}}", NO_DEFAULT));
        String second = HookAlert.canonical(read(
                "{ \"sizing\": {\"portfolioFraction\": 0.1}, \"side\": \"buy\", \"symbol\": \"BTCEUR\" }", NO_DEFAULT));
        String sell = HookAlert.canonical(read(
                "{\"symbol\":\"BTC/EUR\",\"side\":\"SELL\",\"sizing\":{\"portfolioFraction\":\"0.1\"}}", NO_DEFAULT));

        assertThat(first).isEqualTo(second).isEqualTo("BTC/EUR|BUY|MARKET|0.1|||||");
        assertThat(sell).isNotEqualTo(first);
    }

    @Test
    void givenAStopLimitAlert_whenRead_thenItsStopAndLimitPrices() {
        SignalRequest request = read("""
                {"symbol":"BTCEUR","side":"sell","type":"stop_limit","sizing":{"quantity":"0.01"},
                 "stopPrice":55000,"limitPrice":"54500.5"}""", NO_DEFAULT);

        assertThat(request.type()).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(request.stopPrice()).isEqualByComparingTo("55000");
        assertThat(request.limitPrice()).isEqualByComparingTo("54500.5");
        assertThat(request.trailingPct()).isNull();
        assertThat(request.trailingAmount()).isNull();
        assertThat(request.activationPrice()).isNull();
    }

    @Test
    void givenATrailingStopAlert_whenRead_thenItsDistanceAndActivationPrice() {
        SignalRequest byPct = read("""
                {"symbol":"BTC/EUR","side":"SELL","type":"trailing_stop","sizing":{"quantity":"0.01"},
                 "trailingPct":0.02,"activationPrice":"61000"}""", NO_DEFAULT);
        SignalRequest byAmount = read("""
                {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","trailingAmount":"300"}""", hook(new BigDecimal("0.5"), null));

        assertThat(byPct.type()).isEqualTo(OrderType.TRAILING_STOP);
        assertThat(byPct.trailingPct()).isEqualByComparingTo("0.02");
        assertThat(byPct.trailingAmount()).isNull();
        assertThat(byPct.activationPrice()).isEqualByComparingTo("61000");
        assertThat(byAmount.trailingAmount()).isEqualByComparingTo("300");
        assertThat(byAmount.trailingPct()).isNull();
        assertThat(byAmount.sizing().portfolioFraction()).isEqualByComparingTo("0.5");
    }

    @Test
    void givenTrailingFieldsThatAreNoNumbers_whenRead_thenOneProblemNamingEach() {
        assertThatThrownBy(() -> read("""
                        {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","sizing":{"quantity":"0.01"},
                         "trailingPct":"2%","trailingAmount":"far","activationPrice":"soon"}""", NO_DEFAULT))
                .isInstanceOfSatisfying(
                        ApiProblem.class,
                        problem -> assertThat(problem.errors())
                                .extracting(ApiProblem.FieldError::field)
                                .containsExactlyInAnyOrder("trailingPct", "trailingAmount", "activationPrice"));
    }

    @Test
    void
            givenTrailingStopsThatDifferOnlyInTheirDistance_whenCanonical_thenTheyDiffer_andTheSameOneSpelledTwoWaysIsEqual() {
        String twoPct = HookAlert.canonical(read("""
                {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","sizing":{"quantity":"0.01"},
                 "trailingPct":"0.020"}""", NO_DEFAULT));
        String twoPctAgain = HookAlert.canonical(read("""
                {"type":"trailing_stop","trailingPct":0.02,"side":"sell","symbol":"BTCEUR",
                 "sizing":{"quantity":0.01}}""", NO_DEFAULT));
        String threePct = HookAlert.canonical(read("""
                {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","sizing":{"quantity":"0.01"},
                 "trailingPct":"0.03"}""", NO_DEFAULT));
        String activated = HookAlert.canonical(read("""
                {"symbol":"BTC/EUR","side":"SELL","type":"TRAILING_STOP","sizing":{"quantity":"0.01"},
                 "trailingPct":"0.02","activationPrice":"61000"}""", NO_DEFAULT));

        assertThat(twoPct).isEqualTo(twoPctAgain).isEqualTo("BTC/EUR|SELL|TRAILING_STOP||0.01|||||0.02||");
        assertThat(threePct).isNotEqualTo(twoPct);
        assertThat(activated).isNotEqualTo(twoPct);
    }

    @Test
    void givenASymbolTheAlgorithmDoesNotTrade_whenMatched_thenKeptAsSentForTheSignalCheckToRefuse() {
        assertThat(HookAlert.symbolOf("dogeeur", SYMBOLS)).isEqualTo("DOGEEUR");
    }
}
