package com.algomarket.activities.exchange.kraken;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.knowm.xchange.kraken.dto.KrakenResult;
import org.knowm.xchange.kraken.dto.marketdata.KrakenAsset;
import org.knowm.xchange.kraken.dto.trade.KrakenOrderDescription;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * The Kraken calls that XChange 5.2.2 lacks or declares in a way we cannot use, declared the way its
 * {@code KrakenAuthenticated} is so that they sign with the same {@code KrakenDigest} and answer in its
 * {@link KrakenResult} envelope.
 *
 * <ul>
 *   <li>{@code OpenOrders} and {@code ClosedOrders} with {@code cl_ord_id}: XChange's declarations carry only
 *       {@code userref}, and {@code QueryOrders} needs a Kraken txid, so these two are the lookup by client order
 *       id. XChange's {@code KrakenOrder} also drops {@code cl_ord_id}, which {@link OrderInfo} keeps.</li>
 *   <li>{@code BalanceEx}: {@code Balance} has no amounts held by open orders.</li>
 *   <li>{@code GetApiKeyInfo}: the key's permissions, which XChange does not read.</li>
 *   <li>The public {@code AssetPairs} and {@code Assets}: XChange declares their filters as form parameters of a
 *       GET, and its {@code KrakenAssetPair} lacks {@code tick_size}, {@code costmin} and {@code status}.</li>
 * </ul>
 */
@Path("0")
@Produces(MediaType.APPLICATION_JSON)
public interface KrakenSignedCalls {

    // The private calls take only the nonce: API-Key and API-Sign come from the key's proxy (KrakenCalls#signed),
    // and the nonce, a parameter, is what rescu locks while it signs and sends.

    String API_KEY = "API-Key";
    String API_SIGN = "API-Sign";

    @POST
    @Path("private/BalanceEx")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Answer<Map<String, BalanceEx>> balanceEx(@FormParam("nonce") SynchronizedValueFactory<Long> nonce)
            throws IOException;

    /** Open orders; {@code clientOrderId} null for all of them. */
    @POST
    @Path("private/OpenOrders")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Answer<OpenOrders> openOrders(
            @FormParam("cl_ord_id") String clientOrderId, @FormParam("nonce") SynchronizedValueFactory<Long> nonce)
            throws IOException;

    @POST
    @Path("private/ClosedOrders")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Answer<ClosedOrders> closedOrders(
            @FormParam("cl_ord_id") String clientOrderId, @FormParam("nonce") SynchronizedValueFactory<Long> nonce)
            throws IOException;

    /** Orders by Kraken txid (comma-separated); {@code trades} adds the ids of their trades. */
    @POST
    @Path("private/QueryOrders")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Answer<Map<String, OrderInfo>> queryOrders(
            @FormParam("txid") String txids,
            @FormParam("trades") boolean trades,
            @FormParam("nonce") SynchronizedValueFactory<Long> nonce)
            throws IOException;

    @POST
    @Path("private/GetApiKeyInfo")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Answer<ApiKeyInfo> apiKeyInfo(@FormParam("nonce") SynchronizedValueFactory<Long> nonce) throws IOException;

    @GET
    @Path("public/AssetPairs")
    Answer<Map<String, AssetPair>> assetPairs(@QueryParam("pair") String pair) throws IOException;

    /**
     * Public {@code Ticker}: {@code c} is the last trade, {@code [price, lot volume]}; {@code a} the best ask,
     * {@code [price, whole lot volume, lot volume]}.
     */
    @GET
    @Path("public/Ticker")
    Answer<Map<String, TickerInfo>> ticker(@QueryParam("pair") String pair) throws IOException;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TickerInfo(
            @JsonProperty("c") List<String> lastTrade,
            @JsonProperty("a") List<String> ask) {}

    @GET
    @Path("public/Assets")
    Answer<Map<String, KrakenAsset>> assets() throws IOException;

    /** Kraken's envelope {@code {"error": [...], "result": ...}} for any result type. */
    class Answer<V> extends KrakenResult<V> {

        @JsonCreator
        public Answer(@JsonProperty("result") V result, @JsonProperty("error") String[] error) {
            super(result, error);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record BalanceEx(
            BigDecimal balance, @JsonProperty("hold_trade") BigDecimal holdTrade) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenOrders(Map<String, OrderInfo> open) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClosedOrders(Map<String, OrderInfo> closed, int count) {}

    /** An order as {@code OpenOrders}, {@code ClosedOrders} and {@code QueryOrders} describe it; times in seconds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderInfo(
            String status,
            double opentm,
            double closetm,
            KrakenOrderDescription descr,
            BigDecimal vol,
            @JsonProperty("vol_exec") BigDecimal volExec,
            BigDecimal cost,
            @JsonProperty("cl_ord_id") String clientOrderId,
            List<String> trades) {}

    /** {@code permissions} e.g. query-funds, query-open-trades, modify-trades, withdraw-funds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiKeyInfo(List<String> permissions) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AssetPair(
            String altname,
            String status,
            @JsonProperty("pair_decimals") int pairDecimals,
            @JsonProperty("lot_decimals") int lotDecimals,
            @JsonProperty("tick_size") BigDecimal tickSize,
            BigDecimal ordermin,
            BigDecimal costmin) {}
}
