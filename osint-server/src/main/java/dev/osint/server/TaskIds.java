package dev.osint.server;

import io.javalin.http.Context;

/** Reads the {@code task_id} path parameter; an id no task can have is a 404 before the broker is asked. */
final class TaskIds {
    static final String PARAM = "task_id";
    /** The most characters a task id has; each is a letter or digit (ASCII), or one of {@code . _ : -}. */
    static final int MAX_LENGTH = 128;

    private TaskIds() {}

    static String from(Context ctx) {
        String id = ctx.pathParam(PARAM);
        if (!hasShape(id)) {
            throw notFound(id);
        }
        return id;
    }

    /** A loop, not a regex: it runs on every request for a task, where a Matcher cost more than the check. */
    static boolean hasShape(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
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
