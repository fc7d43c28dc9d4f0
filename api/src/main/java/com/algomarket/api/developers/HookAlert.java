package com.algomarket.api.developers;

import static com.algomarket.api.Decimals.plain;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.problem.ApiProblem.FieldError;
import com.algomarket.api.signals.SignalsController.SignalRequest;
import com.algomarket.api.signals.SignalsController.Sizing;
import com.algomarket.db.developers.SignalHook;
import com.algomarket.workflows.orders.OrderType;
import com.algomarket.workflows.orders.Side;
import com.algomarket.workflows.orders.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A TradingView-style alert read into a signal request. Alert senders are lenient, so this is too: enum values in any
 * case ({@code "buy"}), numbers as JSON numbers or strings, symbols as {@code BTCEUR}, {@code BTC-EUR} or
 * {@code BINANCE:BTCEUR} (matched to the algorithm's {@code BTC/EUR}); {@code type} defaults to MARKET and
 * {@code sizing} to the hook's default. A STOP_LIMIT takes {@code stopPrice} and {@code limitPrice}, a TRAILING_STOP
 * {@code trailingPct} or {@code trailingAmount} and an optional {@code activationPrice}, as a signal does. Fields
 * other than a signal's are ignored.
 */
final class HookAlert {

    private HookAlert() {}

    /** The signal the alert asks for; a body that is no alert throws the problem to answer (422). */
    static SignalRequest read(JsonNode alert, List<String> algorithmSymbols, SignalHook hook) {
        if (alert == null || !alert.isObject()) {
            throw ApiProblem.validationFailed(List.of(new FieldError("body", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        String symbol = text(alert, "symbol");
        if (symbol == null || symbol.isBlank()) {
            errors.add(new FieldError("symbol", "must not be blank"));
        }
        Side side = enumValue(alert, "side", Side.class, null, errors);
        if (side == null && errors.stream().noneMatch(e -> e.field().equals("side"))) {
            errors.add(new FieldError("side", "must be BUY or SELL"));
        }
        OrderType type = enumValue(alert, "type", OrderType.class, OrderType.MARKET, errors);
        TimeInForce timeInForce = enumValue(alert, "timeInForce", TimeInForce.class, null, errors);
        Sizing sizing = sizing(alert, hook, errors);
        BigDecimal limitPrice = decimal(alert, "limitPrice", errors);
        BigDecimal stopPrice = decimal(alert, "stopPrice", errors);
        Integer timeoutSeconds = integer(alert, "timeoutSeconds", errors);
        BigDecimal trailingPct = decimal(alert, "trailingPct", errors);
        BigDecimal trailingAmount = decimal(alert, "trailingAmount", errors);
        BigDecimal activationPrice = decimal(alert, "activationPrice", errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.validationFailed(errors);
        }
        return new SignalRequest(
                symbolOf(symbol, algorithmSymbols),
                side,
                type,
                sizing,
                limitPrice,
                stopPrice,
                timeInForce,
                timeoutSeconds,
                trailingPct,
                trailingAmount,
                activationPrice);
    }

    /**
     * The request in one canonical line: alerts that ask for the same signal are the same alert, however their JSON
     * is spaced, ordered or spelled ("0.10" and 0.1, "buy" and "BUY").
     */
    static String canonical(SignalRequest request) {
        Stream<Object> fields = Stream.of(
                request.symbol(),
                request.side(),
                request.type(),
                plain(request.sizing().portfolioFraction()),
                plain(request.sizing().quantity()),
                plain(request.limitPrice()),
                plain(request.stopPrice()),
                request.timeInForce(),
                request.timeoutSeconds());
        // Only a trailing stop has trailing fields (the signal check refuses them elsewhere), and every other alert
        // keeps the line it had before they existed: a repeat that straddles a deploy is still recognised.
        if (request.type() == OrderType.TRAILING_STOP) {
            fields = Stream.concat(
                    fields,
                    Stream.of(
                            plain(request.trailingPct()),
                            plain(request.trailingAmount()),
                            plain(request.activationPrice())));
        }
        return fields.map(value -> Objects.toString(value, "")).collect(Collectors.joining("|"));
    }

    /** The algorithm's spelling of the symbol when the alert's matches one, ignoring separators, case and venue. */
    static String symbolOf(String alerted, List<String> algorithmSymbols) {
        String bare = squash(alerted.contains(":") ? alerted.substring(alerted.lastIndexOf(':') + 1) : alerted);
        return algorithmSymbols.stream()
                .filter(symbol -> squash(symbol).equals(bare))
                .findFirst()
                .orElse(alerted.strip().toUpperCase(Locale.ROOT));
    }

    private static String squash(String symbol) {
        return symbol.strip().toUpperCase(Locale.ROOT).replaceAll("[/\\-_ ]", "");
    }

    private static Sizing sizing(JsonNode alert, SignalHook hook, List<FieldError> errors) {
        JsonNode sizing = alert.get("sizing");
        if (sizing == null || sizing.isNull()) {
            return new Sizing(hook.defaultPortfolioFraction(), hook.defaultQuantity());
        }
        if (!sizing.isObject()) {
            errors.add(new FieldError("sizing", "must be {portfolioFraction} or {quantity}"));
            return null;
        }
        return new Sizing(
                decimal(sizing, "portfolioFraction", "sizing.portfolioFraction", errors),
                decimal(sizing, "quantity", "sizing.quantity", errors));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asString();
    }

    private static <E extends Enum<E>> E enumValue(
            JsonNode alert, String field, Class<E> type, E absent, List<FieldError> errors) {
        String value = text(alert, field);
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            errors.add(new FieldError(
                    field,
                    "must be one of "
                            + Stream.of(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
            return null;
        }
    }

    private static BigDecimal decimal(JsonNode node, String field, List<FieldError> errors) {
        return decimal(node, field, field, errors);
    }

    private static BigDecimal decimal(JsonNode node, String field, String path, List<FieldError> errors) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException notANumber) {
            errors.add(new FieldError(path, "must be a decimal number"));
            return null;
        }
    }

    private static Integer integer(JsonNode node, String field, List<FieldError> errors) {
        BigDecimal value = decimal(node, field, errors);
        if (value == null) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException notAnInteger) {
            errors.add(new FieldError(field, "must be a whole number of seconds"));
            return null;
        }
    }
}
