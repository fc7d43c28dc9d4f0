package com.algomarket.api.store;

import java.util.List;

/** A page of a list: its items and the cursor of the next page (null on the last page). */
public record StorePage<T>(List<T> items, String nextCursor) {}
