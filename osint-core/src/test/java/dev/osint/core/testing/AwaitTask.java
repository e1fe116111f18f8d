package dev.osint.core.testing;

import static org.awaitility.Awaitility.await;

import dev.osint.core.TaskRecord;
import dev.osint.core.TaskState;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Waits for a task to reach a state by reading it again and again, from a broker, a store or the API. A task that
 * ends in another final state stops the wait at once, as a failure that shows the task (its error), instead of a
 * timeout that says nothing.
 * <pre>{@code
 * TaskRecord done = AwaitTask.inState(TaskState.SUCCESS, () -> broker.get(task.id()));
 * JsonNode status = AwaitTask.until(TaskState.SUCCESS, () -> json(api.get("/api/v1/scan/" + id)),
 *         s -> s.path("status").asText());
 * }</pre>
 */
public final class AwaitTask {
    /** Long enough for a scan of real collectors on a loaded machine; a wait that ends early costs nothing. */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(50);

    private AwaitTask() {}

    /** The task once it reached {@code wanted}; fails when it ended in another final state. */
    public static TaskRecord inState(TaskState wanted, Supplier<Optional<TaskRecord>> read) {
        return until(wanted, () -> read.get().orElse(null), AwaitTask::stateOf,
                task -> "task " + task.id() + " ended " + task.state() + " (error: " + task.error() + ")");
    }

    /** The task once it ended, in whichever final state. */
    public static TaskRecord ended(Supplier<Optional<TaskRecord>> read) {
        return ended(() -> read.get().orElse(null), AwaitTask::stateOf);
    }

    /** What {@code read} answers once the state {@code stateOf} finds in it is a final one. */
    public static <T> T ended(Callable<T> read, Function<T, String> stateOf) {
        return await().atMost(LONGEST_WAIT).pollInterval(POLL).until(read, answer -> {
            TaskState state = parse(answer == null ? null : stateOf.apply(answer));
            return state != null && state.isFinal();
        });
    }

    /**
     * What {@code read} answers once the state {@code stateOf} finds in it (a {@link TaskState} name; null or empty
     * while there is none yet) is {@code wanted}; fails, showing the last answer, when it is another final state.
     */
    public static <T> T until(TaskState wanted, Callable<T> read, Function<T, String> stateOf) {
        return until(wanted, read, stateOf, answer -> "the task ended: " + answer);
    }

    private static <T> T until(TaskState wanted, Callable<T> read, Function<T, String> stateOf,
                               Function<T, String> describe) {
        T last = await().atMost(LONGEST_WAIT).pollInterval(POLL).until(read, answer -> {
            TaskState state = parse(answer == null ? null : stateOf.apply(answer));
            return state == wanted || state != null && state.isFinal();
        });
        if (parse(stateOf.apply(last)) != wanted) {
            throw new AssertionError("expected " + wanted + ", but " + describe.apply(last));
        }
        return last;
    }

    private static String stateOf(TaskRecord task) {
        return task.state().name();
    }

    private static TaskState parse(String state) {
        return state == null || state.isEmpty() ? null : TaskState.valueOf(state);
    }
}
