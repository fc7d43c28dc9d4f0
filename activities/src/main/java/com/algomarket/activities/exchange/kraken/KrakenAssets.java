package com.algomarket.activities.exchange.kraken;

import static com.algomarket.activities.exchange.kraken.KrakenMapping.altname;

import com.algomarket.activities.exchange.ApiCredentials;
import com.algomarket.activities.exchange.kraken.KrakenSignedCalls.AssetPair;
import com.algomarket.activities.exchange.transport.XChangeRest.BaseQuote;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Kraken's names for assets and pairs, which differ from ours (XBT for BTC); the asset list is cached a while. */
final class KrakenAssets {

    private static final int WEIGHT_PUBLIC = 1;
    private static final Duration ASSETS_TTL = Duration.ofMinutes(10);

    private final KrakenCalls calls;
    private final KrakenSignedCalls signed;
    private final Clock clock;
    private volatile CachedAssets assets;
    private final Map<String, List<String>> pairNames = new ConcurrentHashMap<>();

    private record CachedAssets(Map<String, String> altnames, Instant fetchedAt) {}

    KrakenAssets(KrakenCalls calls, Clock clock) {
        this.calls = calls;
        this.signed = calls.proxy(KrakenSignedCalls.class);
        this.clock = clock;
    }

    /** The pair Kraken trades as {@code symbol}, under its id. */
    Map.Entry<String, AssetPair> pair(ApiCredentials credentials, String symbol) {
        String altname = altname(BaseQuote.of(symbol));
        Map<String, AssetPair> pairs = calls.call(credentials, WEIGHT_PUBLIC, false, () -> signed.assetPairs(altname));
        if (pairs == null || pairs.isEmpty()) {
            throw KrakenMapping.notTraded(symbol);
        }
        return pairs.entrySet().iterator().next();
    }

    /**
     * The names Kraken gives the pair of {@code symbol}: its id ({@code XXBTZEUR}, in trades) and its altname ({@code
     * XBTEUR}). Kept for as long as this runs, since an exchange does not rename a pair; an account poller asks every
     * interval, and this way asks Kraken once.
     */
    List<String> pairNames(ApiCredentials credentials, String symbol) {
        return pairNames.computeIfAbsent(symbol, unknown -> {
            Map.Entry<String, AssetPair> pair = pair(credentials, unknown);
            return List.of(pair.getKey(), pair.getValue().altname());
        });
    }

    /** Kraken's asset ids ({@code XXBT}, {@code ZEUR}) to their altnames ({@code XBT}, {@code EUR}). */
    Map<String, String> altnames(ApiCredentials credentials) {
        CachedAssets cached = assets;
        if (cached != null && cached.fetchedAt().plus(ASSETS_TTL).isAfter(clock.instant())) {
            return cached.altnames();
        }
        Map<String, String> altnames = new HashMap<>();
        calls.call(credentials, WEIGHT_PUBLIC, false, signed::assets)
                .forEach((id, asset) -> altnames.put(id, asset.getAltName()));
        assets = new CachedAssets(Map.copyOf(altnames), clock.instant());
        return assets.altnames();
    }
}
