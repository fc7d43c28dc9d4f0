package com.algomarket.api.mode;

import java.util.List;
import lombok.Getter;

/**
 * The app will not start with this configuration; {@link StartupRefusedFailureAnalyzer} prints every problem at once,
 * so that an operator fixes them in one go rather than one per restart.
 */
public class StartupRefusedException extends RuntimeException {

    @Getter
    private final List<String> problems;

    private final String action;

    public StartupRefusedException(String headline, List<String> problems, String action) {
        super(headline + " " + String.join(", ", problems));
        this.problems = List.copyOf(problems);
        this.action = action;
    }

    String action() {
        return action;
    }
}
