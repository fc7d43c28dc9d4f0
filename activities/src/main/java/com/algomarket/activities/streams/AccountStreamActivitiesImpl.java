package com.algomarket.activities.streams;

import com.algomarket.db.connections.ConnectionRepository;
import com.algomarket.workflows.streams.AccountStreamActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.stereotype.Component;

/**
 * Runs a connection's account stream inside the activity for one period, heartbeating its status all along: a
 * cancelled activity, or one whose heartbeat the server refuses (it timed out and runs elsewhere now), stops the
 * stream at once, so that two workers never follow the same connection for longer than a heartbeat.
 */
@Component
@RequiredArgsConstructor
@Slf4j
public class AccountStreamActivitiesImpl implements AccountStreamActivities {

    private final AccountStreams streams;
    private final ConnectionRepository connections;
    private final AccountStreamMetrics metrics;
    private final Clock clock;

    @Override
    public Outcome follow(String connectionId, long periodSeconds) {
        UUID id = UUID.fromString(connectionId);
        var connection = connections.find(id);
        if (connection.isEmpty()) {
            return Outcome.CONNECTION_GONE;
        }
        if (!streams.supports(connection.get().exchange())) {
            return Outcome.UNSUPPORTED;
        }
        ActivityExecutionContext context = Activity.getExecutionContext();
        Instant until = clock.instant().plusSeconds(periodSeconds);
        HeartbeatControl control = new HeartbeatControl(context, until);
        AccountStream stream = streams.open(id);
        try (AccountStreamMetrics.Tracked tracked = metrics.track(id, stream::status)) {
            stream.run(control);
        }
        if (control.lost != null) {
            // Cancelled, or no longer ours: rethrown, so that Temporal records a cancellation as one.
            throw control.lost;
        }
        return Outcome.PERIOD_ENDED;
    }

    /** Runs until the period ends or the server says the activity is no longer running here. */
    private final class HeartbeatControl implements AccountStream.Control {

        private final ActivityExecutionContext context;
        private final Instant until;
        private final HeartbeatCadence cadence;
        private volatile ActivityCompletionException lost;

        HeartbeatControl(ActivityExecutionContext context, Instant until) {
            this.context = context;
            this.until = until;
            this.cadence = new HeartbeatCadence(context.getInfo().getHeartbeatTimeout());
        }

        @Override
        public boolean keepRunning() {
            return lost == null && clock.instant().isBefore(until);
        }

        @Override
        public void heartbeat(AccountStream.Status status) {
            if (!cadence.due(System.nanoTime())) {
                return;
            }
            try {
                context.heartbeat(status.connected() ? "connected" : "reconnecting");
            } catch (ActivityCompletionException e) {
                log.info("Account stream activity ends: {}", e.getClass().getSimpleName());
                lost = e;
            }
        }
    }
}
