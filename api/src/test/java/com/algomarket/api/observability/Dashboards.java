package com.algomarket.api.observability;

import com.algomarket.api.support.ComposeFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Grafana dashboards docker-compose.yml provisions, and the metric names their PromQL queries use. Paths are
 * relative to the repository root ({@link ComposeFile#ROOT}).
 */
final class Dashboards {

    static final String APP = "api/observability/grafana/dashboards/algomarket.json";
    static final String TEMPORAL_SDK = "api/observability/grafana/dashboards/temporal-sdk-java.json";

    /** A metric name of ours or the Temporal SDK's inside a PromQL expression. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:algomarket|temporal)_[a-z0-9_]+\\b");

    private Dashboards() {}

    static JsonNode read(String dashboard) {
        return JsonMapper.builder().build().readTree(ComposeFile.text(ComposeFile.ROOT.resolve(dashboard)));
    }

    /** Every PromQL expression of the dashboard: its panels' targets and its template variables' queries. */
    static List<String> expressions(String dashboard) {
        JsonNode root = read(dashboard);
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asString());
            }
        }
        for (JsonNode variable : root.path("templating").path("list")) {
            if (variable.path("type").asString().equals("query")) {
                expressions.add(variable.path("query").path("query").asString());
            }
        }
        return expressions;
    }

    /** The metric names (as Prometheus spells them: {@code _total}, {@code _bucket} and all) the dashboard queries. */
    static Set<String> metricNames(String dashboard) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions(dashboard)) {
            Matcher metric = METRIC.matcher(expression);
            while (metric.find()) {
                names.add(metric.group());
            }
        }
        return names;
    }
}
