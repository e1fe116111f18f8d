package dev.osint.queue.redis;

/** The small fixed codes the Lua scripts answer with (see the header of each script in {@code lua/}). */
enum ScriptCode {
    OK(1), EMPTY(0), UNKNOWN_TASK(-1), LEASE_LOST(-2), DUPLICATE(-3), ALREADY_FINAL(-4), QUEUE_FULL(-5),
    TOO_MANY_UNFINISHED(-6), TOO_MANY_SUBMITS(-7), ILLEGAL_MOVE(-8);

    private final long wire;

    ScriptCode(long wire) {
        this.wire = wire;
    }

    static ScriptCode of(Object reply) {
        long value = ((Number) reply).longValue();
        for (ScriptCode code : values()) {
            if (code.wire == value) {
                return code;
            }
        }
        throw new IllegalStateException("a broker script answered " + value + ", which no ScriptCode names");
    }
}
