package com.algomarket.api.apidocs;

import com.algomarket.api.auth.PublicEndpoints;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The OpenAPI document ({@code /v3/api-docs}) as a contract a client can be generated from: the bearer scheme on every
 * operation that needs a token, and the RFC 9457 problem answers every operation can give. The validation constraints
 * come from the request records' jakarta.validation annotations, which springdoc reads.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";

    /** The problem answers of api.md "Conventions", in the order a reader meets them. */
    static final Map<String, String> PROBLEM_RESPONSES = problemResponses();

    private static final List<PathPattern> PUBLIC = PublicEndpoints.PATTERNS.stream()
            .map(PathPatternParser.defaultInstance::parse)
            .toList();

    @Bean
    OpenAPI algoMarketOpenApi() {
        return new OpenAPI()
                .info(new Info().title("AlgoMarket API").version("v1"))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("The accessToken of POST /api/v1/auth/login."))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    @Bean
    OpenApiCustomizer securityAndProblems() {
        return openApi -> openApi.getPaths().forEach((path, item) -> {
            boolean isPublic = isPublic(path);
            item.readOperations().forEach(operation -> {
                if (!isPublic) {
                    operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                }
                addProblems(operation);
            });
        });
    }

    private static boolean isPublic(String path) {
        // Path variables ({id}) are one segment, as the patterns' wildcards match them.
        PathContainer concrete = PathContainer.parsePath(path.replaceAll("\\{[^}]+}", "x"));
        return PUBLIC.stream().anyMatch(pattern -> pattern.matches(concrete));
    }

    private static void addProblems(Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        PROBLEM_RESPONSES.forEach((status, description) -> responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))))));
        operation.setResponses(responses);
    }

    private static Map<String, String> problemResponses() {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("400", "Malformed body or invalid parameter");
        responses.put("401", "No valid bearer token");
        responses.put("403", "The caller's role may not do this");
        responses.put("404", "No such object of the caller's");
        responses.put("409", "Conflicts with the current state");
        responses.put("415", "The body is not JSON");
        responses.put("422", "Invalid fields (see errors)");
        responses.put("429", "Rate limited; see Retry-After");
        responses.put("503", "PostgreSQL or Temporal unavailable; see Retry-After");
        return Collections.unmodifiableMap(responses);
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new ObjectSchema()
                                        .addProperty("field", new StringSchema())
                                        .addProperty("message", new StringSchema())));
    }
}
