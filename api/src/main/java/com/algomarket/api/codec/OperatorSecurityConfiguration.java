package com.algomarket.api.codec;

import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operators' endpoints have their own filter chains, ahead of the users' one: only the operator token opens them
 * (a user's JWT is not even read). The codec endpoints may be called by browsers only from the configured Temporal Web
 * UI origin ({@code algomarket.temporal.web-ui}); a preflight from any other origin is refused. Of the actuator, only
 * health is public (api.md "Operators"); metrics, info and the rest are operators'.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurityConfiguration {

    static final String OPERATOR_ROLE = "OPERATOR";

    @Bean
    @Order(1)
    SecurityFilterChain codecFilterChain(
            HttpSecurity http,
            OperatorToken operatorToken,
            ProblemWriter problems,
            @Value("${algomarket.temporal.web-ui:}") String webUi)
            throws Exception {
        http.securityMatcher("/api/v1/codec/**")
                .cors(cors -> cors.configurationSource(webUiOnly(webUi)))
                .addFilterBefore(new OperatorTokenFilter(operatorToken), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(OPERATOR_ROLE));
        return operatorsOnly(http, problems);
    }

    @Bean
    @Order(2)
    SecurityFilterChain actuatorFilterChain(HttpSecurity http, OperatorToken operatorToken, ProblemWriter problems)
            throws Exception {
        http.securityMatcher("/actuator/**")
                .addFilterBefore(new OperatorTokenFilter(operatorToken), AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest()
                        .hasRole(OPERATOR_ROLE));
        return operatorsOnly(http, problems);
    }

    /** Stateless, bearer token only, and problem details for 401 and 403. */
    private static SecurityFilterChain operatorsOnly(HttpSecurity http, ProblemWriter problems) throws Exception {
        http.csrf(csrf -> csrf.disable()) // a bearer token only: no cookie for a cross-site request to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(
                                (request, response, e) -> problems.write(
                                        response,
                                        new ApiProblem(
                                                HttpStatus.UNAUTHORIZED,
                                                "unauthenticated",
                                                "Operator credential required",
                                                "Send the operator token (OPERATOR_TOKEN) as a bearer token.")))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response,
                                new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Operators only."))));
        return http.build();
    }

    private static UrlBasedCorsConfigurationSource webUiOnly(String webUi) {
        CorsConfiguration configuration = new CorsConfiguration();
        if (webUi != null && !webUi.isBlank()) {
            URI uri = URI.create(webUi.strip());
            configuration.setAllowedOrigins(List.of(uri.getScheme() + "://" + uri.getAuthority()));
        } else {
            configuration.setAllowedOrigins(List.of());
        }
        configuration.setAllowedMethods(List.of("POST", "OPTIONS"));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, "X-Namespace"));
        configuration.setAllowCredentials(true);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/v1/codec/**", configuration);
        return source;
    }

    /** Authenticates a request that carries the operator token as its bearer token; leaves any other unauthenticated. */
    private static final class OperatorTokenFilter extends OncePerRequestFilter {

        private static final String BEARER = "Bearer ";

        private final OperatorToken operatorToken;

        OperatorTokenFilter(OperatorToken operatorToken) {
            this.operatorToken = operatorToken;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null
                    && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    && operatorToken.matches(header.substring(BEARER.length()).strip())) {
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "operator", null, List.of(new SimpleGrantedAuthority("ROLE_" + OPERATOR_ROLE))));
                SecurityContextHolder.setContext(context);
            }
            chain.doFilter(request, response);
        }
    }
}
