package dev.osint.core;

import java.time.Instant;
import java.util.List;

/**
 * What one process has learnt about its upstreams: a circuit breaker per upstream (or per server of one), and a
 * count of their answers by class. Collectors reach it through {@code dev.osint.collectors.net}, never directly;
 * the API and the CLI read {@link #circuits} to show it. Each process learns for itself.
 */
public interface UpstreamHealth {
    /** Counts nothing and never opens a circuit: for tests and tools that run one scan. */
    UpstreamHealth UNTRACKED = new UpstreamHealth() {
        @Override
        public Call begin(String upstream, String circuit, String displayName) {
            return outcome -> { };
        }

        @Override
        public List<CircuitState> circuits(String upstream) {
            return List.of();
        }
    };

    /**
     * Asks to call {@code upstream} through the circuit named {@code circuit} (null: counted, never broken);
     * {@code displayName} names it in the error.
     *
     * @throws RetryableCollectorException when the circuit is open: the text names the upstream and when it will
     *                                     be tried again, {@code retryAfter()} is that wait
     */
    Call begin(String upstream, String circuit, String displayName);

    /** The circuits of {@code upstream} (its own, or {@code upstream:host} ones) used so far, by name. */
    List<CircuitState> circuits(String upstream);

    /** One call under way; {@link #end} is called once, with how it went (null: nothing learnt, e.g. cancelled). */
    interface Call {
        void end(Outcome outcome);
    }

    /** How one call to an upstream went: an answer's status class, or why there was none. */
    enum Outcome {
        OK("2xx"),
        REDIRECT("3xx"),
        CLIENT_ERROR("4xx"),
        RATE_LIMITED("429"),
        SERVER_ERROR("5xx"),
        TIMEOUT("timeout"),
        CONNECT_ERROR("connect_error"),
        /** A non-HTTP exchange (port-43 WHOIS) that got its answer. */
        ANSWERED("answered");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        /** The value of the {@code outcome} tag in metrics. */
        public String label() {
            return label;
        }

        /** 5xx, timeouts and connection failures: what opens a circuit; a 4xx says the upstream is up. */
        public boolean isFailure() {
            return this == SERVER_ERROR || this == TIMEOUT || this == CONNECT_ERROR;
        }

        public static Outcome ofStatus(int status) {
            if (status == 429) {
                return RATE_LIMITED;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            if (status >= 400) {
                return CLIENT_ERROR;
            }
            return status >= 300 ? REDIRECT : OK;
        }
    }

    /**
     * One circuit as it stands.
     *
     * @param state        {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN} (or {@code DISABLED})
     * @param retryAt      while OPEN: when it lets a probe through; else null
     * @param failureRate  percentage of failed calls in the window; negative until enough calls were made
     * @param calls        calls in the window
     * @param failedCalls  failed calls in the window
     */
    record CircuitState(String name, String state, Instant retryAt, float failureRate, int calls,
                        int failedCalls) {}
}
