/**
 * Account streams on the worker side: per exchange connection one long-lived subscription to the exchange's user-data
 * stream (or, for the exchanges without one here, a batched read of the account per interval), which turns the
 * account's executions and balances into typed events ({@link com.algomarket.activities.streams.AccountEvent}) for an
 * {@link com.algomarket.activities.streams.AccountEventSink};
 * the database sink keeps balances, last prices and executions (once per trade) for the API and the order workflows.
 *
 * <p><b>Which Binance mechanism, and why.</b> The issue that asked for this names Binance's listen key ({@code POST
 * /api/v3/userDataStream}, kept alive with {@code PUT}, then {@code wss://stream.binance.com:9443/ws/<listenKey>}).
 * Binance's current documentation retired it: the Spot API CHANGELOG of 2025-04-07 deprecated receiving user data on
 * {@code stream.binance.com} with a listen key, the entry of 2025-10-24 removed its documentation, and the entry of
 * 2026-01-21 announces that {@code POST/PUT/DELETE /api/v3/userDataStream} (and the WebSocket API's {@code
 * userDataStream.start/ping/stop}) are no longer available from 2026-02-20 (binance/binance-spot-api-docs,
 * CHANGELOG.md, commit a5e0bc3 of 2026-07-21). Following the project's rule (where an exchange's current docs retired
 * a mechanism, follow the docs), this package implements what the docs direct to instead: the WebSocket API ({@code
 * wss://ws-api.binance.com:443/ws-api/v3}) method {@code userDataStream.subscribe.signature} (web-socket-api.md "User
 * Data Stream requests"), which works with any API key type, so with the HMAC keys users give us ({@code
 * userDataStream.subscribe} needs a session logged on with an Ed25519 key). The request is signed like every SIGNED
 * WebSocket API request: HMAC-SHA256 over its params sorted by name ({@code apiKey=...&timestamp=...}); events arrive
 * as {@code {"subscriptionId": n, "event": {...}}} with the payloads of user-data-stream.md ({@code executionReport},
 * {@code outboundAccountPosition}, {@code eventStreamTerminated}). There is no listen key to keep alive: the
 * subscription lives as long as the WebSocket connection.
 *
 * <p><b>No fill is missed.</b> Each (re)connect subscribes first and then does one catch-up read (per symbol the open
 * orders and the trades since the last recorded execution, then the balances: one call per symbol or account, never
 * per order); events that arrive meanwhile wait in a queue and are applied after it. Recording is idempotent per
 * (connection, symbol, trade id), so what the read and the stream both saw is one execution. A lost connection
 * reconnects with exponential backoff (with jitter, up to 30 s).
 *
 * <p><b>The other five exchanges.</b> Kraken, Bitstamp, KuCoin, Bitvavo and Coinbase connections are followed by an
 * {@link com.algomarket.activities.streams.AccountPoller} instead (those listed in {@code
 * algomarket.streams.polled-exchanges}, every {@code algomarket.streams.poll-interval}, 15 s by default): one batched
 * read of the account per interval, never one per order: the open orders and the trades since shortly before the
 * previous read, for every symbol with an open or recent order of ours, then the balances. Kraken's OpenOrders and
 * TradesHistory and Coinbase's order and fill lists cover the whole account, so they are read once for all symbols;
 * KuCoin's high-frequency lists, Bitstamp's and Bitvavo's are per market, so once per symbol (for Bitvavo cheaper than
 * its all-markets read, weight 25 against 1). The poller runs in the same per-connection activity, reports to the same
 * sink and so signals the order workflows the same way; it reports each trade once while it runs, and a new poller
 * starts from the last recorded trade, so one that takes over from a dead worker catches up. An order that leaves the
 * book between two reads is looked up once, so a cancel or expiry at the exchange reaches its workflow too.
 *
 * <p>The API key and secret are decrypted at the moment of connecting and live only in that attempt's memory; they are
 * never logged (only {@link com.algomarket.activities.exchange.ApiCredentials#fingerprint()}).
 */
package com.algomarket.activities.streams;
