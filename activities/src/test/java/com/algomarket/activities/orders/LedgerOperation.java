package com.algomarket.activities.orders;

import java.math.BigDecimal;

/**
 * One money operation of {@link LedgerPropertiesIT}'s sequences, on portfolio 0 or 1 (two portfolios of one user, so
 * that each sequence also shows that one portfolio's orders never move the other's funds). Each prints as a line of
 * a readable counterexample: {@code p0 BUY 0.20 @ 3000}, {@code p1 fill open order #2 50% at 10% below its limit};
 * those whose record alone says it all print as records do, {@code Kill[portfolio=1]}.
 */
sealed interface LedgerOperation {

    int portfolio();

    /**
     * A new order: risk-checked and reserved by the real ledger, then sent (PENDING) or refused (REJECTED). Of
     * {@code hundredths} of a BTC (1 is 0.01 BTC), at the limit {@code price} in EUR, at which a buy is valued and
     * reserved.
     */
    record Place(int portfolio, boolean buy, int hundredths, int price) implements LedgerOperation {

        static Place buy(int portfolio, int hundredths, int price) {
            return new Place(portfolio, true, hundredths, price);
        }

        static Place sell(int portfolio, int hundredths, int price) {
            return new Place(portfolio, false, hundredths, price);
        }

        BigDecimal quantity() {
            return BigDecimal.valueOf(hundredths, 2);
        }

        @Override
        public String toString() {
            return "p" + portfolio + (buy ? " BUY " : " SELL ") + quantity().toPlainString() + " @ " + price;
        }
    }

    /**
     * The venue fills {@code percent} of what is left of the portfolio's {@code order}-th open order (counted modulo
     * the open orders), a buy {@code belowLimit} percent under its limit; the trade waits to be imported.
     */
    record Fill(int portfolio, int order, int percent, int belowLimit) implements LedgerOperation {
        @Override
        public String toString() {
            return "p" + portfolio + " fill open order #" + order + " " + percent + "% at " + belowLimit
                    + "% below its limit";
        }
    }

    /** Reconciliation imports the portfolio's pending trades; an order the venue finished is recorded final. */
    record ImportTrades(int portfolio) implements LedgerOperation {}

    /** The venue cancels the portfolio's {@code order}-th open order; its status is final before its trades import. */
    record Cancel(int portfolio, int order) implements LedgerOperation {
        @Override
        public String toString() {
            return "p" + portfolio + " cancel open order #" + order;
        }
    }

    /** The kill switch: the portfolio KILLED in one transaction, then its open orders cancelled. */
    record Kill(int portfolio) implements LedgerOperation {}

    record Resume(int portfolio) implements LedgerOperation {}

    /** Two new orders checked at the same moment on two connections (of one portfolio, or of both). */
    record Together(Place first, Place second) implements LedgerOperation {
        @Override
        public int portfolio() {
            return first.portfolio();
        }

        @Override
        public String toString() {
            return "together { " + first + " | " + second + " }";
        }
    }
}
