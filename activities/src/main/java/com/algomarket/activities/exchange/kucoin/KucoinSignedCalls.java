package com.algomarket.activities.exchange.kucoin;

import com.algomarket.activities.exchange.transport.XChangeRest;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.knowm.xchange.kucoin.dto.response.AccountBalancesResponse;
import org.knowm.xchange.kucoin.dto.response.KucoinResponse;
import org.knowm.xchange.kucoin.dto.response.OrderCreateResponse;
import org.knowm.xchange.kucoin.dto.response.SymbolResponse;
import org.knowm.xchange.kucoin.dto.response.TradeResponse;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * KuCoin's current spot order API (the "HF" endpoints under {@code /api/v1/hf}) and the account calls this gateway
 * makes, declared the way XChange 5.2.4's {@code OrderAPI} is, signed with its {@code KucoinDigest} and answered in
 * its {@link KucoinResponse} envelope; its DTOs are reused where they match ({@link OrderCreateResponse},
 * {@link TradeResponse}, {@link AccountBalancesResponse}, {@link SymbolResponse}).
 *
 * <p>Why not XChange's own declarations: they send the passphrase in clear and no {@code KC-API-KEY-VERSION}, which
 * only version 1 keys accept (KuCoin has created version 2 and 3 keys only since 2021); and they use
 * {@code /api/v1/orders}, which KuCoin's current reference marks deprecated, whose lookup by clientOid finds only
 * <em>active</em> orders ("does not exist ... if the order ... has been settled"): after an unknown outcome a filled
 * order would look absent and be placed a second time. The HF lookup also finds done orders.
 */
@Path("api")
@Produces(MediaType.APPLICATION_JSON)
public interface KucoinSignedCalls {

    // The signed calls take only the timestamp: the other KC-API headers come from the key's proxy
    // (KucoinCalls#signed), and the timestamp, a parameter, is what rescu locks while it signs and sends.

    String KEY = "KC-API-KEY";
    String SIGN = "KC-API-SIGN";
    String TIMESTAMP = "KC-API-TIMESTAMP";
    String PASSPHRASE = "KC-API-PASSPHRASE";
    String KEY_VERSION = "KC-API-KEY-VERSION";

    @POST
    @Path("v1/hf/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    KucoinResponse<OrderCreateResponse> placeOrder(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp, NewOrder order)
            throws KucoinError, IOException;

    /** An active or done order by the clientOid it was placed with. */
    @GET
    @Path("v1/hf/orders/client-order/{clientOid}")
    KucoinResponse<Order> orderByClientOid(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
            @PathParam("clientOid") String clientOid,
            @QueryParam("symbol") String symbol)
            throws KucoinError, IOException;

    @GET
    @Path("v1/hf/orders/{orderId}")
    KucoinResponse<Order> order(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
            @PathParam("orderId") String orderId,
            @QueryParam("symbol") String symbol)
            throws KucoinError, IOException;

    /** Requests the cancellation only; the order's state afterwards comes from {@link #order}. */
    @DELETE
    @Path("v1/hf/orders/{orderId}")
    KucoinResponse<CancelledOrder> cancelOrder(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
            @PathParam("orderId") String orderId,
            @QueryParam("symbol") String symbol)
            throws KucoinError, IOException;

    @GET
    @Path("v1/hf/orders/active")
    KucoinResponse<List<Order>> activeOrders(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp, @QueryParam("symbol") String symbol)
            throws KucoinError, IOException;

    /**
     * The account's trades in a symbol, newest first, at most {@code limit} (100) a page: of one order
     * ({@code orderId}), or between {@code startAt} and {@code endAt} (milliseconds); {@code lastId} continues after
     * the previous page.
     */
    @GET
    @Path("v1/hf/fills")
    KucoinResponse<Fills> fills(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp,
            @QueryParam("symbol") String symbol,
            @QueryParam("orderId") String orderId,
            @QueryParam("startAt") Long startAt,
            @QueryParam("endAt") Long endAt,
            @QueryParam("lastId") Long lastId,
            @QueryParam("limit") Integer limit)
            throws KucoinError, IOException;

    @GET
    @Path("v1/accounts")
    KucoinResponse<List<AccountBalancesResponse>> accounts(
            @HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp, @QueryParam("type") String type)
            throws KucoinError, IOException;

    /** "Get Apikey Info": the calling key's permissions. */
    @GET
    @Path("v1/user/api-key")
    KucoinResponse<ApiKeyInfo> apiKeyInfo(@HeaderParam(TIMESTAMP) SynchronizedValueFactory<Long> timestamp)
            throws KucoinError, IOException;

    /** Public level-1 order book: {@code price} is the last traded price, {@code bestAsk} the book's best ask. */
    @GET
    @Path("v1/market/orderbook/level1")
    KucoinResponse<Level1> level1(@QueryParam("symbol") String symbol) throws KucoinError, IOException;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Level1(BigDecimal price, BigDecimal bestAsk) {}

    @GET
    @Path("v2/symbols/{symbol}")
    KucoinResponse<SymbolResponse> symbol(@PathParam("symbol") String symbol) throws KucoinError, IOException;

    /** KuCoin's error body {@code {"code": "400005", "msg": "Invalid KC-API-SIGN"}}. */
    final class KucoinError extends XChangeRest.ErrorBody {

        @JsonCreator
        public KucoinError(@JsonProperty("code") String code, @JsonProperty("msg") String msg) {
            super(code, msg);
        }
    }

    /** Amounts as strings, as KuCoin documents them; absent fields are left out of the signed body. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewOrder(
            String clientOid, String side, String symbol, String type, String price, String size, String timeInForce) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(
            String id,
            String clientOid,
            String type,
            String side,
            BigDecimal size,
            BigDecimal dealSize,
            BigDecimal dealFunds,
            boolean active,
            boolean cancelExist,
            long createdAt,
            Long lastUpdatedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CancelledOrder(String orderId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fills(List<TradeResponse> items, Long lastId) {}

    /** {@code permission} e.g. "General,Spot,Transfer". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApiKeyInfo(String permission) {}
}
