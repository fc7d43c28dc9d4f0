package com.algomarket.api.orders;

import com.algomarket.db.orders.OrderDetail;
import com.algomarket.db.orders.OrderQueries;
import com.algomarket.workflows.orders.timeline.OrderStep;
import com.algomarket.workflows.orders.timeline.OrderStepKind;
import com.algomarket.workflows.orders.timeline.OrderTimeline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.WorkflowExecutionHistory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Service;

/**
 * An order's story for its owner ({@code GET /orders/{id}/timeline}): the order workflow's history fetched from
 * Temporal and told by {@link OrderTimeline}, with the fees of the fills that reconciliation imported.
 *
 * <p>The history's payloads are decoded by the data converter of this process's WorkflowClient: the payload codec
 * this process already holds to encrypt what it sends to workflows (starts, signals), the same one the workers use.
 * Nothing of a payload reaches the answer as it was: OrderTimeline chooses every word, and order workflows carry ids,
 * never credentials.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class OrderTimelines {

    /** An order's workflow id holds at most a trailing stop's run and its exit's: more is not an order's story. */
    private static final int MAX_RUNS = 4;

    private final OrderService orders;
    private final OrderQueries queries;
    private final WorkflowClient workflows;

    /** The steps of the user's order, oldest first; another user's order is not found (404). */
    List<OrderStep> timeline(UUID userId, UUID orderId) {
        OrderDetail order = orders.get(userId, orderId);
        List<WorkflowExecutionHistory> runs = runs(order.workflowId());
        if (runs.isEmpty()) {
            return List.of(withoutHistory(order));
        }
        List<OrderStep> steps = OrderTimeline.of(runs, workflows.getOptions().getDataConverter());
        return withFees(steps, queries.feesOfOrder(orderId));
    }

    /**
     * The runs under the order's workflow id, oldest first: the latest, preceded by each run it continued from (a
     * trailing stop's run continues as new into its exit's order workflow). Empty when Temporal keeps none.
     */
    private List<WorkflowExecutionHistory> runs(String workflowId) {
        List<WorkflowExecutionHistory> runs = new ArrayList<>();
        String runId = null;
        while (runs.size() < MAX_RUNS) {
            Optional<WorkflowExecutionHistory> run = history(workflowId, runId);
            if (run.isEmpty()) {
                break;
            }
            runs.addFirst(run.get());
            runId = run.get()
                    .getEvents()
                    .getFirst()
                    .getWorkflowExecutionStartedEventAttributes()
                    .getContinuedExecutionRunId();
            if (runId.isEmpty()) {
                break;
            }
        }
        return runs;
    }

    /** One run's history ({@code runId} null: the latest run); empty when Temporal no longer keeps it. */
    private Optional<WorkflowExecutionHistory> history(String workflowId, String runId) {
        if (workflowId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    runId == null ? workflows.fetchHistory(workflowId) : workflows.fetchHistory(workflowId, runId));
        } catch (WorkflowNotFoundException gone) {
            return Optional.empty();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * An order refused before any workflow started (the fan-out's checks), or whose history Temporal no longer keeps
     * (its retention): one step that says so, with what the database holds.
     */
    private static OrderStep withoutHistory(OrderDetail order) {
        String text = "no workflow history is kept for this order; it is " + order.status()
                + (order.reason() == null ? "" : " (" + order.reason() + ")");
        return new OrderStep(
                order.updatedAt().toInstant(),
                OrderStepKind.HISTORY_UNAVAILABLE,
                text,
                Map.of("status", order.status().name()));
    }

    /** The reconciled step names the fees of the fills it imported: {@code fee 0.05 EUR}. */
    static List<OrderStep> withFees(List<OrderStep> steps, Map<String, BigDecimal> fees) {
        if (fees.isEmpty()) {
            return steps;
        }
        String paid = fees.entrySet().stream()
                .map(fee -> fee.getValue().stripTrailingZeros().toPlainString() + " " + fee.getKey())
                .collect(Collectors.joining(" and "));
        List<OrderStep> told = new ArrayList<>(steps.size());
        for (OrderStep step : steps) {
            if (step.kind() == OrderStepKind.RECONCILED) {
                Map<String, String> details = new LinkedHashMap<>(step.details());
                details.put("fee", paid);
                told.add(new OrderStep(step.at(), step.kind(), step.text() + ", fee " + paid, details));
            } else {
                told.add(step);
            }
        }
        return told;
    }
}
