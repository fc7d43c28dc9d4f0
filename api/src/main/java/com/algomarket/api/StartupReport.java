package com.algomarket.api;

import com.algomarket.api.embedded.EmbeddedInfrastructure;
import com.algomarket.api.mode.ModeSelection;
import java.lang.management.ManagementFactory;
import lombok.extern.slf4j.Slf4j;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the app where to find it. */
@Component
@Slf4j
class StartupReport {

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort()
                : environment.getProperty("server.port", Integer.class, 8080);
        String base = "http://localhost:" + port;
        String webUi = environment.getProperty(
                EmbeddedInfrastructure.TEMPORAL_WEB_UI_PROPERTY,
                environment.getProperty("algomarket.temporal.web-ui", ""));
        if (webUi.isBlank()) {
            webUi = "not known (set TEMPORAL_WEB_UI; the in-process test server has none)";
        }
        log.info(
                """

                AlgoMarket is up in {} ms (roles: {}, {})
                  API:              {}/api/v1
                  Swagger UI:       {}/swagger-ui.html
                  Health:           {}/actuator/health
                  Temporal:         {}
                  Temporal Web UI:  {}
                  Operator token:   {}""",
                ManagementFactory.getRuntimeMXBean().getUptime(),
                environment.getProperty("algomarket.roles"),
                environment.getProperty(ModeSelection.EMBEDDED_PROPERTY, Boolean.class, false)
                        ? "embedded default"
                        : "production mode",
                base,
                base,
                base,
                environment.getProperty("spring.temporal.connection.target"),
                webUi,
                environment.getProperty(
                        EmbeddedInfrastructure.OPERATOR_TOKEN_FILE_PROPERTY,
                        "OPERATOR_TOKEN (for /codec/*: the Web UI's and the CLI's codec endpoint)"));
    }
}
