package dev.osint.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.osint.core.Settings;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * The dashboard's sessions, in this API process's memory: an opaque random id, handed to the browser in a cookie,
 * stands for the caller of the API key it was opened with (same owner, same quotas, admin or not). The key itself
 * is never kept. A session ends when it is closed, when it is idle for {@code OSINT_SESSION_IDLE} seconds, or
 * {@code OSINT_SESSION_MAX_AGE} seconds after it was opened, whichever comes first.
 */
final class DashboardSessions {
    static final String IDLE_SETTING = "OSINT_SESSION_IDLE";
    static final String MAX_AGE_SETTING = "OSINT_SESSION_MAX_AGE";
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);
    /** Enough for every person of a team in several browsers; past it the least recently used session ends. */
    static final long MAX_SESSIONS = 10_000;
    /** 256 random bits, as an API key made by `osint keys create`: the id is as hard to guess as a key. */
    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One open session; {@code openedAt} is on the ticker's scale (nanoseconds). */
    record Session(Caller caller, long openedAt) {}

    private final Cache<String, Session> sessions;
    private final Duration idle;
    private final Duration maxAge;
    private final Ticker ticker;

    DashboardSessions(Duration idle, Duration maxAge, Ticker ticker) {
        if (idle.isZero() || maxAge.isZero()) {
            throw new IllegalArgumentException(IDLE_SETTING + " and " + MAX_AGE_SETTING + " must be more than 0"
                    + " seconds");
        }
        this.idle = idle;
        this.maxAge = maxAge;
        this.ticker = ticker;
        this.sessions = Caffeine.newBuilder().maximumSize(MAX_SESSIONS).ticker(ticker)
                .expireAfter(new IdleOrMaxAge()).build();
    }

    /** @throws IllegalArgumentException a setting is not a positive number of seconds */
    static DashboardSessions from(Settings settings) {
        return new DashboardSessions(settings.seconds(IDLE_SETTING, DEFAULT_IDLE.toSeconds()),
                settings.seconds(MAX_AGE_SETTING, DEFAULT_MAX_AGE.toSeconds()), Ticker.systemTicker());
    }

    /** Opens a session for this caller and returns its id, the only thing the browser gets. */
    String open(Caller caller) {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(id, new Session(caller, ticker.read()));
        return id;
    }

    /** The caller of an open session; using it restarts its idle time. */
    Optional<Caller> find(String id) {
        return Optional.ofNullable(sessions.getIfPresent(id)).map(Session::caller);
    }

    void close(String id) {
        sessions.invalidate(id);
    }

    Duration idle() {
        return idle;
    }

    Duration maxAge() {
        return maxAge;
    }

    long open() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }

    /** Each read gives a session another idle period, but never past its maximum age. */
    private final class IdleOrMaxAge implements Expiry<String, Session> {
        @Override
        public long expireAfterCreate(String id, Session session, long now) {
            return Math.min(idle.toNanos(), maxAge.toNanos());
        }

        @Override
        public long expireAfterUpdate(String id, Session session, long now, long remaining) {
            return remaining;
        }

        @Override
        public long expireAfterRead(String id, Session session, long now, long remaining) {
            long left = maxAge.toNanos() - (now - session.openedAt());
            return Math.max(0, Math.min(idle.toNanos(), left));
        }
    }
}
