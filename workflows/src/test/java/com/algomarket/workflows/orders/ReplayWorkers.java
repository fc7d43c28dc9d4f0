package com.algomarket.workflows.orders;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;

/** Workers that replay order histories as deployed or as a variant of the workflow (a {@link WithoutVersionGate}). */
final class ReplayWorkers {

    private ReplayWorkers() {}

    /** An environment whose worker factory carries the given interceptors (none: as deployed); never started. */
    static TestWorkflowEnvironment environment(WorkerInterceptor... interceptors) {
        return TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(interceptors)
                        .build())
                .build());
    }

    /** Asserts that the worker cannot replay the history: its code takes another path than the one recorded. */
    static void assertNonDeterministic(WorkflowExecutionHistory history, Worker worker) {
        assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(history, worker))
                .hasMessageContaining(NonDeterministicException.class.getName());
    }

    static Worker replayWorker(TestWorkflowEnvironment env) {
        Worker worker = env.newWorker("replay");
        worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        return worker;
    }

    /**
     * Replay workers for the three variants of the version gate {@code changeId}, each on an environment (an
     * in-process server) of its own that the test shares across its replays: as deployed, without the gate (it always
     * answers {@code versionWithoutTheGate}), and from before the change.
     */
    static GateVariants gateVariants(String changeId, int versionWithoutTheGate) {
        return new GateVariants(
                environment(),
                environment(WithoutVersionGate.pinned(changeId, versionWithoutTheGate)),
                environment(WithoutVersionGate.beforeTheChange(changeId)));
    }

    record GateVariants(
            TestWorkflowEnvironment asDeployedEnvironment,
            TestWorkflowEnvironment withoutTheGateEnvironment,
            TestWorkflowEnvironment beforeTheChangeEnvironment,
            Worker asDeployed,
            Worker withoutTheGate,
            Worker beforeTheChange)
            implements AutoCloseable {

        GateVariants(
                TestWorkflowEnvironment asDeployed,
                TestWorkflowEnvironment withoutTheGate,
                TestWorkflowEnvironment beforeTheChange) {
            this(
                    asDeployed,
                    withoutTheGate,
                    beforeTheChange,
                    replayWorker(asDeployed),
                    replayWorker(withoutTheGate),
                    replayWorker(beforeTheChange));
        }

        @Override
        public void close() {
            asDeployedEnvironment.close();
            withoutTheGateEnvironment.close();
            beforeTheChangeEnvironment.close();
        }
    }
}
