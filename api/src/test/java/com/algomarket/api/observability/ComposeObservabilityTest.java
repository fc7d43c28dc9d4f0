package com.algomarket.api.observability;

import static com.algomarket.api.support.ComposeFile.COMPOSE;
import static com.algomarket.api.support.ComposeFile.ROOT;
import static com.algomarket.api.support.ComposeFile.configFile;
import static com.algomarket.api.support.ComposeFile.list;
import static com.algomarket.api.support.ComposeFile.map;
import static com.algomarket.api.support.ComposeFile.maps;
import static com.algomarket.api.support.ComposeFile.mountTarget;
import static com.algomarket.api.support.ComposeFile.service;
import static com.algomarket.api.support.ComposeFile.text;
import static com.algomarket.api.support.ComposeFile.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml's Prometheus and Grafana, checked from the files (no Docker engine here): both services exist
 * with pinned images, everything they mount is a file in the repository, Prometheus scrapes the app's
 * /actuator/prometheus with the operator token from the app's own secret file (no token in git), Grafana provisions
 * that Prometheus and both dashboards, every panel queries it, and every Temporal metric the SDK dashboard queries is
 * one the Java SDK declares. That the app's dashboard queries only metrics the app registers is MetricsIT's check,
 * against a real scrape.
 */
class ComposeObservabilityTest {

    /** The uid the dashboards name their data source by. */
    private static final String DATASOURCE_UID = "prometheus";

    @Test
    void givenTheComposeFile_whenRead_thenPrometheusAndGrafanaRunPinnedAndMountOnlyFilesOfTheRepository() {
        for (String name : List.of("prometheus", "grafana")) {
            Map<String, Object> service = service(name);
            assertThat((String) service.get("image"))
                    .as(name)
                    .matches("[^:]+:[^:]+")
                    .doesNotEndWith(":latest");
            for (Map<String, Object> mount : maps(service.get("configs"))) {
                Map<String, Object> config = map(map(COMPOSE.get("configs")).get((String) mount.get("source")));
                assertThat(config)
                        .as(name + " mounts config " + mount.get("source"))
                        .isNotNull();
                assertThat(ROOT.resolve((String) config.get("file"))).as(name).isRegularFile();
            }
            for (Object volume : list(service.get("volumes"))) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(ROOT.resolve(source))
                            .as(name + " bind-mounts " + source)
                            .exists();
                }
            }
        }
    }

    @Test
    void givenPrometheus_whenItsConfigurationIsRead_thenItScrapesTheAppWithTheOperatorTokenFromTheAppsSecretFile() {
        Map<String, Object> prometheus = service("prometheus");
        String configPath = mountTarget(prometheus, "prometheus_config");
        assertThat(list(prometheus.get("command"))).contains("--config.file=" + configPath);
        Path configFile = configFile("prometheus_config");
        assertThat(text(configFile))
                .as("no literal credential in git")
                .doesNotContainPattern("(?m)^\\s*(credentials|bearer_token|password):");

        Map<String, Object> job = maps(yaml(configFile).get("scrape_configs")).stream()
                .filter(candidate -> "/actuator/prometheus".equals(candidate.get("metrics_path")))
                .findFirst()
                .orElseThrow();
        assertThat(maps(job.get("static_configs")).getFirst().get("targets")).isEqualTo(List.of("app:8080"));
        Map<String, Object> authorization = map(job.get("authorization"));
        assertThat(authorization.get("type")).isEqualTo("Bearer");
        String credentialsFile = (String) authorization.get("credentials_file");
        assertThat(credentialsFile).startsWith("/run/secrets/");
        String secret = credentialsFile.substring("/run/secrets/".length());
        assertThat(list(prometheus.get("secrets"))).contains(secret);
        // The very secret the app reads its OPERATOR_TOKEN from.
        assertThat(maps(service("app").get("secrets"))).anySatisfy(appSecret -> {
            assertThat(appSecret.get("source")).isEqualTo(secret);
            assertThat(appSecret.get("target")).isEqualTo("OPERATOR_TOKEN");
        });
        assertThat((String) map(map(COMPOSE.get("secrets")).get(secret)).get("file"))
                .startsWith("./secrets/");
    }

    @Test
    void givenGrafana_whenItsProvisioningIsRead_thenPrometheusIsItsDataSourceAndBothDashboardsAreProvisioned() {
        Map<String, Object> grafana = service("grafana");
        Map<String, Object> environment = map(grafana.get("environment"));
        assertThat(environment.get("GF_SECURITY_ADMIN_PASSWORD__FILE"))
                .isEqualTo("/run/secrets/grafana_admin_password");
        assertThat(list(grafana.get("secrets"))).contains("grafana_admin_password");

        assertThat(mountTarget(grafana, "grafana_datasources")).startsWith("/etc/grafana/provisioning/datasources/");
        Map<String, Object> datasource =
                maps(yaml(configFile("grafana_datasources")).get("datasources")).getFirst();
        assertThat(datasource.get("type")).isEqualTo("prometheus");
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(datasource.get("uid")).isEqualTo(DATASOURCE_UID);

        assertThat(mountTarget(grafana, "grafana_dashboard_provider"))
                .startsWith("/etc/grafana/provisioning/dashboards/");
        Map<String, Object> provider = maps(yaml(configFile("grafana_dashboard_provider"))
                        .get("providers"))
                .getFirst();
        String dashboards = (String) map(provider.get("options")).get("path");
        for (String config : List.of("grafana_dashboard_app", "grafana_dashboard_temporal_sdk")) {
            assertThat(mountTarget(grafana, config))
                    .startsWith(dashboards + "/")
                    .endsWith(".json");
        }
        assertThat(List.of(configFile("grafana_dashboard_app"), configFile("grafana_dashboard_temporal_sdk")))
                .containsExactly(
                        ROOT.resolve(Dashboards.APP).normalize(),
                        ROOT.resolve(Dashboards.TEMPORAL_SDK).normalize());
    }

    @Test
    void givenBothDashboards_whenRead_thenEveryPanelQueriesTheProvisionedPrometheus() {
        Set<String> uids = new HashSet<>();
        for (String dashboard : List.of(Dashboards.APP, Dashboards.TEMPORAL_SDK)) {
            JsonNode root = Dashboards.read(dashboard);
            assertThat(uids.add(root.path("uid").asString()))
                    .as(dashboard + " has a uid of its own")
                    .isTrue();
            for (JsonNode panel : root.path("panels")) {
                if (panel.path("type").asString().equals("row")) {
                    continue;
                }
                String title = dashboard + ": " + panel.path("title").asString();
                assertThat(panel.path("datasource").path("uid").asString())
                        .as(title)
                        .isEqualTo(DATASOURCE_UID);
                assertThat(panel.path("targets").isEmpty()).as(title).isFalse();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asString()).as(title).isNotBlank();
                }
            }
        }
    }

    @Test
    void givenTheTemporalSdkDashboard_whenItsQueriesAreRead_thenEachMetricIsOneTheJavaSdkDeclares() {
        Set<String> declared = new HashSet<>();
        declared.addAll(metricNames(io.temporal.worker.MetricsType.class));
        declared.addAll(metricNames(io.temporal.serviceclient.MetricsType.class));

        Set<String> queried = Dashboards.metricNames(Dashboards.TEMPORAL_SDK);

        assertThat(queried)
                .isNotEmpty()
                .allSatisfy(name -> assertThat(declared)
                        .as("%s (Micrometer's Prometheus name of an SDK metric)", name)
                        .contains(sdkName(name)));
        assertThat(queried)
                .as("the SDK dashboard's essentials")
                .contains(
                        "temporal_request_total",
                        "temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
                        "temporal_activity_execution_failed_total",
                        "temporal_worker_task_slots_available");
    }

    @Test
    void givenTheAppDashboard_whenItsQueriesAreRead_thenItShowsWhatOperatorsNeedFromTheApp() {
        assertThat(Dashboards.metricNames(Dashboards.APP))
                .allSatisfy(name -> assertThat(name).startsWith("algomarket_"))
                .contains(
                        "algomarket_orders",
                        "algomarket_signal_to_venue_seconds_bucket",
                        "algomarket_stream_connected",
                        "algomarket_stream_lag_seconds",
                        "algomarket_stream_reconnects_total",
                        "algomarket_exchange_ratelimit_available",
                        "algomarket_exchange_ratelimit_refused_total");
    }

    /** The SDK's own name of a metric as Micrometer's Prometheus registry exports it (unit and type suffixes off). */
    private static String sdkName(String exported) {
        return exported.replaceFirst("(_seconds)?(_bucket|_count|_sum|_max)$", "")
                .replaceFirst("_total$", "");
    }

    private static Set<String> metricNames(Class<?> metricsType) {
        Set<String> names = new HashSet<>();
        for (Field field : metricsType.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
