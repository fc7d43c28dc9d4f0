package com.algomarket.api.signals;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.problem.ApiProblem.FieldError;
import com.algomarket.api.signals.SignalsController.SignalAccepted;
import com.algomarket.api.signals.SignalsController.SignalRequest;
import com.algomarket.api.temporal.WorkflowStarts;
import com.algomarket.db.signals.Signal;
import com.algomarket.db.signals.SignalRepository;
import com.algomarket.db.store.Algorithm;
import com.algomarket.db.store.AlgorithmRepository;
import com.algomarket.workflows.common.SearchAttributeKeys;
import com.algomarket.workflows.common.TaskQueues;
import com.algomarket.workflows.common.WorkflowIds;
import com.algomarket.workflows.exchange.Exchange;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.signals.SignalWorkflow;
import com.algomarket.workflows.store.AlgorithmStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Takes an algorithm's signal: checks it completely before anything is written, stores it once per Idempotency-Key
 * and starts its fan-out workflow {@code signal-<id>}. A retried post finds the stored signal and the running
 * workflow, and answers the same.
 */
@Service
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
public class SignalService {

    /** The longest an order may wait for its fills; beyond a week a resting order is the user's business. */
    static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3_600;

    private final AlgorithmRepository algorithms;
    private final SignalRepository signals;
    private final WorkflowClient workflows;

    SignalAccepted post(UUID developerId, UUID algorithmId, String idempotencyKey, SignalRequest request) {
        return accept(check(developerId, algorithmId, request), UUID.randomUUID(), idempotencyKey);
    }

    /** A signal request that passed every check, with its symbol as the algorithm spells it. */
    public record Checked(Algorithm algorithm, String symbol, SignalRequest request) {}

    /** Checks the signal completely and writes nothing: a bad one throws the problem to answer. */
    public Checked check(UUID developerId, UUID algorithmId, SignalRequest request) {
        Algorithm algorithm = algorithms
                .find(algorithmId)
                .filter(found -> found.developerId().equals(developerId))
                .orElseThrow(() -> new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "algorithm-not-found",
                        "Algorithm not found",
                        "You own no algorithm " + algorithmId + "."));
        if (algorithm.status() != AlgorithmStatus.PUBLISHED) {
            throw new ApiProblem(
                    HttpStatus.CONFLICT,
                    "algorithm-retired",
                    "Algorithm retired",
                    "A retired algorithm sends no signals.");
        }
        String symbol = request.symbol().strip().toUpperCase(Locale.ROOT);
        if (!algorithm.symbols().contains(symbol)) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "unknown-symbol",
                    "Unknown symbol",
                    "The algorithm trades " + String.join(", ", algorithm.symbols()) + ", not " + symbol + ".");
        }
        List<FieldError> errors = validate(request);
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
        refuseWhereUnsupported(algorithm, request.type());
        return new Checked(algorithm, symbol, request);
    }

    /**
     * An order type that one of the algorithm's exchanges cannot place is refused here, when the signal is posted:
     * the alternative, a rejection per portfolio after the fan-out, would trade the subscribers on the other exchanges
     * and not these, for a signal the algorithm could have known was impossible.
     */
    private static void refuseWhereUnsupported(Algorithm algorithm, OrderType type) {
        List<String> without = algorithm.exchanges().stream()
                .filter(exchange -> !Exchange.valueOf(exchange).supports(type))
                .toList();
        if (!without.isEmpty()) {
            throw new ApiProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "order-type-unsupported",
                    "Order type unsupported",
                    "The algorithm trades on " + String.join(", ", without) + ", where a " + type
                            + " order cannot be placed.");
        }
    }

    /**
     * Stores a checked signal as {@code signalId} (or finds the one stored under the idempotency key) and starts its
     * fan-out.
     */
    public SignalAccepted accept(Checked checked, UUID signalId, String idempotencyKey) {
        SignalRequest request = checked.request();
        Signal signal = signals.insert(
                new Signal(
                        signalId,
                        checked.algorithm().id(),
                        checked.symbol(),
                        request.side(),
                        request.type(),
                        request.sizing().portfolioFraction(),
                        request.sizing().quantity(),
                        request.limitPrice(),
                        request.stopPrice(),
                        request.timeInForce(),
                        request.timeoutSeconds(),
                        null,
                        request.type() == OrderType.TRAILING_STOP
                                ? new Signal.Trailing(
                                        request.trailingPct(), request.trailingAmount(), request.activationPrice())
                                : null),
                idempotencyKey);
        start(signal);
        return new SignalAccepted(signal.id(), portfolios(checked.algorithm().id()));
    }

    /** How many portfolios a signal of the algorithm reaches now. */
    public int portfolios(UUID algorithmId) {
        return signals.countSubscribers(algorithmId);
    }

    private void start(Signal signal) {
        String workflowId = WorkflowIds.signal(signal.id().toString());
        SignalWorkflow workflow = workflows.newWorkflowStub(
                SignalWorkflow.class,
                WorkflowStarts.once(
                                workflowId,
                                TaskQueues.ORDERS,
                                Map.of(SearchAttributeKeys.ALGORITHM_ID, signal.algorithmId()))
                        // Where this process also runs the orders worker, the server hands the first task back in the
                        // start's answer: no wait for a poller on the signal-to-order path.
                        .setDisableEagerExecution(false)
                        .setMemo(Map.of(
                                "symbol",
                                signal.symbol(),
                                "side",
                                signal.side(),
                                "type",
                                signal.type(),
                                "quantity",
                                signal.quantity() != null
                                        ? signal.quantity().toPlainString()
                                        : signal.portfolioFraction()
                                                        .stripTrailingZeros()
                                                        .toPlainString() + " of each portfolio"))
                        .build());
        try {
            WorkflowClient.start(workflow::run, signal.id().toString());
        } catch (WorkflowExecutionAlreadyStarted retried) {
            log.info("Signal {} was posted again with its Idempotency-Key; its fan-out runs already", signal.id());
        } catch (RuntimeException e) {
            log.warn("Could not start the fan-out of signal {}", signal.id(), e);
            throw new ApiProblem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "signal-unavailable",
                    "Try again",
                    "The signal is stored but its orders could not be started; post it again with the same "
                            + "Idempotency-Key.");
        }
    }

    /** A TRAILING_STOP has exactly one trailing distance; no other type has any trailing field. */
    private static void validateTrailing(SignalRequest request, List<FieldError> errors) {
        boolean trailing = request.type() == OrderType.TRAILING_STOP;
        if (trailing && (request.trailingPct() == null) == (request.trailingAmount() == null)) {
            errors.add(new FieldError(
                    "trailingPct", "a TRAILING_STOP needs exactly one of trailingPct and trailingAmount"));
        }
        if (!trailing
                && (request.trailingPct() != null
                        || request.trailingAmount() != null
                        || request.activationPrice() != null)) {
            errors.add(new FieldError("type", "trailingPct, trailingAmount and activationPrice are for TRAILING_STOP"));
        }
    }

    /**
     * Every problem of which fields go together at once, so that a client fixes them in one go; each field's own
     * range is a constraint of the request (SignalsController), checked before.
     */
    private static List<FieldError> validate(SignalRequest request) {
        List<FieldError> errors = new ArrayList<>();
        BigDecimal fraction = request.sizing().portfolioFraction();
        BigDecimal quantity = request.sizing().quantity();
        if ((fraction == null) == (quantity == null)) {
            errors.add(new FieldError("sizing", "give exactly one of portfolioFraction and quantity"));
        }
        switch (request.type()) {
            case MARKET -> {
                if (request.limitPrice() != null) {
                    errors.add(new FieldError("limitPrice", "a MARKET order has no limit price"));
                }
                if (request.stopPrice() != null) {
                    errors.add(new FieldError("stopPrice", "a MARKET order has no stop price"));
                }
            }
            case LIMIT -> {
                if (request.limitPrice() == null) {
                    errors.add(new FieldError("limitPrice", "a LIMIT order needs a limit price"));
                }
                if (request.stopPrice() != null) {
                    errors.add(new FieldError("stopPrice", "a LIMIT order has no stop price"));
                }
            }
            case STOP_LOSS -> {
                if (request.stopPrice() == null) {
                    errors.add(new FieldError("stopPrice", "a STOP_LOSS order needs a stop price"));
                }
            }
            case TRAILING_STOP -> {
                // Its exit is a market order, or a limit order at limitPrice: no stop price of its own.
                if (request.stopPrice() != null) {
                    errors.add(new FieldError("stopPrice", "a TRAILING_STOP moves its own stop: give no stopPrice"));
                }
            }
            case STOP_LIMIT -> {
                if (request.stopPrice() == null) {
                    errors.add(new FieldError("stopPrice", "a STOP_LIMIT order needs a stop price"));
                }
                if (request.limitPrice() == null) {
                    errors.add(new FieldError("limitPrice", "a STOP_LIMIT order needs a limit price"));
                }
            }
        }
        if (request.timeInForce() != null && request.type() != OrderType.LIMIT) {
            errors.add(new FieldError("timeInForce", "applies to LIMIT orders only"));
        }
        validateTrailing(request, errors);
        return errors;
    }
}
