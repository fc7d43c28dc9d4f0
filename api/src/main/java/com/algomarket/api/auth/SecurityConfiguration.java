package com.algomarket.api.auth;

import com.algomarket.api.developers.ApiKeyAuthenticationFilter;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.api.problem.ProblemWriter;
import com.algomarket.db.secrets.HmacKeys;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Duration;
import java.util.List;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer-token security: {@code /auth/login} issues an HS256 JWT with the user id as subject and the role
 * as a claim; every other endpoint except the public ones below requires one. Failures answer problem details.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity // developer-only endpoints say so with @PreAuthorize
class SecurityConfiguration {

    static final String ISSUER = "algomarket";

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, ProblemWriter problems, ObjectProvider<ApiKeyAuthenticationFilter> apiKeys)
            throws Exception {
        // Algorithm API keys (Bearer ak_...) are checked before bearer JWTs, and only on the signal endpoint.
        apiKeys.ifAvailable(filter -> http.addFilterBefore(filter, BearerTokenAuthenticationFilter.class));
        http.csrf(csrf -> csrf.disable()) // bearer tokens only: no cookies for a cross-site request to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(
                        requests -> requests.requestMatchers(PublicEndpoints.PATTERNS.toArray(String[]::new))
                                .permitAll()
                                // The actuator has its own chain (OperatorSecurityConfiguration).
                                .requestMatchers("/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs/**", "/error")
                                .permitAll()
                                .anyRequest()
                                .authenticated())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(roleConverter()))
                        .authenticationEntryPoint(unauthenticated(problems))
                        .accessDeniedHandler((request, response, e) -> problems.write(
                                response,
                                new ApiProblem(
                                        HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Your role may not do this."))))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthenticated(problems)));
        return http.build();
    }

    private static AuthenticationEntryPoint unauthenticated(ProblemWriter problems) {
        return (request, response, e) -> problems.write(
                response,
                new ApiProblem(
                        HttpStatus.UNAUTHORIZED,
                        "unauthenticated",
                        "Authentication required",
                        "Send a valid bearer token from POST /api/v1/auth/login."));
    }

    @Bean
    SecretKey tokenKey(@Value("${algomarket.auth.jwt-secret}") String secret) {
        return HmacKeys.fromBase64(secret, "algomarket.auth.jwt-secret", "JWT_SECRET");
    }

    @Bean
    JwtEncoder jwtEncoder(SecretKey tokenKey) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(tokenKey));
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey tokenKey) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(tokenKey)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(Duration.ofSeconds(30)), new JwtIssuerValidator(ISSUER)));
        return decoder;
    }

    /** The token's {@code role} claim (USER, DEVELOPER) becomes the authority {@code ROLE_<role>}. */
    private static JwtAuthenticationConverter roleConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            String role = jwt.getClaimAsString(TokenService.ROLE_CLAIM);
            return role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
        });
        return converter;
    }
}
