package com.algomarket.activities.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.exchange.transport.Hmac;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The venue's WebSocket API checks signatures the way web-socket-api.md "SIGNED request example (HMAC)" computes them. */
class BinanceWebSocketApiTest {

    @Test
    void givenTheDocumentedExample_whenPayloadSigned_thenTheDocumentedSignature() throws Exception {
        String params = """
                {"symbol": "BTCUSDT", "side": "SELL", "type": "LIMIT", "timeInForce": "GTC",
                 "quantity": "0.01000000", "price": "52000.00", "recvWindow": 100, "timestamp": 1645423376532,
                 "apiKey": "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                 "signature": "------ FILL ME ------"}
                """;

        String payload = BinanceWebSocketApi.signaturePayload(new ObjectMapper().readTree(params));

        assertThat(payload)
                .isEqualTo("apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00"
                        + "&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC"
                        + "&timestamp=1645423376532&type=LIMIT");
        assertThat(Hmac.sha256Hex("NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", payload))
                .isEqualTo("aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24");
    }

    @Test
    void givenDuplicateOnARestEndpoint_whenAdded_thenRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new PaperFaults.Fault("POST /api/v3/order", PaperFaults.Kind.DUPLICATE, 1, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
