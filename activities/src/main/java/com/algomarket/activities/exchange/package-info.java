/**
 * The exchange port: every workflow reaches an exchange only through {@link
 * com.algomarket.activities.exchange.ExchangeGateway}, one implementation per venue in its own package, the paper
 * venue apart in {@code com.algomarket.activities.paper}.
 *
 * <p>Each call answers or fails with one {@link com.algomarket.workflows.exchange.ExchangeFailure}: {@code REJECTED}
 * (definite, never retried), {@code RATE_LIMITED} (retry after Retry-After; a Binance 418 ban or any 429 stops every
 * call of this process to that exchange, or with that key, until it ends), {@code UNAVAILABLE} (nothing was
 * accepted), {@code UNKNOWN} (the request may have executed: look the order up by its client order id before any
 * resubmit) and {@code AUTH}. Retries belong to Temporal: XChange's retries are off, stripe-java's too, and the JDK's
 * silent re-send of a POST on a broken connection ({@code sun.net.http.retryPost}) is switched off at start-up. One
 * rate limiter per process, per exchange and per key, sized from the published limits, exports
 * {@code algomarket.exchange.ratelimit.{available,capacity,banned,throttled,refused}}.
 *
 * <p>Client order ids are UUID-shaped, derived from the order's business key ({@code ClientOrderIds}), start with the
 * marker {@code a1a0c0de} so reconciliation tells our orders from the user's, and fit every exchange's rules.
 *
 * <table>
 * <caption>The venues</caption>
 * <tr><th>exchange</th><th>client</th><th>key permissions readable</th><th>duplicate client order id</th></tr>
 * <tr><td>BINANCE, PAPER</td><td>XChange 5.2.4 Binance module, plus two signed calls XChange lacks (lookup by client
 * id, API restrictions)</td><td>yes: {@code /sapi/v1/account/apiRestrictions}</td><td>-2010 "Duplicate order sent."
 * while the first is open; reusable once it is filled or cancelled</td></tr>
 * <tr><td>COINBASE</td><td>own adapter, JWT ES256 per request</td><td>yes: {@code /api/v3/brokerage/key_permissions}
 * </td><td>create is idempotent: returns the existing order</td></tr>
 * <tr><td>KRAKEN</td><td>XChange 5.2.2 Kraken module; {@code cl_ord_id} on AddOrder; lookup through
 * OpenOrders/ClosedOrders filtered by {@code cl_ord_id}</td><td>yes: {@code GetApiKeyInfo}</td><td>refused while the
 * first is open; accepted again once it is filled or cancelled</td></tr>
 * <tr><td>KUCOIN</td><td>XChange 5.2.4 KuCoin signing (passphrase signed, key version 2) on the HF order API;
 * {@code clientOid}; lookup through {@code /api/v1/hf/orders/client-order/{clientOid}}</td><td>yes:
 * {@code GET /api/v1/user/api-key}</td><td>refused: 126044 "clientOid duplicate"</td></tr>
 * <tr><td>BITVAVO</td><td>own adapter, HMAC-SHA256 over timestamp + method + {@code /v2} path + body;
 * {@code clientOrderId}; lookup through {@code GET /order?clientOrderId=}, then the market's last 1,000 orders</td>
 * <td><b>no</b>: {@code withdraw: null}; trade probed by cancelling a non-existent order (310 = no trade
 * permission)</td><td>220 "clientOrderId conflict within the market", unique across open orders only</td></tr>
 * <tr><td>BITSTAMP</td><td>XChange 5.2.3 Bitstamp v2 signing; {@code client_order_id} on limit and market orders;
 * lookup through {@code order_status}; no stop-loss</td><td><b>no</b>: {@code withdraw: null} (trade assumed; a key
 * without it fails its first order as AUTH)</td><td>"should be unique, but no checks guaranteed"</td></tr>
 * </table>
 *
 * <p>Keys whose exchange does not say whether they may withdraw are stored with {@code withdraw: null}: connect them
 * only with a key created without withdrawal rights. The last price (sizing of market orders, flatten, monitoring) is
 * each exchange's public last-trade price: BINANCE and PAPER {@code GET /api/v3/ticker/price?symbol=}, COINBASE Get
 * Product's {@code price}, KRAKEN {@code Ticker}'s {@code c[0]}, BITSTAMP {@code /api/v2/ticker/{pair}/}'s
 * {@code last}, KUCOIN {@code /api/v1/market/orderbook/level1}'s {@code price}, BITVAVO
 * {@code GET /v2/ticker/price?market=}. A symbol the exchange does not list is REJECTED; a failed read is UNAVAILABLE.
 * A buy is valued before it is sent at the book's best ask where the gateway reads it: BINANCE and PAPER
 * {@code GET /api/v3/ticker/bookTicker?symbol=}'s {@code askPrice}, KRAKEN {@code Ticker}'s {@code a[0]}, BITSTAMP
 * the ticker's {@code ask}, KUCOIN level 1's {@code bestAsk}, COINBASE Get Best Bid/Ask's
 * ({@code GET /api/v3/brokerage/best_bid_ask?product_ids=}) first ask, BITVAVO {@code GET /v2/ticker/book?market=}'s
 * {@code ask}. Where the book has no ask, the buy is valued at the last price.
 */
package com.algomarket.activities.exchange;
