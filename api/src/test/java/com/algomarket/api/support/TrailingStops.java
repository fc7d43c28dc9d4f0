package com.algomarket.api.support;

import com.algomarket.workflows.orders.trailing.TrailingStop;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.util.Optional;

/** What the dev server knows of an armed trailing stop: the activity that follows its price, and its heartbeat. */
public final class TrailingStops {

    private TrailingStops() {}

    /** The pending follow of the trailing stop under {@code workflowId}; empty between two stretches or once ended. */
    public static Optional<PendingActivityInfo> follow(WorkflowClient client, String workflowId) {
        return WorkflowDescriptions.describe(client, workflowId).getPendingActivitiesList().stream()
                .findFirst();
    }

    /**
     * The stop as the following activity last heartbeated it (decoded with {@code client}'s data converter); zero
     * before its first heartbeat.
     */
    public static BigDecimal heartbeatedStop(WorkflowClient client, String workflowId) {
        return follow(client, workflowId)
                .flatMap(pending -> heartbeated(client, pending))
                .map(TrailingStop::stop)
                .orElse(BigDecimal.ZERO);
    }

    /** The state a follow heartbeated last, if it heartbeated at all. */
    public static Optional<TrailingStop> heartbeated(WorkflowClient client, PendingActivityInfo pending) {
        if (!pending.hasHeartbeatDetails()) {
            return Optional.empty();
        }
        return Optional.ofNullable(client.getOptions()
                .getDataConverter()
                .fromPayloads(0, Optional.of(pending.getHeartbeatDetails()), TrailingStop.class, TrailingStop.class));
    }
}
