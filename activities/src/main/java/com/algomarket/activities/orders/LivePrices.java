package com.algomarket.activities.orders;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.ExchangeGateway;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The venue's price an order is valued at before it is sent. No gateway reads an ask yet, so this is the last traded
 * price. A read is reused for {@link #FRESH_FOR} per exchange and symbol: a signal fans out to many portfolios at once,
 * and one public ticker read per second values all of them without spending the venue's rate limit.
 */
@Component
public class LivePrices {

    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private record Read(BigDecimal price, Instant at) {}

    private final Map<String, Read> reads = new ConcurrentHashMap<>();
    private final Clock clock;

    public LivePrices(Clock clock) {
        this.clock = clock;
    }

    public BigDecimal price(ExchangeGateway gateway, ApiCredentials credentials, String symbol) {
        String key = gateway.exchange() + " " + symbol;
        Instant now = clock.instant();
        Read read = reads.get(key);
        if (read == null || read.at().plus(FRESH_FOR).isBefore(now)) {
            read = new Read(gateway.lastPrice(credentials, symbol), now);
            if (read.price() != null) {
                reads.put(key, read);
            }
        }
        return read.price();
    }
}
