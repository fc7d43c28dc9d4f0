package com.algomarket.activities.streams;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * What an account stream follows and where it writes, whatever carries it (a WebSocket or polling).
 *
 * @param connectionId the connection whose account is followed
 * @param credentials opens (decrypts) the connection's key; called at each connect or read, what it returns is
 *     dropped after it
 * @param gateway the connection's exchange, for the catch-up reads
 * @param scope the symbols and the start of a catch-up read
 * @param sink where the account's events go
 * @param clock the stream's clock
 */
public record AccountSource(
        UUID connectionId,
        Supplier<ApiCredentials> credentials,
        ExchangeGateway gateway,
        CatchUpScope scope,
        AccountEventSink sink,
        Clock clock) {}
