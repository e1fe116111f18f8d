package dev.osint.server;

import io.javalin.http.Context;
import java.util.regex.Pattern;

/** Reads the {@code task_id} path parameter; an id no task can have is a 404 before the broker is asked. */
final class TaskIds {
    static final String PARAM = "task_id";
    /** The shape of a task id: 1 to 128 of these characters (what {@link #hasShape} checks, written out). */
    static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int LONGEST = 128;

    private TaskIds() {}

    static String from(Context ctx) {
        String id = ctx.pathParam(PARAM);
        if (!hasShape(id)) {
            throw notFound(id);
        }
        return id;
    }

    /** {@link #SHAPE} as a loop: the regex was a few percent of a status read's CPU, on every request. */
    static boolean hasShape(String id) {
        int length = id.length();
        if (length == 0 || length > LONGEST) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static ProblemException notFound(String id) {
        return new ProblemException(new Problem(Problem.TASK_NOT_FOUND, "Task not found", 404,
                "no task '" + Printable.clip(id) + "': the id is unknown, or its result expired", null));
    }
}
