package com.algomarket.activities.exchange.transport;

import com.algomarket.activities.exchange.ExchangeGateway;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;

/**
 * What the gateways over {@link SignedXChangeCalls} (Kraken, Bitstamp, KuCoin) share: their venue's calls, which
 * name the exchange, and the clock; and, before any of them makes its first call, the JDK's silent re-send of a POST
 * switched off ({@link SinglePostTransport}).
 *
 * @param <C> the venue's signed calls
 */
public abstract class SignedXChangeGateway<C extends SignedXChangeCalls<?>> implements ExchangeGateway {

    static {
        SinglePostTransport.ensure();
    }

    protected final C calls;
    protected final Clock clock;

    protected SignedXChangeGateway(C calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public Exchange exchange() {
        return calls.exchange();
    }
}
