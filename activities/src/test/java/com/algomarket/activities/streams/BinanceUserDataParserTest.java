package com.algomarket.activities.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.Balance;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The payloads of binance-spot-api-docs user-data-stream.md and web-socket-api.md, as the docs print them. */
class BinanceUserDataParserTest {

    /** user-data-stream.md "Order Update", with a trade filled in (x TRADE, t, l, L, n, N). */
    private static final String EXECUTION_REPORT = """
            {
                "subscriptionId": 0,
                "event": {
                    "e": "executionReport", "E": 1499405658658, "s": "ETHBTC", "c": "mUvoqJxFIILMdfAW5iGSOW",
                    "S": "BUY", "o": "LIMIT", "f": "GTC", "q": "1.00000000", "p": "0.10264410", "P": "0.00000000",
                    "F": "0.00000000", "g": -1, "C": "", "x": "TRADE", "X": "PARTIALLY_FILLED", "r": "NONE",
                    "i": 4293153, "l": "0.40000000", "z": "0.40000000", "L": "0.10264410", "n": "0.00041058",
                    "N": "BNB", "T": 1499405658657, "t": 12345, "v": 3, "I": 8641984, "w": true, "m": false,
                    "M": false, "O": 1499405658657, "Z": "0.04105764", "Y": "0.04105764", "Q": "0.00000000",
                    "W": 1499405658657, "V": "NONE"
                }
            }
            """;

    @Test
    void givenTradeExecutionReport_whenParsed_thenTradeQuantityPriceFeeAndStatus() {
        AccountEvent.Execution execution = (AccountEvent.Execution)
                BinanceUserDataParser.parse(EXECUTION_REPORT).orElseThrow();

        assertThat(execution.isTrade()).isTrue();
        assertThat(execution.tradeId()).isEqualTo("12345");
        assertThat(execution.symbol()).isEqualTo("ETHBTC");
        assertThat(execution.clientOrderId()).isEqualTo("mUvoqJxFIILMdfAW5iGSOW");
        assertThat(execution.exchangeOrderId()).isEqualTo("4293153");
        assertThat(execution.side()).isEqualTo("BUY");
        assertThat(execution.orderStatus()).isEqualTo("PARTIALLY_FILLED");
        assertThat(execution.quantity()).isEqualByComparingTo("0.4");
        assertThat(execution.price()).isEqualByComparingTo("0.10264410");
        assertThat(execution.cumulativeQuantity()).isEqualByComparingTo("0.4");
        assertThat(execution.fee()).isEqualByComparingTo("0.00041058");
        assertThat(execution.feeAsset()).isEqualTo("BNB");
        assertThat(execution.transactionTime()).isEqualTo(Instant.ofEpochMilli(1499405658657L));
        assertThat(execution.source()).isEqualTo(AccountEvent.Source.STREAM);
    }

    /** user-data-stream.md "Order Update" exactly as printed: a NEW order, no trade (t -1, N null). */
    @Test
    void givenNewOrderReport_whenParsed_thenNoTrade() {
        String report = EXECUTION_REPORT
                .replace("\"x\": \"TRADE\"", "\"x\": \"NEW\"")
                .replace("\"X\": \"PARTIALLY_FILLED\"", "\"X\": \"NEW\"")
                .replace("\"t\": 12345", "\"t\": -1")
                .replace("\"N\": \"BNB\"", "\"N\": null");

        AccountEvent.Execution execution =
                (AccountEvent.Execution) BinanceUserDataParser.parse(report).orElseThrow();

        assertThat(execution.isTrade()).isFalse();
        assertThat(execution.executionType()).isEqualTo("NEW");
        assertThat(execution.feeAsset()).isNull();
    }

    /** web-socket-api.md "Event format". */
    @Test
    void givenOutboundAccountPosition_whenParsed_thenBalancesAsOfLastUpdate() {
        String event = """
                {"subscriptionId": 0, "event": {"e": "outboundAccountPosition", "E": 1728972148778,
                 "u": 1728972148778, "B": [{"a": "BTC", "f": "11818.00000000", "l": "182.00000000"},
                 {"a": "USDT", "f": "10580.00000000", "l": "70.00000000"}]}}
                """;

        AccountEvent.Balances balances =
                (AccountEvent.Balances) BinanceUserDataParser.parse(event).orElseThrow();

        assertThat(balances.balances())
                .containsExactly(
                        new Balance("BTC", new BigDecimal("11818.00000000"), new BigDecimal("182.00000000")),
                        new Balance("USDT", new BigDecimal("10580.00000000"), new BigDecimal("70.00000000")));
        assertThat(balances.updatedAt()).isEqualTo(Instant.ofEpochMilli(1728972148778L));
    }

    @Test
    void givenTerminationOrAnswerOrOtherEvent_whenParsed_thenEndOrNothing() {
        assertThat(BinanceUserDataParser.parse(
                        "{\"subscriptionId\": 0, \"event\": {\"e\": \"eventStreamTerminated\", \"E\": 1728973001334}}"))
                .containsInstanceOf(AccountEvent.Terminated.class);
        assertThat(BinanceUserDataParser.parse(
                        "{\"id\": \"d3df8a22\", \"status\": 200, \"result\": {\"subscriptionId\": 0}}"))
                .isEmpty();
        assertThat(BinanceUserDataParser.parse(
                        "{\"subscriptionId\": 0, \"event\": {\"e\": \"balanceUpdate\", \"E\": 1573200697110,"
                                + " \"a\": \"BTC\", \"d\": \"100.00000000\", \"T\": 1573200697068}}"))
                .isEmpty();
    }

    /** web-socket-api.md "SIGNED request example (HMAC)": the documented key, secret and payload ordering. */
    @Test
    void givenDocumentedKeys_whenSubscribeSigned_thenSignatureOverSortedParams() {
        ApiCredentials key = new ApiCredentials(
                "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
                null);

        String request = BinanceAccountStream.subscribeRequest("id-1", key, 1645423376532L);

        String expected = com.algomarket.activities.exchange.transport.Hmac.sha256Hex(
                key.secret(), "apiKey=" + key.apiKey() + "&recvWindow=10000&timestamp=1645423376532");
        assertThat(request)
                .contains("\"method\":\"userDataStream.subscribe.signature\"")
                .contains("\"signature\":\"" + expected + "\"")
                .doesNotContain(key.secret());
    }
}
