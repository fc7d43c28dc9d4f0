package com.algomarket.workflows.support;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.mockito.stubbing.Answer;

/**
 * The calls of a mocked activity, each with its argument and the test server's time of the call: for the tests of
 * workflows that call an activity on a schedule, with time skipped.
 *
 * @param <T> the type of the activity's (only) argument
 */
public final class TimedCalls<T> {

    /** One call: its argument and the test server's time of it, in milliseconds since the epoch. */
    public record Call<T>(T input, long at) {}

    private final List<Call<T>> calls = new CopyOnWriteArrayList<>();

    /** The calls so far, oldest first; the list grows as the workflow calls on. */
    public List<Call<T>> calls() {
        return calls;
    }

    /** An answer that notes the call, then answers what {@code answer} gives for its argument. */
    public <R> Answer<R> noting(TestWorkflowEnvironment env, Function<T, R> answer) {
        return invocation -> {
            T input = invocation.getArgument(0);
            calls.add(new Call<>(input, env.currentTimeMillis()));
            return answer.apply(input);
        };
    }

    /** Waits until at least {@code count} calls were made (10 s at most). */
    public void awaitAtLeast(int count) {
        Await.until(Duration.ofSeconds(10), calls::size, size -> size >= count);
    }
}
