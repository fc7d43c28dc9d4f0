package com.algomarket.activities.paper;

import static com.algomarket.activities.paper.BinanceWire.decimal;
import static com.algomarket.activities.paper.BinanceWire.ordered;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The paper venue's answer to {@code GET /api/v3/exchangeInfo}, shaped like Binance's: its rate limits, and per market
 * the symbol, its assets and the filters (tick size, lot size, minimum notional) that orders must meet.
 */
final class PaperExchangeInfo {

    private PaperExchangeInfo() {}

    static Map<String, Object> of(Collection<PaperMarket> markets, long serverTime, int weightPerMinute) {
        List<Object> symbols = new ArrayList<>();
        for (PaperMarket market : markets) {
            symbols.add(symbol(market));
        }
        return ordered(
                "timezone",
                "UTC",
                "serverTime",
                serverTime,
                "rateLimits",
                rateLimits(weightPerMinute),
                "exchangeFilters",
                List.of(),
                "symbols",
                symbols);
    }

    /** The request weight the venue allows per minute, and Binance's order rate limit. */
    private static List<Object> rateLimits(int weightPerMinute) {
        return List.of(
                rateLimit("REQUEST_WEIGHT", "MINUTE", 1, weightPerMinute), rateLimit("ORDERS", "SECOND", 10, 100));
    }

    private static Map<String, Object> rateLimit(String type, String interval, int intervalNum, int limit) {
        return ordered("rateLimitType", type, "interval", interval, "intervalNum", intervalNum, "limit", limit);
    }

    private static Map<String, Object> symbol(PaperMarket market) {
        return ordered(
                "symbol",
                market.symbol,
                "status",
                "TRADING",
                "baseAsset",
                market.baseAsset,
                "baseAssetPrecision",
                8,
                "quoteAsset",
                market.quoteAsset,
                "quotePrecision",
                8,
                "quoteAssetPrecision",
                8,
                "baseCommissionPrecision",
                8,
                "quoteCommissionPrecision",
                8,
                "orderTypes",
                List.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT"),
                "icebergAllowed",
                false,
                "ocoAllowed",
                false,
                "quoteOrderQtyMarketAllowed",
                false,
                "allowTrailingStop",
                false,
                "cancelReplaceAllowed",
                false,
                "isSpotTradingAllowed",
                true,
                "isMarginTradingAllowed",
                false,
                "filters",
                filters(market),
                "permissions",
                List.of(),
                "permissionSets",
                List.of(List.of("SPOT")),
                "defaultSelfTradePreventionMode",
                "NONE",
                "allowedSelfTradePreventionModes",
                List.of("NONE"));
    }

    private static List<Object> filters(PaperMarket market) {
        return List.of(
                ordered(
                        "filterType",
                        "PRICE_FILTER",
                        "minPrice",
                        decimal(market.tickSize),
                        "maxPrice",
                        "1000000.00000000",
                        "tickSize",
                        decimal(market.tickSize)),
                ordered(
                        "filterType",
                        "LOT_SIZE",
                        "minQty",
                        decimal(market.minQty),
                        "maxQty",
                        "9000.00000000",
                        "stepSize",
                        decimal(market.stepSize)),
                ordered(
                        "filterType",
                        "NOTIONAL",
                        "minNotional",
                        decimal(market.minNotional),
                        "applyMinToMarket",
                        true,
                        "maxNotional",
                        "9000000.00000000",
                        "applyMaxToMarket",
                        false,
                        "avgPriceMins",
                        5));
    }
}
