package com.algomarket.activities.exchange.transport;

/**
 * XChange (through rescu) and stripe-java talk through the JDK's HttpURLConnection, which by default sends a POST a
 * second time when the first attempt's connection breaks before an answer arrives: a second order nobody asked for,
 * the duplicate that Binance does not catch once the first order has filled (BinanceGatewayPaperTest shows it).
 * Orders must go out once; Temporal decides about retries after looking the order up by its client order id.
 *
 * <p>The JDK reads the property once, when HttpURLConnection's client class initialises, so it is set before any bean
 * exists (SinglePostTransportSetup) and again by every XChange gateway before its first call.
 */
public final class SinglePostTransport {

    private SinglePostTransport() {}

    public static void ensure() {
        System.setProperty("sun.net.http.retryPost", "false");
    }
}
