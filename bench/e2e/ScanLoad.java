import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop load for any server with the scan API (this project's or the seed's), in the model of
 * {@code scanbench.py} but cheap enough not to be the limit: {@code --concurrency} virtual threads, each owning one
 * keep-alive HTTP/1.1 connection on a plain socket, take the next scan, {@code POST /api/v1/scan}, then follow it to
 * SUCCESS, FAILURE or REVOKED: by polling {@code GET /api/v1/scan/{id}} every {@code --poll-ms} (mode poll), or by
 * reading {@code GET /api/v1/scan/{id}/events} (server-sent events, this project only) to its end (mode sse).
 * End-to-end latency runs from just before the POST to the moment the final state was read.
 *
 * <pre>java bench/e2e/ScanLoad.java --base http://127.0.0.1:8000 --type ping --total 5000 --concurrency 256 \
 *     [--mode poll|sse] [--poll-ms 10] [--target example.test | --target-pattern 't{i}.example.test' --targets 200]
 *     [--warmup 500] [--scan-timeout-s 60] [--label text]</pre>
 *
 * Prints one line of figures and, last, the same as one JSON object. Run by bench/e2e/run.sh; JDK 21+, no build.
 */
public final class ScanLoad {
    private static final Pattern TASK_ID = Pattern.compile("\"task_id\"\\s*:\\s*\"([^\"]+)\"");
    /** The first "status" of an answer is the task's: both servers write task_id, then status, then the rest. */
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    private final String host;
    private final int port;
    private final String prefix;
    private final Map<String, String> options;
    private final String mode;
    private final long pollMillis;
    private final long scanTimeoutNanos;

    private final Map<String, LongAdder> finals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder polls = new LongAdder();

    private ScanLoad(Map<String, String> options) {
        URI base = URI.create(options.getOrDefault("base", "http://127.0.0.1:8000"));
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.prefix = (base.getPath() == null ? "" : base.getPath().replaceAll("/$", "")) + "/api/v1";
        this.options = options;
        this.mode = options.getOrDefault("mode", "poll");
        this.pollMillis = Long.parseLong(options.getOrDefault("poll-ms", "10"));
        this.scanTimeoutNanos = (long) (Double.parseDouble(options.getOrDefault("scan-timeout-s", "60")) * 1e9);
        if (!mode.equals("poll") && !mode.equals("sse")) {
            throw new IllegalArgumentException("--mode is poll or sse");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        ScanLoad load = new ScanLoad(options);
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "256"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "0"));
        if (warmup > 0) {
            load.run(warmup, concurrency);
            load.finals.clear();
            load.errors.clear();
            load.polls.reset();
        }
        Figures figures = load.run(Integer.parseInt(options.getOrDefault("total", "2000")), concurrency);
        figures.print(options.getOrDefault("label", options.getOrDefault("base", "")), load, concurrency);
    }

    private record Figures(int total, double wallSeconds, long[] submit, long[] endToEnd) {
        void print(String label, ScanLoad load, int concurrency) {
            long completed = load.count("SUCCESS") + load.count("FAILURE") + load.count("REVOKED");
            double rate = completed / wallSeconds;
            System.out.printf(Locale.ROOT, "%s: %d scans (%s, %d in flight%s) in %.2f s = %.1f completed scans/s;"
                            + " submit p50 %.2f ms p99 %.2f ms; end to end p50 %.2f ms p95 %.2f ms p99 %.2f ms;"
                            + " final %s; lost %d; polls %d; errors %s%n",
                    label, total, load.mode, concurrency, load.mode.equals("poll") ? ", poll " + load.pollMillis
                            + " ms" : "", wallSeconds, rate, ms(submit, 50), ms(submit, 99), ms(endToEnd, 50),
                    ms(endToEnd, 95), ms(endToEnd, 99), new TreeMap<>(load.counts(load.finals)), load.count("LOST"),
                    load.polls.sum(), new TreeMap<>(load.counts(load.errors)));
            System.out.printf(Locale.ROOT, "{\"label\":\"%s\",\"mode\":\"%s\",\"total\":%d,\"concurrency\":%d,"
                            + "\"wall_s\":%.3f,\"completed\":%d,\"completed_per_s\":%.1f,\"submit_p50_ms\":%.2f,"
                            + "\"submit_p99_ms\":%.2f,\"e2e_p50_ms\":%.2f,\"e2e_p95_ms\":%.2f,\"e2e_p99_ms\":%.2f,"
                            + "\"success\":%d,\"lost\":%d,\"polls\":%d}%n",
                    label.replace("\"", "'"), load.mode, total, concurrency, wallSeconds, completed, rate,
                    ms(submit, 50), ms(submit, 99), ms(endToEnd, 50), ms(endToEnd, 95), ms(endToEnd, 99),
                    load.count("SUCCESS"), load.count("LOST"), load.polls.sum());
        }
    }

    private long count(String state) {
        LongAdder adder = finals.get(state);
        return adder == null ? 0 : adder.sum();
    }

    private Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> counts = new HashMap<>();
        adders.forEach((key, adder) -> counts.put(key, adder.sum()));
        return counts;
    }

    private static double ms(long[] nanos, double percentile) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * nanos.length) - 1;
        return nanos[Math.max(0, Math.min(nanos.length - 1, rank))] / 1e6;
    }

    private Figures run(int total, int concurrency) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Recorder> recorders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < concurrency; c++) {
            Recorder recorder = new Recorder(total);
            recorders.add(recorder);
            threads.add(Thread.ofVirtual().start(() -> {
                Connection connection = new Connection(host, port);
                try {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        scan(connection, i, recorder);
                    }
                } finally {
                    connection.close();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        return new Figures(total, wall, Recorder.merge(recorders, true), Recorder.merge(recorders, false));
    }

    /** One connection's latencies, in nanoseconds. */
    private static final class Recorder {
        private final long[] submit;
        private final long[] endToEnd;
        private int submits;
        private int ends;

        Recorder(int capacity) {
            submit = new long[capacity];
            endToEnd = new long[capacity];
        }

        static long[] merge(List<Recorder> recorders, boolean submits) {
            int size = 0;
            for (Recorder r : recorders) {
                size += submits ? r.submits : r.ends;
            }
            long[] merged = new long[size];
            int at = 0;
            for (Recorder r : recorders) {
                int n = submits ? r.submits : r.ends;
                System.arraycopy(submits ? r.submit : r.endToEnd, 0, merged, at, n);
                at += n;
            }
            Arrays.sort(merged);
            return merged;
        }
    }

    /** One scan: submit, then follow it to a final state; latencies go to {@code submit} and {@code endToEnd}. */
    private void scan(Connection connection, int index, Recorder recorder) {
        long t0 = System.nanoTime();
        String body = "{\"target\":\"" + target(index) + "\",\"type\":\"" + options.getOrDefault("type", "ping") + "\"}";
        Response accepted;
        try {
            accepted = connection.exchange("POST", prefix + "/scan", body, null);
        } catch (IOException e) {
            countError("submit: " + e.getClass().getSimpleName());
            finals.computeIfAbsent("SUBMIT_ERROR", k -> new LongAdder()).increment();
            return;
        }
        long t1 = System.nanoTime();
        if (accepted.status() != 200) {
            countError("submit http " + accepted.status());
            finals.computeIfAbsent("SUBMIT_ERROR", k -> new LongAdder()).increment();
            return;
        }
        recorder.submit[recorder.submits++] = t1 - t0;
        Matcher id = TASK_ID.matcher(accepted.text());
        if (!id.find()) {
            countError("submit answer without task_id");
            return;
        }
        Final end = mode.equals("sse") ? follow(connection, id.group(1), t0) : poll(connection, id.group(1), t0);
        if (!end.state().equals("LOST")) {
            recorder.endToEnd[recorder.ends++] = end.at() - t0;
        }
        finals.computeIfAbsent(end.state(), k -> new LongAdder()).increment();
    }

    /** A scan's last state as the client saw it, and when (System.nanoTime()). */
    private record Final(String state, long at) {
    }

    private Final poll(Connection connection, String taskId, long t0) {
        while (System.nanoTime() - t0 < scanTimeoutNanos) {
            sleep(pollMillis);
            Response answer;
            try {
                answer = connection.exchange("GET", prefix + "/scan/" + taskId, null, null);
            } catch (IOException e) {
                countError("poll: " + e.getClass().getSimpleName());
                continue;
            }
            polls.increment();
            if (answer.status() != 200) {
                countError("poll http " + answer.status());
                continue;
            }
            String state = status(answer.text());
            if (isFinal(state)) {
                return new Final(state, System.nanoTime());
            }
        }
        return new Final("LOST", System.nanoTime());
    }

    /** Reads the task's event stream; the final state is the moment its event arrives, not when the stream ends. */
    private Final follow(Connection connection, String taskId, long t0) {
        Final[] seen = {null};
        try {
            Response answer = connection.exchange("GET", prefix + "/scan/" + taskId + "/events", null, line -> {
                if (seen[0] == null && line.startsWith("data:")) {
                    String state = status(line);
                    if (isFinal(state)) {
                        seen[0] = new Final(state, System.nanoTime());
                    }
                }
            });
            polls.increment();
            if (answer.status() != 200) {
                countError("events http " + answer.status());
            }
        } catch (IOException e) {
            countError("events: " + e.getClass().getSimpleName());
        }
        if (seen[0] == null) {
            // the stream ended without a final state (expired, or cut): ask once more by polling
            return System.nanoTime() - t0 < scanTimeoutNanos ? poll(connection, taskId, t0)
                    : new Final("LOST", System.nanoTime());
        }
        return seen[0];
    }

    private static String status(String json) {
        Matcher status = STATUS.matcher(json);
        return status.find() ? status.group(1) : "";
    }

    private static boolean isFinal(String state) {
        return state.equals("SUCCESS") || state.equals("FAILURE") || state.equals("REVOKED");
    }

    private String target(int index) {
        String fixed = options.get("target");
        if (fixed != null) {
            return fixed;
        }
        int targets = Integer.parseInt(options.getOrDefault("targets", "200"));
        return options.getOrDefault("target-pattern", "t{i}.example.test").replace("{i}",
                Integer.toString(index % targets));
    }

    private void countError(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Receives each line of a streamed body as it arrives (for server-sent events). */
    private interface LineListener {
        void line(String line);
    }

    /** One keep-alive HTTP/1.1 connection: Content-Length, chunked and close-delimited bodies; reconnects once. */
    private static final class Connection {
        private final String host;
        private final int port;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Connection(String host, int port) {
            this.host = host;
            this.port = port;
        }

        Response exchange(String method, String path, String body, LineListener lines) throws IOException {
            for (int attempt = 0; ; attempt++) {
                boolean fresh = socket == null;
                try {
                    if (fresh) {
                        open();
                    }
                    return send(method, path, body, lines);
                } catch (IOException e) {
                    close();
                    // a keep-alive connection the server closed while idle fails on first use: try a fresh one
                    if (fresh || attempt > 0) {
                        throw e;
                    }
                }
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            socket.setSoTimeout(120_000);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        private Response send(String method, String path, String body, LineListener lines) throws IOException {
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(payload.length).append("\r\n");
            }
            head.append(lines == null ? "Accept: application/json\r\n\r\n" : "Accept: text/event-stream\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = Arrays.copyOf(headBytes, headBytes.length + payload.length);
            System.arraycopy(payload, 0, request, headBytes.length, payload.length);
            out.write(request);
            out.flush();

            String statusLine = readLine();
            if (statusLine == null) {
                throw new EOFException("connection closed before an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            BodySink sink = new BodySink(lines);
            if (chunked) {
                while (true) {
                    String size = readLine();
                    if (size == null) {
                        throw new EOFException("connection closed inside a chunked body");
                    }
                    int semicolon = size.indexOf(';');
                    int n = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (n == 0) {
                        for (String trailer = readLine(); trailer != null && !trailer.isEmpty(); trailer = readLine()) {
                            // trailers are not used
                        }
                        break;
                    }
                    sink.write(in.readNBytes(n), n);
                    readLine(); // the CRLF after each chunk
                }
            } else if (length >= 0) {
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    throw new EOFException("connection closed inside a body");
                }
                sink.write(bytes, bytes.length);
            } else {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sink.write(buffer, n);
                }
                closeAfter = true;
            }
            if (closeAfter) {
                close();
            }
            return new Response(status, sink.bytes());
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }

    /** Collects a body; with a listener, also hands each complete line to it as soon as it is in. */
    private static final class BodySink {
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final LineListener lines;
        private final StringBuilder partial = new StringBuilder();

        BodySink(LineListener lines) {
            this.lines = lines;
        }

        void write(byte[] bytes, int n) {
            all.write(bytes, 0, n);
            if (lines == null) {
                return;
            }
            partial.append(new String(bytes, 0, n, StandardCharsets.UTF_8));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                lines.line(partial.substring(0, newline));
                partial.delete(0, newline + 1);
            }
        }

        byte[] bytes() {
            return all.toByteArray();
        }
    }
}
