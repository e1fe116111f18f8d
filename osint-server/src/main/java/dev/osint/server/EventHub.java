package dev.osint.server;

import dev.osint.queue.Broker;
import dev.osint.queue.BrokerEvent;
import dev.osint.queue.EventIds;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader of the broker's events per API process (a blocking read of the Redis stream, or of the in-memory
 * ring), handing each event to every open stream that wants it. Started by the first subscriber. A subscriber that
 * falls {@link #BUFFER} events behind is ended: its client resumes with Last-Event-ID.
 */
final class EventHub implements AutoCloseable {
    static final int BUFFER = 1_000;
    private static final Logger log = LoggerFactory.getLogger(EventHub.class);
    private static final int READ_BATCH = 500;
    private static final Duration READ_WAIT = Duration.ofSeconds(1);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final Broker broker;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Guards {@link #position} together with the hand-out, so a new subscriber knows exactly what it will get. */
    private final Object handOut = new Object();
    private String position;
    private Thread reader;
    private volatile boolean closed;

    EventHub(Broker broker) {
        this.broker = broker;
    }

    /**
     * Opens a subscription to every event after the hub's current position that {@code filter} accepts; the events
     * up to that position are the broker's to replay ({@link Subscription#startsAfter()}).
     */
    Subscription subscribe(Predicate<BrokerEvent> filter) {
        start();
        synchronized (handOut) {
            Subscription subscription = new Subscription(filter, position);
            subscriptions.add(subscription);
            return subscription;
        }
    }

    /** Open subscriptions: streams whose client is still there, or not known to be gone yet. */
    int subscribers() {
        return subscriptions.size();
    }

    private synchronized void start() {
        if (reader != null || closed) {
            return;
        }
        position = broker.lastEventId();
        reader = Thread.ofPlatform().daemon().name("event-hub").start(this::read);
    }

    private void read() {
        boolean failing = false;
        while (!closed) {
            try {
                List<BrokerEvent> events = broker.events(position, READ_BATCH, READ_WAIT);
                for (BrokerEvent event : events) {
                    handOut(event);
                }
                if (failing) {
                    log.info("event reader: broker {} answers again", broker.kind());
                    failing = false;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!failing) {
                    log.warn("event reader: broker {} does not answer ({}); retrying every second", broker.kind(),
                            e.getMessage());
                    failing = true;
                }
                try {
                    Thread.sleep(RETRY_PAUSE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void handOut(BrokerEvent event) {
        synchronized (handOut) {
            for (Subscription subscription : subscriptions) {
                subscription.offer(event);
            }
            position = event.id();
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = reader;
        }
        if (running != null) {
            running.interrupt();
        }
        subscriptions.forEach(Subscription::end);
    }

    /** One stream's share of the events: a bounded queue the hub fills and the stream's own thread drains. */
    final class Subscription implements AutoCloseable {
        private static final Item END = new Item(null);

        private record Item(BrokerEvent event) {}

        private final Predicate<BrokerEvent> filter;
        private final String startsAfter;
        private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(BUFFER + 1);
        private volatile boolean ended;

        private Subscription(Predicate<BrokerEvent> filter, String startsAfter) {
            this.filter = filter;
            this.startsAfter = startsAfter;
        }

        /** The id of the last event before this subscription: the hub hands on only later ones. */
        String startsAfter() {
            return startsAfter;
        }

        private void offer(BrokerEvent event) {
            if (!ended && filter.test(event) && !queue.offer(new Item(event))) {
                log.info("an event stream fell {} events behind and is ended; its client may resume", BUFFER);
                queue.clear();
                end();
            }
        }

        private void end() {
            ended = true;
            queue.offer(END);
        }

        /**
         * The next event, waiting up to {@code timeout}: null when none came in time.
         *
         * @throws Ended when the hub closed or this subscriber fell too far behind
         */
        BrokerEvent next(Duration timeout) throws InterruptedException, Ended {
            Item item = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (item == END || (item == null && ended)) {
                throw new Ended();
            }
            return item == null ? null : item.event();
        }

        /** True when {@code id} is after this subscription's start, i.e. the hub hands that event on. */
        boolean delivers(String id) {
            return startsAfter == null || EventIds.compare(id, startsAfter) > 0;
        }

        @Override
        public void close() {
            subscriptions.remove(this);
        }
    }

    /** The subscription ended before its client left. */
    static final class Ended extends Exception {
        Ended() {
            super(null, null, false, false);
        }
    }
}
