package com.algomarket.workflows.connections;

/** What a key may do. {@code withdraw} is null where the exchange does not tell. */
public record KeyPermissions(boolean read, boolean trade, Boolean withdraw) {}
