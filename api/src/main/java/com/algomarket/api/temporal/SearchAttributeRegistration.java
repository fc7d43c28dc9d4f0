package com.algomarket.api.temporal;

import com.algomarket.workflows.common.SearchAttributeKeys;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lombok.AccessLevel;
import lombok.RequiredArgsConstructor;
import lombok.extern.slf4j.Slf4j;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the search attributes our workflows upsert, before the workers start (they start when the app is
 * ready). A workflow that upserts an unknown attribute fails its workflow task, so this must run first. Servers that
 * do not allow it (Temporal Cloud registers attributes in its console) get a warning instead of a failed start.
 */
@Component
@RequiredArgsConstructor(access = AccessLevel.PACKAGE)
@Slf4j
class SearchAttributeRegistration {

    private final WorkflowServiceStubs stubs;

    @Value("${spring.temporal.namespace}")
    private final String namespace;

    @EventListener(ApplicationStartedEvent.class)
    void registerSearchAttributes() {
        OperatorServiceStubs operator = OperatorServiceStubs.newServiceStubs(OperatorServiceStubsOptions.newBuilder()
                .setChannel(stubs.getRawChannel())
                .validateAndBuildWithDefaults());
        try {
            Set<String> missing = missingAttributes(operator);
            if (missing.isEmpty()) {
                return;
            }
            Map<String, IndexedValueType> toAdd = missing.stream()
                    .collect(Collectors.toMap(name -> name, name -> IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
            operator.blockingStub()
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .addSearchAttributes(AddSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .putAllSearchAttributes(toAdd)
                            .build());
            log.info("Registered search attributes {} in namespace {}", missing, namespace);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.ALREADY_EXISTS) {
                return;
            }
            log.warn(
                    "Could not register search attributes {} in namespace {}: {}. Register them on the server, "
                            + "or workflows will fail to upsert them.",
                    names(),
                    namespace,
                    e.getStatus());
        } finally {
            operator.shutdown();
        }
    }

    private Set<String> missingAttributes(OperatorServiceStubs operator) {
        try {
            Set<String> existing = operator.blockingStub()
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .listSearchAttributes(ListSearchAttributesRequest.newBuilder()
                            .setNamespace(namespace)
                            .build())
                    .getCustomAttributesMap()
                    .keySet();
            return names().stream().filter(name -> !existing.contains(name)).collect(Collectors.toSet());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return names(); // the in-process test server cannot list them; adding tells us enough
            }
            throw e;
        }
    }

    private static Set<String> names() {
        return SearchAttributeKeys.ALL.stream().map(key -> key.getName()).collect(Collectors.toSet());
    }
}
