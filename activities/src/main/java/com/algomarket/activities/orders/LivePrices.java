package com.algomarket.activities.orders;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Component;

/**
 * The venue's price an order is valued at before it is sent: for a buy the best ask, what the buy pays at least (the
 * last traded price where the gateway does not read the book), for a sell the last traded price. A read is reused for
 * {@link #FRESH_FOR} per exchange and symbol: a signal fans out to many portfolios at once, and one public read per
 * second values all of them without spending the venue's rate limit.
 */
@Component
@RequiredArgsConstructor
public class LivePrices {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Read(BigDecimal price, Instant at) {}

    private final Map<String, Read> reads = new ConcurrentHashMap<>();
    private final Clock clock;

    /** The last traded price; null when the venue gives none. */
    public BigDecimal price(ExchangeGateway gateway, ApiCredentials credentials, String symbol) {
        return cached(gateway, symbol, "last", () -> gateway.lastPrice(credentials, symbol));
    }

    /** What a buy pays at least: the best ask, else the last traded price; null when the venue gives neither. */
    public BigDecimal buyPrice(ExchangeGateway gateway, ApiCredentials credentials, String symbol) {
        BigDecimal ask = cached(
                gateway,
                symbol,
                "ask",
                () -> gateway.bestAsk(credentials, symbol).orElse(null));
        return ask != null ? ask : price(gateway, credentials, symbol);
    }

    private BigDecimal cached(ExchangeGateway gateway, String symbol, String kind, Supplier<BigDecimal> venue) {
        String key = gateway.exchange() + " " + symbol + " " + kind;
        Instant now = clock.instant();
        Read read = reads.get(key);
        if (read == null || read.at().plus(FRESH_FOR).isBefore(now)) {
            read = new Read(venue.get(), now);
            if (read.price() != null) {
                reads.put(key, read);
            }
        }
        return read.price();
    }
}
