package com.algomarket.activities.exchange.bitstamp;

import com.algomarket.activities.exchange.transport.XChangeRest;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchange.bitstamp.dto.marketdata.BitstampPairInfo;
import org.knowm.xchange.bitstamp.dto.trade.BitstampOrder;
import si.mazi.rescu.ExceptionalReturnContentException;
import si.mazi.rescu.SynchronizedValueFactory;

/**
 * The Bitstamp v2 calls this gateway makes, declared the way XChange 5.2.3's {@code BitstampAuthenticatedV2} declares
 * its own so that they sign with its {@code BitstampDigestV2} (the X-Auth headers). XChange's declarations cannot be
 * used as they are:
 *
 * <ul>
 *   <li>its buy and sell calls have no {@code client_order_id}, nor IOC and FOK flags;</li>
 *   <li>its {@code order_status} takes only the numeric {@code id}, not {@code client_order_id}, and its DTOs drop
 *       {@code client_order_id}, {@code amount_remaining} and the side of an order;</li>
 *   <li>its error type keeps Bitstamp's reason but not its codes ({@code API0005}, {@code 400.009}), which decide
 *       the classification;</li>
 *   <li>its transaction DTOs recognise amounts only for currencies XChange's static registry knows, and its balance
 *       DTO fails on any field without an underscore.</li>
 * </ul>
 *
 * XChange's {@link BitstampOrder} (the answer to buy and sell) and {@link BitstampPairInfo} are reused.
 */
@Path("api/v2")
@Produces(MediaType.APPLICATION_JSON)
public interface BitstampSignedCalls {

    // The signed calls take only the nonce: the other X-Auth headers come from the key's proxy
    // (BitstampCalls#signed), and the nonce, a parameter, is what rescu locks while it signs and sends.

    String X_AUTH = "X-Auth";
    String X_AUTH_SIGNATURE = "X-Auth-Signature";
    String X_AUTH_NONCE = "X-Auth-Nonce";
    String X_AUTH_TIMESTAMP = "X-Auth-Timestamp";
    String X_AUTH_VERSION = "X-Auth-Version";

    @POST
    @Path("account_balances/")
    List<AccountBalance> accountBalances(@HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce)
            throws BitstampError, IOException;

    /** A limit order; {@code side} is buy or sell, {@code iocOrder}/{@code fokOrder} "True" or null. */
    @POST
    @Path("{side}/{pair}/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    BitstampOrder limitOrder(
            @HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce,
            @PathParam("side") String side,
            @PathParam("pair") String pair,
            @FormParam("amount") String amount,
            @FormParam("price") String price,
            @FormParam("ioc_order") String iocOrder,
            @FormParam("fok_order") String fokOrder,
            @FormParam("client_order_id") String clientOrderId)
            throws BitstampError, IOException;

    @POST
    @Path("{side}/market/{pair}/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    BitstampOrder marketOrder(
            @HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce,
            @PathParam("side") String side,
            @PathParam("pair") String pair,
            @FormParam("amount") String amount,
            @FormParam("client_order_id") String clientOrderId)
            throws BitstampError, IOException;

    /** One order by {@code id} or by {@code client_order_id} (the other null); closed orders for 30 days. */
    @POST
    @Path("order_status/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    OrderStatus orderStatus(
            @HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce,
            @FormParam("id") String id,
            @FormParam("client_order_id") String clientOrderId)
            throws BitstampError, IOException;

    @POST
    @Path("cancel_order/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    CancelledOrder cancelOrder(
            @HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce, @FormParam("id") String id)
            throws BitstampError, IOException;

    @POST
    @Path("open_orders/{pair}/")
    List<OpenOrder> openOrders(
            @HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce, @PathParam("pair") String pair)
            throws BitstampError, IOException;

    /** The account's transactions in the pair, newest first ({@code sort=desc}); at most 1,000 per call. */
    @POST
    @Path("user_transactions/{pair}/")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    List<Transaction> userTransactions(
            @HeaderParam(X_AUTH_NONCE) SynchronizedValueFactory<String> nonce,
            @PathParam("pair") String pair,
            @FormParam("offset") long offset,
            @FormParam("limit") int limit,
            @FormParam("sort") String sort)
            throws BitstampError, IOException;

    /** Public ticker of a pair: {@code last} is the last traded price, {@code ask} the book's best ask. */
    @GET
    @Path("ticker/{pair}/")
    Ticker ticker(@PathParam("pair") String pair) throws BitstampError, IOException;

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ticker(BigDecimal last, BigDecimal ask) {}

    @GET
    @Path("trading-pairs-info/")
    List<BitstampPairInfo> tradingPairs() throws BitstampError, IOException;

    /**
     * Bitstamp's error body: {@code {"status": "error", "reason": ..., "code": "API0005"}} for authentication,
     * {@code response_code} (e.g. {@code 400.009}) for requests, {@code reason} sometimes a map of field errors.
     */
    final class BitstampError extends XChangeRest.ErrorBody {

        @JsonCreator
        public BitstampError(
                @JsonProperty("reason") Object reason,
                @JsonProperty("error") Object error,
                @JsonProperty("code") String code,
                @JsonProperty("response_code") String responseCode) {
            this(text(reason != null ? reason : error), responseCode != null ? responseCode : code);
        }

        private BitstampError(String reason, String code) {
            super(code, reason);
        }

        /** A reason as text: a string as it is, field errors ({"__all__": ["..."]}) joined. */
        private static String text(Object reason) {
            if (reason instanceof Map<?, ?> fields) {
                StringBuilder text = new StringBuilder();
                fields.forEach((field, messages) -> {
                    for (Object message : messages instanceof List<?> list ? list : List.of(messages)) {
                        text.append(text.isEmpty() ? "" : " -- ").append(message);
                    }
                });
                return text.toString();
            }
            return String.valueOf(reason);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountBalance(String currency, BigDecimal total, BigDecimal available, BigDecimal reserved) {}

    /** {@code type} 0 buy, 1 sell; {@code status} Open, Finished, Canceled or Expired. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OrderStatus(
            String id,
            String datetime,
            String type,
            String status,
            List<Transaction> transactions,
            @JsonProperty("amount_remaining") BigDecimal amountRemaining,
            @JsonProperty("client_order_id") String clientOrderId) {

        /** Bitstamp answers some errors with HTTP 200; rescu then reads the body as a {@link BitstampError}. */
        public OrderStatus {
            if ("error".equals(status)) {
                throw new ExceptionalReturnContentException("Bitstamp answered an error");
            }
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CancelledOrder(String id) {}

    /** {@code amount} is what remains open of {@code amount_at_create}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenOrder(
            String id,
            String datetime,
            String type,
            BigDecimal price,
            BigDecimal amount,
            @JsonProperty("amount_at_create") BigDecimal amountAtCreate,
            @JsonProperty("client_order_id") String clientOrderId) {}

    /**
     * A transaction of an order ({@code tid}) or of the account ({@code id}, {@code order_id}). Its amounts come as
     * one field per currency ({@code "btc": "0.5"}, {@code "eur": "-15000"}) and its price as {@code "btc_eur"};
     * {@code type} 2 is a trade.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    final class Transaction {

        @JsonProperty
        String id;

        @JsonProperty
        String tid;

        @JsonProperty("order_id")
        String orderId;

        @JsonProperty
        String type;

        @JsonProperty
        String datetime;

        @JsonProperty
        BigDecimal price;

        @JsonProperty
        BigDecimal fee;

        private final Map<String, Object> byCurrency = new HashMap<>();

        @JsonAnySetter
        void other(String name, Object value) {
            byCurrency.put(name.toLowerCase(Locale.ROOT), value);
        }

        boolean isTrade() {
            return "2".equals(type);
        }

        /** The amount of {@code currency} (signed, from the account's view), or null. */
        BigDecimal amount(String currency) {
            return decimal(byCurrency.get(currency.toLowerCase(Locale.ROOT)));
        }

        /** {@code price} for order transactions, the {@code base_quote} field for account transactions. */
        BigDecimal price(String base, String quote) {
            return price != null ? price : decimal(byCurrency.get((base + "_" + quote).toLowerCase(Locale.ROOT)));
        }

        private static BigDecimal decimal(Object value) {
            return value == null || String.valueOf(value).isBlank() ? null : new BigDecimal(String.valueOf(value));
        }
    }
}
