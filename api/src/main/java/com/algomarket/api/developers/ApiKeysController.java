package com.algomarket.api.developers;

import static com.algomarket.api.auth.SignedInUser.userId;

import com.algomarket.api.Roles;
import com.algomarket.api.problem.ApiProblem;
import com.algomarket.db.audit.AuditLog;
import com.algomarket.db.developers.ApiKey;
import com.algomarket.db.developers.ApiKeyRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * An algorithm's API keys, managed by its owner: a key is shown once when created, listed without its secret, and
 * revoked with effect on the next request (keys are checked against the database on every use).
 */
@RestController
@RequestMapping("/api/v1/algorithms/{algorithmId}/api-keys")
@PreAuthorize("hasRole('DEVELOPER')")
@ConditionalOnBooleanProperty(Roles.API_PROPERTY)
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
class ApiKeysController {

    private final OwnedAlgorithms algorithms;
    private final ApiKeyRepository keys;
    private final AuditLog auditLog;
    private final Clock clock;

    record CreateRequest(@NotBlank @Size(max = 100) String name, OffsetDateTime expiresAt) {}

    record CreatedKey(UUID id, String name, String key, OffsetDateTime createdAt, OffsetDateTime expiresAt) {}

    record KeyView(
            UUID id, String name, OffsetDateTime lastUsedAt, OffsetDateTime createdAt, OffsetDateTime expiresAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.name(), key.lastUsedAt(), key.createdAt(), key.expiresAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKey create(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID algorithmId,
            @Valid @RequestBody CreateRequest request) {
        UUID developerId = userId(token);
        UUID algorithm = algorithms.find(developerId, algorithmId).id();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now(clock))) {
            throw ApiProblem.validationFailed(List.of(new ApiProblem.FieldError("expiresAt", "must be in the future")));
        }
        ApiKeyFormat secret = ApiKeyFormat.generate();
        ApiKey key = keys.insert(
                UUID.randomUUID(),
                algorithm,
                request.name().strip(),
                secret.lookupPrefix(),
                secret.hash(),
                request.expiresAt());
        auditLog.append(
                "user:" + developerId, "api_key", key.id().toString(), "CREATED", Map.of("algorithmId", algorithm));
        return new CreatedKey(key.id(), key.name(), secret.key(), key.createdAt(), key.expiresAt());
    }

    @GetMapping
    List<KeyView> list(@AuthenticationPrincipal Jwt token, @PathVariable UUID algorithmId) {
        UUID algorithm = algorithms.find(userId(token), algorithmId).id();
        return keys.listActive(algorithm).stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Jwt token, @PathVariable UUID algorithmId, @PathVariable UUID keyId) {
        UUID developerId = userId(token);
        UUID algorithm = algorithms.find(developerId, algorithmId).id();
        if (!keys.revoke(algorithm, keyId, OffsetDateTime.now(clock))) {
            throw ApiProblem.notFound("api-key", keyId);
        }
        auditLog.append(
                "user:" + developerId, "api_key", keyId.toString(), "REVOKED", Map.of("algorithmId", algorithm));
    }
}
