package com.algomarket.db.ledger;

import java.math.BigDecimal;

/**
 * What a portfolio may still spend and sell by its own ledger, net of what its other approved orders reserve.
 *
 * @param freeQuote the portfolio's size plus its realised PnL, less the cost of what it holds, less the quote its open
 *     buys reserve (their quantity not yet imported as fills, at their reserved price)
 * @param position the base quantity of the symbol the portfolio holds by its imported fills
 * @param openSells the base quantity its sells of the symbol still reserve (not yet imported as fills)
 */
public record LedgerFunds(BigDecimal freeQuote, BigDecimal position, BigDecimal openSells) {

    /** The base quantity no other sell has claimed yet. */
    public BigDecimal sellable() {
        return position.subtract(openSells);
    }
}
