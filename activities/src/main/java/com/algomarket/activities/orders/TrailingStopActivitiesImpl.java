package com.algomarket.activities.orders;

import com.algomarket.activities.connections.CredentialVault;
import com.algomarket.activities.exchange.ExchangeCallException;
import com.algomarket.activities.exchange.ExchangeGateways;
import com.algomarket.db.portfolios.PortfolioRepository;
import com.algomarket.db.streams.StoredAccountReads;
import com.algomarket.db.streams.StoredAccountReads.StoredPrice;
import com.algomarket.workflows.orders.OrderInput;
import com.algomarket.workflows.orders.trailing.TrailingFollow;
import com.algomarket.workflows.orders.trailing.TrailingFollowed;
import com.algomarket.workflows.orders.trailing.TrailingStop;
import com.algomarket.workflows.orders.trailing.TrailingStopActivities;
import com.algomarket.workflows.portfolios.PortfolioStatus;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Follows a trailing stop's venue price. The price comes from the account stream's last prices where the stream keeps
 * them fresh (younger than two intervals); elsewhere from {@link LivePrices}, which reads the venue's public ticker at
 * most once a second per exchange and symbol for every trailing stop (and pre-trade check) of this worker together:
 * no per-order polling of the exchange. Each price moves the stop, and the stop is heartbeated, so that a retry after
 * this worker died starts from it.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class TrailingStopActivitiesImpl implements TrailingStopActivities {

    private final ExchangeGateways gateways;
    private final CredentialVault vault;
    private final LivePrices livePrices;
    private final StoredAccountReads stored;
    private final PortfolioRepository portfolios;
    private final Clock clock;

    @Value("${algomarket.trailing.price-interval:PT1S}")
    private final Duration interval;

    @Override
    public TrailingFollowed follow(TrailingFollow follow) {
        ActivityExecutionContext context = Activity.getExecutionContext();
        TrailingStop state = context.getHeartbeatDetails(TrailingStop.class).orElse(follow.state());
        OrderInput exit = follow.exit();
        Instant until = clock.instant().plusSeconds(follow.windowSeconds());
        while (clock.instant().isBefore(until)) {
            PortfolioStatus status =
                    portfolios.status(UUID.fromString(exit.portfolioId())).orElse(PortfolioStatus.KILLED);
            if (status != PortfolioStatus.ACTIVE) {
                return new TrailingFollowed(state, "portfolio is " + status);
            }
            TrailingStop before = state;
            state = state.observe(price(exit));
            if (state.stop() != null && !state.stop().equals(before.stop())) {
                log.info(
                        "Trailing stop {} moved to {}",
                        exit.orderId(),
                        state.stop().toPlainString());
            }
            // Throws once the workflow cancelled the follow (a kill, a user's cancel): the loop ends there.
            context.heartbeat(state);
            if (state.triggered()) {
                return new TrailingFollowed(state, null);
            }
            pause();
        }
        return new TrailingFollowed(state, null);
    }

    /** The venue's price now, or null when it cannot be read this time (the stop then simply does not move). */
    private BigDecimal price(OrderInput exit) {
        StoredPrice streamed = stored.lastPrices(exit.exchange().name(), List.of(exit.symbol()))
                .get(exit.symbol());
        if (streamed != null
                && streamed.asOf().toInstant().isAfter(clock.instant().minus(interval.multipliedBy(2)))) {
            return streamed.price();
        }
        try {
            return livePrices.price(
                    gateways.get(exit.exchange()), vault.open(UUID.fromString(exit.connectionId())), exit.symbol());
        } catch (ExchangeCallException e) {
            log.info("No price of {} on {} this time: {}", exit.symbol(), exit.exchange(), e.getMessage());
            return null;
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Activity.wrap(e);
        }
    }
}
