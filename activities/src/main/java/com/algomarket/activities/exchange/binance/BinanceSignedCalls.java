package com.algomarket.activities.exchange.binance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import org.knowm.xchange.binance.dto.BinanceException;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * The two signed Binance calls that XChange 5.2.4 lacks, declared the way XChange declares its own so that they run
 * through the same rescu client, the same {@code BinanceHmacDigest} and the same error type.
 *
 * <ul>
 *   <li>XChange's {@code orderStatus} takes {@code orderId} as a primitive {@code long}, so it cannot ask for an order
 *       by {@code origClientOrderId} alone, which is exactly the lookup that must follow an UNKNOWN outcome.</li>
 *   <li>It has no call for the key's API restrictions, which is where Binance says whether a key may withdraw.</li>
 *   <li>Its account information has no {@code uid}, the account's identifier that a rotated key must share.</li>
 * </ul>
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public interface BinanceSignedCalls {

    String API_KEY_HEADER = "X-MBX-APIKEY";

    @GET
    @Path("api/v3/order")
    BinanceOrder orderByClientOrderId(
            @QueryParam("symbol") String symbol,
            @QueryParam("origClientOrderId") String origClientOrderId,
            @QueryParam("recvWindow") Long recvWindow,
            @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
            @HeaderParam(API_KEY_HEADER) String apiKey,
            @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;

    @GET
    @Path("sapi/v1/account/apiRestrictions")
    ApiRestrictions apiRestrictions(
            @QueryParam("recvWindow") Long recvWindow,
            @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
            @HeaderParam(API_KEY_HEADER) String apiKey,
            @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;

    @GET
    @Path("api/v3/account")
    AccountUid account(
            @QueryParam("omitZeroBalances") boolean omitZeroBalances,
            @QueryParam("recvWindow") Long recvWindow,
            @QueryParam("timestamp") SynchronizedValueFactory<Long> timestamp,
            @HeaderParam(API_KEY_HEADER) String apiKey,
            @QueryParam("signature") ParamsDigest signature)
            throws IOException, BinanceException;

    /**
     * {@code GET /api/v3/ticker/price?symbol=}: public, unsigned. Here because XChange 5.2.4's {@code tickerPrice}
     * fetches every symbol's price and maps each to a currency pair through the metadata remote init loads (off here):
     * it fails with a NullPointerException.
     */
    @GET
    @Path("api/v3/ticker/price")
    TickerPrice tickerPrice(@QueryParam("symbol") String symbol) throws IOException, BinanceException;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TickerPrice(String symbol, java.math.BigDecimal price) {}

    /** {@code GET /api/v3/ticker/bookTicker?symbol=}: public, unsigned; the best bid and ask of the book. */
    @GET
    @Path("api/v3/ticker/bookTicker")
    BookTicker bookTicker(@QueryParam("symbol") String symbol) throws IOException, BinanceException;

    /** The best ask and bid; Binance answers 0 for a side of the book that is empty. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BookTicker(String symbol, java.math.BigDecimal bidPrice, java.math.BigDecimal askPrice) {}

    /** The part of {@code GET /api/v3/account} we read for a key's account: its uid (absent: null). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountUid(Long uid) {}

    /** The part of {@code GET /sapi/v1/account/apiRestrictions} we read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiRestrictions(boolean enableReading, boolean enableSpotAndMarginTrading, boolean enableWithdrawals) {}
}
