package com.algomarket.activities.reconciliation;

import com.algomarket.db.connections.Connection;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredReadFreshness;
import com.algomarket.workflows.exchange.Exchange;
import java.time.Clock;
import java.util.Set;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether a connection's account stream is connected now, as the database says, so that every worker answers alike
 * whichever holds the stream: a connected stream confirms its stored balances every few seconds
 * ({@link StoredReadFreshness#forMoney}); a stream that is down, or whose worker died, stops confirming within
 * {@link StoredReadFreshness#STREAM_TOLERANCE}. A polled exchange's reads vouch for balances the same way but report an
 * execution only at their next read, so they never count as a connected stream here.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ConnectedStreams {

    private final StoredAccountReads storedReads;

    @Value("${algomarket.streams.polled-exchanges:KRAKEN,BITSTAMP,KUCOIN,BITVAVO,COINBASE}")
    private final Set<Exchange> polled;

    private final Clock clock;

    boolean connectedNow(Connection connection) {
        return !polled.contains(connection.exchange())
                && StoredReadFreshness.forMoney(storedReads.balances(connection.id()), clock.instant());
    }
}
