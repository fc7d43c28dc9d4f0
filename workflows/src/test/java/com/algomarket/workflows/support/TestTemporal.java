package com.algomarket.workflows.support;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import org.mockito.Mockito;

/** The in-process test server a workflow's tests run against. */
public final class TestTemporal {

    private TestTemporal() {}

    /**
     * A test server that runs the given workflow and knows the keyword search attributes it sets. It is not started:
     * each test registers its activities first, then starts it.
     */
    public static TestWorkflowExtension forWorkflow(Class<?> workflowImplementation, String... keywordAttributes) {
        return builder(workflowImplementation, keywordAttributes).build();
    }

    /**
     * As {@link #forWorkflow}, with the test server's clock starting at {@code initialTime}: for workflows that act at
     * a time of day, whose tests would otherwise pass or fail by the hour at which they run.
     */
    public static TestWorkflowExtension forWorkflowStartingAt(Instant initialTime, Class<?> workflowImplementation) {
        return builder(workflowImplementation).setInitialTime(initialTime).build();
    }

    private static TestWorkflowExtension.Builder builder(Class<?> workflowImplementation, String... keywordAttributes) {
        TestWorkflowExtension.Builder builder =
                TestWorkflowExtension.newBuilder().registerWorkflowImplementationTypes(workflowImplementation);
        for (String attribute : keywordAttributes) {
            builder.registerSearchAttribute(attribute, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
        }
        return builder.setDoNotStart(true);
    }

    /**
     * A Mockito mock of an activity interface, to register on a test worker. Made without annotations, so that the
     * mock's class carries no copies of the interface's Temporal annotations: Temporal reads an implementation's
     * annotations when a worker registers it.
     */
    public static <T> T mockActivities(Class<T> activityInterface) {
        return Mockito.mock(activityInterface, Mockito.withSettings().withoutAnnotations());
    }

    /** A stub for a workflow under the given id, on the test worker's task queue. */
    public static <T> T newWorkflow(WorkflowClient client, Worker worker, Class<T> type, String workflowId) {
        return client.newWorkflowStub(
                type,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(worker.getTaskQueue())
                        .build());
    }

    /** The search attribute {@code key} of the workflow {@code workflowId}, as the server describes it now. */
    public static <T> T searchAttribute(WorkflowClient client, String workflowId, SearchAttributeKey<T> key) {
        return client.newUntypedWorkflowStub(workflowId)
                .describe()
                .getTypedSearchAttributes()
                .get(key);
    }
}
