package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.osint.core.Json;
import dev.osint.core.TaskRecord;
import dev.osint.core.testing.Fuzz;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;

/**
 * The API fuzzed from outside over real HTTP: generated bodies, targets, types, options, headers (API keys among
 * them), methods and paths. Every answer is a 2xx or a 4xx (a 503 only while the broker is down), the server keeps
 * serving, and every task it accepted reaches a final state. Each broker's test is a subclass that starts the API.
 */
abstract class ApiFuzzContract {
    static final String KEY = ApiKeys.newKey();
    static final List<String> OPTION_NAMES = List.of("flag", "count", "label", "names", "sleep_ms", "bruteforce",
            "wordlist", "limit");
    /** The API under test, started by the subclass before its properties run. */
    static ApiFixture api;
    private static final List<String> accepted = new CopyOnWriteArrayList<>();

    /** The API every subclass fuzzes: keys on (callers without one let in), the fuzz collectors and a worker. */
    static ApiFixture configured(ApiFixture fixture) {
        Map<String, String> settings = new HashMap<>();
        settings.put("OSINT_API_KEYS", "fuzz:" + KEY);
        settings.put("OSINT_ALLOW_ANONYMOUS", "true");
        settings.put("OSINT_QUOTA_SUBMITS_PER_MINUTE", "100000");
        settings.put("OSINT_TASK_SOFT_TIME_LIMIT", "4");
        settings.put("OSINT_TASK_TIME_LIMIT", "5");
        settings.put("OSINT_RETRY_BACKOFF", "0.05");
        return fixture.with(FuzzTargetCollector.all().toArray(dev.osint.core.Collector[]::new))
                .withSettings(settings).withWorker().start();
    }

    // --- bodies -------------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<JsonNode> text = Arbitraries.oneOf(Fuzz.structured(), Fuzz.text(),
                Arbitraries.of("example.com", "8.8.8.8", "jdoe", "jane@example.com", "https://example.com/x"))
                .map(JsonNodeFactory.instance::textNode);
        Arbitrary<JsonNode> anything = Arbitraries.oneOf(text, text, text, Fuzz.jsonLeaf(), Fuzz.json(OPTION_NAMES, 3));
        Arbitrary<JsonNode> type = Arbitraries.oneOf(
                Arbitraries.of("echo", "fails", "crashes", "sleepy", "dns", "ECHO", " echo", "nope", "")
                        .map(JsonNodeFactory.instance::textNode), anything);
        Arbitrary<JsonNode> priority = Arbitraries.oneOf(Arbitraries.of("high", "normal", "low", "urgent", "HIGH")
                .map(JsonNodeFactory.instance::textNode), anything);
        Arbitrary<JsonNode> options = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.oneOf(Arbitraries.of(OPTION_NAMES), Fuzz.text()).list().ofMaxSize(5),
                        Arbitraries.oneOf(Fuzz.jsonLeaf(), Fuzz.json(OPTION_NAMES, 3)).list().ofMaxSize(5))
                        .as((names, values) -> {
                            ObjectNode object = JsonNodeFactory.instance.objectNode();
                            for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
                                object.set(names.get(i), values.get(i));
                            }
                            return (JsonNode) object;
                        }),
                anything);
        Arbitrary<Optional<JsonNode>> maybeText = Arbitraries.oneOf(text.map(Optional::of), text.map(Optional::of),
                anything.map(Optional::of), Arbitraries.just(Optional.empty()));
        Arbitrary<byte[]> object = Combinators.combine(maybeText, type.optional(), options.optional(),
                priority.optional(), Fuzz.json(OPTION_NAMES, 2).optional()).as((t, ty, o, p, extra) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode();
                    t.ifPresent(v -> body.set("target", v));
                    ty.ifPresent(v -> body.set("type", v));
                    o.ifPresent(v -> body.set("options", v));
                    p.ifPresent(v -> body.set("priority", v));
                    extra.ifPresent(v -> body.set("extra", v));
                    return body.toString().getBytes(StandardCharsets.UTF_8);
                });
        Arbitrary<byte[]> garbage = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Fuzz.text().map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers().between(10, 100_000).map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes()),
                Arbitraries.integers().between(10, 100_000).map(n -> ("{\"target\":" .repeat(n)).getBytes()),
                Arbitraries.integers().between(60_000, 70_000)
                        .map(n -> ("{\"target\": \"" + "a".repeat(n) + "\", \"type\": \"echo\"}").getBytes()),
                Fuzz.json(List.of("target", "type", "options", "priority"), 6)
                        .map(n -> n.toString().getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.frequencyOf(Tuple.of(3, plausible()), Tuple.of(3, object), Tuple.of(2, garbage));
    }

    /** Bodies a client could mean: real types and targets, options of the right names and mostly right types. */
    private static Arbitrary<byte[]> plausible() {
        Arbitrary<JsonNode> options = Combinators.combine(Arbitraries.of(true, false).optional(),
                Arbitraries.integers().between(-5, 1000).optional(), Fuzz.text().optional(),
                Fuzz.text().list().ofMaxSize(3).optional(), Arbitraries.integers().between(0, 100).optional(),
                Fuzz.jsonLeaf().optional()).as((flag, count, label, names, sleep, wrong) -> {
                    ObjectNode object = JsonNodeFactory.instance.objectNode();
                    flag.ifPresent(v -> object.put("flag", v));
                    count.ifPresent(v -> object.put("count", v));
                    label.ifPresent(v -> object.put("label", v));
                    names.ifPresent(v -> v.forEach(object.withArray("names")::add));
                    sleep.ifPresent(v -> object.put("sleep_ms", v));
                    wrong.ifPresent(v -> object.set("count", v));
                    return (JsonNode) object;
                });
        return Combinators.combine(
                Arbitraries.of("example.com", "8.8.8.8", "jdoe", "jane@example.com", "https://example.com/x",
                        "Jane Doe", "2001:db8::1", "192.0.2.0/24", "xn--bcher-kva.example", "bücher.example"),
                Arbitraries.of("echo", "fails", "crashes", "sleepy"), options.optional(),
                Arbitraries.of("high", "normal", "low").optional()).as((target, type, o, priority) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("target", target).put("type", type);
                    o.ifPresent(v -> body.set("options", v));
                    priority.ifPresent(v -> body.put("priority", v));
                    return body.toString().getBytes(StandardCharsets.UTF_8);
                });
    }

    @Provide
    Arbitrary<List<String>> headers() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("Authorization", "X-API-Key", "Content-Type", "Accept",
                "Cookie", "X-Forwarded-For", "Origin", "X-Requested-With", "Expect", "Accept-Encoding"),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("Bearer " + KEY, KEY, "bearer " + KEY, "Bearer ", "Bearer " + KEY + "x",
                        "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "application/json", "application/json; charset=utf-8",
                        "text/plain", "application/problem+json", "*/*", "100-continue", "gzip")),
                Tuple.of(3, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60)),
                Tuple.of(1, Arbitraries.strings().withChars("é中😀\u202e\u0000\t").ofMaxLength(8)),
                Tuple.of(1, Arbitraries.strings().withChars("k").ofMinLength(9000).ofMaxLength(20000)));
        return Combinators.combine(name, value).as((n, v) -> n + ": " + v).list().ofMaxSize(3);
    }

    @Property
    void anyBodyIsAnswered2xxOr4xx(@ForAll("bodies") byte[] body, @ForAll("headers") List<String> headers) {
        RawHttp.Answer answer = RawHttp.send(api.server.port(), "POST", "/api/v1/scan", lines(headers), body);
        Statistics.label("status").collect(answer.status());
        assertAnswered(answer);
        if (answer.status() == 200) {
            accepted.add(Json.read(answer.body(), Map.class).get("task_id").toString());
        }
    }

    // --- paths, methods and headers -----------------------------------------------------------------------------

    @Provide
    Arbitrary<String> paths() {
        // percent escapes, well-formed or not: "%41", "%e2%80%ae", "%zz", "%4", a lone "%"
        Arbitrary<String> escape = Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(2).map(hex -> "%" + hex),
                Arbitraries.strings().withChars("0123456789abcdefghzGZ%/;").ofMaxLength(2).map(bad -> "%" + bad));
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.of("api", "v1", "scan", "collectors", "health", "workers", "queues", "events", "cancel",
                        "metrics", "docs", "openapi.json", "webjars", "swagger-ui", ".", "..", "%2e%2e", "%2E", "%2f",
                        "%00", "%zz", "%", "%%", "%e2%80%ae", "%ff", ";", ";x=1", ";c%zz", "a;b", "ab;c%zz", "~", "*",
                        ""),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20),
                Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(4), escape).as(String::concat),
                Arbitraries.strings().withChars("é中😀\u202e").ofMaxLength(4),
                Arbitraries.strings().withChars("a").ofMinLength(200).ofMaxLength(9000),
                Arbitraries.of(accepted.isEmpty() ? "no-task" : accepted.get(accepted.size() - 1)));
        Arbitrary<String> matrix = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just("")),
                Tuple.of(2, Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(4),
                        escape.optional()).as((p, e) -> ";" + p + e.orElse(""))));
        Arbitrary<String> query = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(30).map(q -> "?" + q),
                escape.map(e -> "?x=" + e), Arbitraries.of("?a=1&a=2", "?;", "?task_id=x"));
        // most paths follow a real route, so that the router, not Jetty, meets what is odd in them
        Arbitrary<String> routeShaped = Combinators.combine(Arbitraries.of("/api/v1/scan/{id}", "/api/v1/scan/{id}/cancel",
                        "/api/v1/scan/{id}/events", "/api/v1/scan", "/api/v1/collectors", "/api/v1/health",
                        "/api/v1/workers", "/api/v1/queues", "/metrics", "/openapi.json", "/docs", "/"),
                segment, matrix, Arbitraries.integers().between(0, 5), query).as((route, id, m, at, q) -> {
                    String[] parts = route.replace("{id}", id).split("/", -1);
                    // mostly on the last segment, where a route's parameter sits
                    int index = parts.length > 1 && at > 2 ? 1 + at % (parts.length - 1) : parts.length - 1;
                    parts[index] = parts[index] + m;
                    return String.join("/", parts) + q;
                });
        Arbitrary<String> free = Combinators.combine(Arbitraries.of("/api/v1/scan/", "/api/v1/", "/", "/docs/",
                        "/webjars/", ""), segment.list().ofMinSize(1).ofMaxSize(6), query)
                .as((start, segments, q) -> (start.isEmpty() ? "/" : start) + String.join("/", segments) + q);
        return Arbitraries.frequencyOf(Tuple.of(3, routeShaped), Tuple.of(1, free));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "GET", "GET", "POST", "DELETE", "PUT", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO",
                "get");
    }

    @Property
    void anyPathMethodAndHeadersAreAnswered2xxOr4xx(@ForAll("paths") String path, @ForAll("methods") String method,
                                                     @ForAll("headers") List<String> headers) {
        RawHttp.Answer answer = RawHttp.send(api.server.port(), method, path, lines(headers),
                method.equals("POST") ? "{\"target\": \"example.com\", \"type\": \"echo\"}".getBytes() : new byte[0]);
        Statistics.label("status").collect(answer.status());
        assertAnswered(answer);
        if (answer.status() == 200 && method.equals("POST") && answer.body().contains("\"task_id\"")) {
            accepted.add(Json.read(answer.body(), Map.class).get("task_id").toString());
        }
    }

    @Property(tries = 30)
    void whileTheBrokerIsDownAnswersAre4xxOr503(@ForAll("bodies") byte[] body, @ForAll("paths") String path) {
        api.brokerDown.set(true);
        try {
            RawHttp.Answer submit = RawHttp.send(api.server.port(), "POST", "/api/v1/scan", "", body);
            assertThat(submit.status()).as(submit.text()).isNotEqualTo(200).satisfiesAnyOf(
                    s -> assertThat(s).isBetween(400, 499), s -> assertThat(s).isEqualTo(503));
            RawHttp.Answer valid = RawHttp.send(api.server.port(), "POST", "/api/v1/scan", "",
                    "{\"target\": \"example.com\", \"type\": \"echo\"}".getBytes());
            assertThat(valid.status()).as(valid.text()).isEqualTo(503);
            RawHttp.Answer any = RawHttp.send(api.server.port(), "GET", path, "", new byte[0]);
            assertThat(any.status()).as(path + ": " + any.text()).satisfiesAnyOf(
                    s -> assertThat(s).isBetween(200, 499), s -> assertThat(s).isEqualTo(503));
        } finally {
            api.brokerDown.set(false);
        }
    }

    private static String lines(List<String> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach(h -> text.append(h).append("\r\n"));
        return text.toString();
    }

    /** A 2xx or 4xx, and an error is a problem document. */
    private static void assertAnswered(RawHttp.Answer answer) {
        assertThat(answer.status()).as(clip(answer.text())).isBetween(200, 499);
        if (answer.status() >= 400 && !answer.body().isEmpty()) {
            assertThat(answer.header("Content-Type")).as(clip(answer.text())).isEqualTo("application/problem+json");
        }
    }

    private static String clip(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    // --- after each property ------------------------------------------------------------------------------------

    @AfterProperty
    void everyAcceptedTaskEndsAndTheServerStillServes() {
        List<String> ids = new ArrayList<>(accepted);
        accepted.clear();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (String id : ids) {
                Optional<TaskRecord> task = api.scans.status(id);
                assertThat(task).as(id).isPresent();
                assertThat(task.get().state().isFinal()).as(id + " is " + task.get().state()).isTrue();
            }
        });
        assertThat(api.usingKey(KEY).get("/api/v1/health").statusCode()).isEqualTo(200);
        assertThat(api.submit("echo", "example.com")).isNotBlank();
        api.usingKey(null);
    }
}
