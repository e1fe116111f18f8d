package dev.osint.collectors.net;

import dev.osint.core.Settings;
import dev.osint.core.UpstreamHealth;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UpstreamHealth} of a process: a Resilience4j circuit breaker per upstream (or per server of one) and
 * a Micrometer timer of every answer by upstream and outcome ({@code osint.upstream.requests}). A circuit opens
 * when, of the last {@code OSINT_BREAKER_WINDOW} calls (at least {@code OSINT_BREAKER_MIN_CALLS}), the share that
 * ended in a 5xx, a timeout or a connection failure reaches {@code OSINT_BREAKER_FAILURE_RATE} percent; calls then
 * fail fast for {@code OSINT_BREAKER_OPEN_SECONDS}, after which {@code OSINT_BREAKER_HALF_OPEN_CALLS} probes decide
 * whether it closes again. A 4xx (a refused key, a 404) or a 429 never counts against an upstream.
 */
public final class UpstreamBreakers implements UpstreamHealth {
    public static final String FAILURE_RATE_SETTING = "OSINT_BREAKER_FAILURE_RATE";
    public static final String MIN_CALLS_SETTING = "OSINT_BREAKER_MIN_CALLS";
    public static final String WINDOW_SETTING = "OSINT_BREAKER_WINDOW";
    public static final String OPEN_SECONDS_SETTING = "OSINT_BREAKER_OPEN_SECONDS";
    public static final String HALF_OPEN_CALLS_SETTING = "OSINT_BREAKER_HALF_OPEN_CALLS";
    static final String METRIC = "osint.upstream.requests";
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamBreakers.class);

    /** What a failed call is recorded as; never thrown. */
    private static final class FailedCall extends Exception {
        FailedCall() {
            super(null, null, false, false);
        }
    }

    private static final FailedCall FAILED = new FailedCall();

    private final CircuitBreakerRegistry registry;
    private final MeterRegistry meters;
    private final Duration openWait;
    private final boolean enabled;
    private final Clock clock;
    private final Map<String, Instant> openUntil = new ConcurrentHashMap<>();

    private UpstreamBreakers(CircuitBreakerConfig config, boolean enabled, MeterRegistry meters, Clock clock) {
        this.registry = CircuitBreakerRegistry.of(config);
        this.meters = meters;
        this.openWait = config.getWaitIntervalFunctionInOpenState().apply(1) == null ? Duration.ofSeconds(60)
                : Duration.ofMillis(config.getWaitIntervalFunctionInOpenState().apply(1));
        this.enabled = enabled;
        this.clock = clock;
        registry.getEventPublisher().onEntryAdded(added -> watch(added.getAddedEntry()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    /** The breakers the settings describe, their metrics on {@code meters}. */
    public static UpstreamBreakers fromSettings(Settings settings, MeterRegistry meters) {
        int rate = settings.integer(FAILURE_RATE_SETTING, 50);
        int minCalls = settings.integer(MIN_CALLS_SETTING, 5);
        int window = settings.integer(WINDOW_SETTING, 10);
        Duration open = settings.seconds(OPEN_SECONDS_SETTING, 60);
        int halfOpen = settings.integer(HALF_OPEN_CALLS_SETTING, 1);
        if (rate < 0 || rate > 100) {
            throw new IllegalArgumentException(FAILURE_RATE_SETTING + " must be a percentage from 1 to 100 (0 turns "
                    + "circuit breakers off), got " + rate);
        }
        if (minCalls < 1 || window < 1 || halfOpen < 1) {
            throw new IllegalArgumentException(MIN_CALLS_SETTING + ", " + WINDOW_SETTING + " and "
                    + HALF_OPEN_CALLS_SETTING + " must be at least 1");
        }
        if (open.toMillis() < 1) {
            throw new IllegalArgumentException(OPEN_SECONDS_SETTING + " must be more than 0 seconds");
        }
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(rate == 0 ? 100 : rate)
                .slidingWindow(window, Math.min(minCalls, window), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(open)
                .permittedNumberOfCallsInHalfOpenState(halfOpen)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(error -> error instanceof FailedCall)
                .build();
        return new UpstreamBreakers(config, rate > 0, meters, Clock.systemUTC());
    }

    @Override
    public Call begin(String upstream, String circuit, String displayName) {
        CircuitBreaker breaker = enabled && circuit != null ? registry.circuitBreaker(circuit) : null;
        if (breaker != null && !breaker.tryAcquirePermission()) {
            throw refused(breaker, displayName);
        }
        long started = System.nanoTime();
        return outcome -> {
            long took = System.nanoTime() - started;
            if (outcome != null) {
                Timer.builder(METRIC).description("Calls to upstream services, by upstream and outcome")
                        .tag("upstream", upstream).tag("outcome", outcome.label())
                        .register(meters).record(took, TimeUnit.NANOSECONDS);
            }
            if (breaker == null) {
                return;
            }
            if (outcome == null || outcome == Outcome.RATE_LIMITED) {
                breaker.releasePermission(); // says nothing about the upstream's health
            } else if (outcome.isFailure()) {
                breaker.onError(took, TimeUnit.NANOSECONDS, FAILED);
            } else {
                breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            }
        };
    }

    private RuntimeException refused(CircuitBreaker breaker, String displayName) {
        Instant now = clock.instant();
        Instant retryAt = openUntil.getOrDefault(breaker.getName(), now.plus(openWait));
        if (breaker.getState() == CircuitBreaker.State.HALF_OPEN || !retryAt.isAfter(now)) {
            // the probes are under way: try again once they have had time to end
            retryAt = now.plus(openWait.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                    : openWait.dividedBy(4));
        }
        Duration wait = Duration.between(now, retryAt);
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        return FailureKind.CIRCUIT_OPEN.error(displayName + " is not being called: its circuit breaker is "
                + breaker.getState().name().toLowerCase().replace('_', '-') + " after " + metrics.getNumberOfFailedCalls()
                + " of its last " + metrics.getNumberOfBufferedCalls() + " calls failed (5xx, timeouts, connection "
                + "failures); it will be tried again at " + retryAt.truncatedTo(ChronoUnit.SECONDS) + " (in "
                + HttpExchange.describe(Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000))) + ")", wait);
    }

    private void watch(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> {
            CircuitBreaker.State to = event.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                Instant until = clock.instant().plus(openWait);
                openUntil.put(breaker.getName(), until);
                LOG.warn("circuit breaker {} opened: {}% of its last {} calls failed; calls fail fast until {}",
                        breaker.getName(), Math.round(breaker.getMetrics().getFailureRate()),
                        breaker.getMetrics().getNumberOfBufferedCalls(), until.truncatedTo(ChronoUnit.SECONDS));
            } else {
                openUntil.remove(breaker.getName());
                LOG.info("circuit breaker {}: {}", breaker.getName(), event.getStateTransition());
            }
        });
    }

    @Override
    public List<CircuitState> circuits(String upstream) {
        return registry.getAllCircuitBreakers().stream()
                .filter(b -> b.getName().equals(upstream) || b.getName().startsWith(upstream + ":"))
                .sorted(Comparator.comparing(CircuitBreaker::getName))
                .map(this::state)
                .toList();
    }

    private CircuitState state(CircuitBreaker breaker) {
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        return new CircuitState(breaker.getName(), breaker.getState().name(),
                breaker.getState() == CircuitBreaker.State.OPEN ? openUntil.get(breaker.getName()) : null,
                metrics.getFailureRate(), metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls());
    }

    /** True unless {@value #FAILURE_RATE_SETTING} is 0. */
    public boolean enabled() {
        return enabled;
    }
}
