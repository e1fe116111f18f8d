package dev.osint.collectors.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Resolves many names (type A) against one server as fast as a bound allows: a fixed number of queries in flight
 * over a few UDP sockets, answers matched to questions by message id, lost ones sent again.
 */
final class BulkResolver implements AutoCloseable {
    private static final int IDS = 65536;

    private final InetSocketAddress server;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<AtomicReferenceArray<Pending>> inFlight = new ArrayList<>();
    private final int[] nextId;
    private final long timeoutNanos;
    private final int retries;
    private volatile boolean closed;

    /** One answer, or its absence ({@code answered == false} after every retry timed out). */
    record Result(Name name, boolean answered, int rcode, List<Record> records) {
        boolean exists() {
            return answered && rcode == Rcode.NOERROR && !records.isEmpty();
        }
    }

    private record Pending(Name name, byte[] wire, int socket, long deadline, int attempt, Consumer<Result> sink,
                           Runnable done) {
        Pending again(long newDeadline) {
            return new Pending(name, wire, socket, newDeadline, attempt + 1, sink, done);
        }
    }

    BulkResolver(InetSocketAddress server, int sockets, Duration timeout, int retries) throws IOException {
        this.server = server;
        this.timeoutNanos = timeout.toNanos();
        this.retries = retries;
        this.nextId = new int[sockets];
        for (int i = 0; i < sockets; i++) {
            DatagramChannel channel = DatagramChannel.open();
            // a burst of answers must not overflow the default buffer, each lost one costs a retransmit wait
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.connect(server);
            channels.add(channel);
            inFlight.add(new AtomicReferenceArray<>(IDS));
            int socket = i;
            Thread.ofPlatform().daemon().name("dns-bulk-receive-" + i).start(() -> receive(socket));
        }
        Thread.ofPlatform().daemon().name("dns-bulk-retry").start(this::retryLoop);
    }

    /**
     * Resolves every name, calling {@code sink} (from other threads) once per name, at most {@code concurrency}
     * in flight and {@code perSecond} sent per second; {@code progress} gets the count done about every 100 ms.
     */
    void resolveAll(List<Name> names, int concurrency, int perSecond, Consumer<Result> sink,
                    Consumer<Integer> progress) throws InterruptedException, IOException {
        Semaphore slots = new Semaphore(concurrency);
        CountDownLatch remaining = new CountDownLatch(names.size());
        Runnable done = () -> {
            slots.release();
            remaining.countDown();
        };
        long interval = 1_000_000_000L / Math.max(1, perSecond);
        long next = System.nanoTime();
        long lastReport = next;
        for (int i = 0; i < names.size(); i++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("bulk resolution interrupted");
            }
            slots.acquire();
            long now = System.nanoTime();
            next = Math.max(next + interval, now - 50_000_000L); // a stall must not turn into a burst
            if (next - now > 1_000_000L) {
                // sleep in steps of a millisecond or more: finer sleeps are not kept by the OS anyway
                LockSupport.parkNanos(next - now);
            }
            if (now - lastReport > 100_000_000L) {
                progress.accept((int) (names.size() - remaining.getCount()));
                lastReport = now;
            }
            send(names.get(i), i % channels.size(), sink, done);
        }
        while (!remaining.await(100, TimeUnit.MILLISECONDS)) {
            progress.accept((int) (names.size() - remaining.getCount()));
        }
        progress.accept(names.size());
    }

    private void send(Name name, int socket, Consumer<Result> sink, Runnable done) throws IOException {
        AtomicReferenceArray<Pending> table = inFlight.get(socket);
        int id;
        synchronized (table) {
            id = nextId[socket];
            while (table.get(id) != null) {
                id = (id + 1) % IDS;
            }
            nextId[socket] = (id + 1) % IDS;
        }
        Message query = DnsClient.newQuery(name, Type.A);
        query.getHeader().setID(id);
        Pending pending = new Pending(name, query.toWire(), socket, System.nanoTime() + timeoutNanos, 0, sink, done);
        table.set(id, pending);
        write(pending);
    }

    private void write(Pending pending) throws IOException {
        channels.get(pending.socket()).write(ByteBuffer.wrap(pending.wire()));
    }

    private void receive(int socket) {
        DatagramChannel channel = channels.get(socket);
        AtomicReferenceArray<Pending> table = inFlight.get(socket);
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        while (!closed) {
            try {
                buffer.clear();
                channel.read(buffer);
                buffer.flip();
                if (buffer.remaining() < 12) {
                    continue;
                }
                int id = buffer.getShort(0) & 0xffff;
                Pending pending = table.get(id);
                if (pending == null) {
                    continue; // a late answer to a query already given up on
                }
                Message answer = new Message(buffer);
                Record question = answer.getQuestion();
                // an answer must be to the question asked, or anyone could feed us names by guessing ids
                if (question == null || !question.getName().equals(pending.name()) || !table.compareAndSet(id, pending, null)) {
                    continue;
                }
                deliver(pending, new Result(pending.name(), true, answer.getRcode(), answer.getSection(Section.ANSWER)));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // a malformed datagram or an ICMP error: the query it belonged to will be sent again
            }
        }
    }

    private void retryLoop() {
        long period = Math.max(10_000_000L, timeoutNanos / 4);
        while (!closed) {
            LockSupport.parkNanos(period);
            long now = System.nanoTime();
            for (AtomicReferenceArray<Pending> table : inFlight) {
                for (int id = 0; id < IDS; id++) {
                    Pending pending = table.get(id);
                    if (pending == null || now - pending.deadline() < 0) {
                        continue;
                    }
                    if (pending.attempt() < retries) {
                        Pending again = pending.again(now + timeoutNanos);
                        if (table.compareAndSet(id, pending, again)) {
                            try {
                                write(again);
                            } catch (IOException e) {
                                // left in the table: its next deadline retries or gives up
                            }
                        }
                    } else if (table.compareAndSet(id, pending, null)) {
                        deliver(pending, new Result(pending.name(), false, -1, List.of()));
                    }
                }
            }
        }
    }

    private static void deliver(Pending pending, Result result) {
        try {
            pending.sink().accept(result);
        } finally {
            pending.done().run();
        }
    }

    String server() {
        return DnsClient.describe(server);
    }

    @Override
    public void close() {
        closed = true;
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
