package com.algomarket.activities.streams;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What a catch-up read after a (re)connect covers: which symbols, and trades since when. */
public interface CatchUpScope {

    /** The symbols (BASE/QUOTE) whose open orders and recent trades are read: one call each, not one per order. */
    List<String> symbols(UUID connectionId);

    /** Trades from this moment on are read again; recording them is idempotent, so it may overlap what is known. */
    Instant tradesSince(UUID connectionId);
}
