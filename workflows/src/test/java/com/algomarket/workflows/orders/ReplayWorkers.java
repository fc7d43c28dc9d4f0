package com.algomarket.workflows.orders;

import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
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

    static Worker replayWorker(TestWorkflowEnvironment env) {
        Worker worker = env.newWorker("replay");
        worker.registerWorkflowImplementationTypes(OrderWorkflowImpl.class);
        return worker;
    }
}
