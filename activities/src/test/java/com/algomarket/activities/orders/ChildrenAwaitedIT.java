package com.algomarket.activities.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.algomarket.activities.orders.VenueOperation.Kill;
import com.algomarket.activities.orders.VenueOperation.Signal;
import com.algomarket.activities.orders.VenueOperation.Wait;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@link WorkflowPropertiesIT}'s stack still skips time after a flatten has started an order ({@link ChildrenAwaited}).
 * Its random sequences rarely make a flatten sell (none in several runs of 200), so this one does it on purpose: a
 * market buy that fills, then a kill with the flatten. Without the children awaited, the 10 s wait after it took
 * 10,005 ms of real time; with them, 2 ms.
 */
class ChildrenAwaitedIT {

    @Test
    void timeStillSkipsAfterAFlattenSold() throws Exception {
        try (TradingStack stack = new TradingStack(13)) {
            VenueBook book = new VenueBook(stack);
            book.apply(new Signal(Side.BUY, OrderType.MARKET, 50, null, 0, 10));
            book.apply(new Wait(5));
            book.apply(new Kill(0, true));
            book.settle();
            book.check();
            assertThat(book.flattenOrders()).as("orders the flatten started").isEqualTo(1);

            long startedNanos = System.nanoTime();
            stack.temporal.sleep(Duration.ofSeconds(10));
            assertThat(Duration.ofNanos(System.nanoTime() - startedNanos))
                    .as("real time a 10 s wait on the test server took")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }
}
