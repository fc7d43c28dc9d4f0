package com.algomarket.activities.orders;

import com.algomarket.activities.paper.PaperFaults;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;

/**
 * One step of a {@link WorkflowPropertiesIT} sequence, against the real workflows, the paper venue and the database.
 * Each prints itself as it reads in a shrunk counterexample.
 */
sealed interface VenueOperation {

    /**
     * A signal of the algorithm, which both portfolios follow: sized as a fraction of each portfolio (in hundredths)
     * or as a quantity (in hundred-thousandths of a BTC); a limit or stop priced {@code offsetPercent} from the
     * market; followed for {@code timeoutSeconds}.
     */
    record Signal(
            Side side, OrderType type, Integer hundredths, Integer quantity, int offsetPercent, int timeoutSeconds)
            implements VenueOperation {
        @Override
        public String toString() {
            String size = hundredths != null
                    ? hundredths + "% of each portfolio"
                    : "0." + "%05d".formatted(quantity) + " BTC";
            String price =
                    type == OrderType.MARKET ? "" : " at " + (offsetPercent >= 0 ? "+" : "") + offsetPercent + "%";
            return "signal " + side + " " + type + " " + size + price + " for " + timeoutSeconds + " s";
        }
    }

    /** The kill switch on portfolio {@code portfolio} (0 or 1), with or without the flatten. */
    record Kill(int portfolio, boolean flatten) implements VenueOperation {
        @Override
        public String toString() {
            return "kill p" + portfolio + (flatten ? " and flatten" : "");
        }
    }

    record Resume(int portfolio) implements VenueOperation {
        @Override
        public String toString() {
            return "resume p" + portfolio;
        }
    }

    /** The user cancels the portfolio's {@code order}-th open order (modulo how many are open), if any. */
    record UserCancel(int portfolio, int order) implements VenueOperation {
        @Override
        public String toString() {
            return "user cancels p" + portfolio + "'s open order #" + order;
        }
    }

    /** The venue's BTC/EUR price moves by {@code percent}; resting and stop orders react at once. */
    record PriceMove(int percent) implements VenueOperation {
        @Override
        public String toString() {
            return "price " + (percent >= 0 ? "+" : "") + percent + "%";
        }
    }

    /** The venue's next {@code count} answers on {@code endpoint} fail as {@code kind}. */
    record Fault(String endpoint, PaperFaults.Kind kind, int count) implements VenueOperation {
        @Override
        public String toString() {
            return count + " x " + kind + " on " + endpoint;
        }
    }

    /** Workflow time passes (skipped by the test server): timers fire, orders time out. */
    record Wait(int seconds) implements VenueOperation {
        @Override
        public String toString() {
            return "wait " + seconds + " s";
        }
    }
}
