package dev.osint.server;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Reads the {@code task_id} path parameter; an id no task can have is a 404 before the broker is asked. */
final class TaskIds {
    static final String PARAM = "task_id";
    /** The shape of a task id: 1 to 128 of these characters; anything else cannot name a task. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private TaskIds() {}

    static String from(Context ctx) {
        String id = ctx.pathParam(PARAM);
        if (!hasShape(id)) {
            throw notFound(id);
        }
        return id;
    }

    static boolean hasShape(String id) {
        return SHAPE.matcher(id).matches();
    }

    static ProblemException notFound(String id) {
        return new ProblemException(new Problem(Problem.TASK_NOT_FOUND, "Task not found", 404,
                "no task '" + Printable.clip(id) + "': the id is unknown, or its result expired", null));
    }
}
