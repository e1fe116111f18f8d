package dev.osint.core.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * What the fuzz properties share: text that outside data may hold, from plain to hostile, and a time bound per
 * try, so that a parser that hangs fails its property instead of the build.
 */
public final class Fuzz {
    /** The bound on one try of a parser property. */
    public static final Duration PARSER_TRY = Duration.ofSeconds(5);

    private Fuzz() {}

    /** Runs {@code action} on another thread and fails if it takes longer than {@code limit}. */
    public static <T> T within(Duration limit, ThrowingSupplier<T> action) {
        return assertTimeoutPreemptively(limit, action, () -> "took longer than " + limit + ": it hangs");
    }

    /**
     * Text of every kind: any UTF-16 (lone surrogates, controls, format characters included), printable ASCII,
     * the characters that structure names and URLs, long runs, and well-formed looking values with damage.
     */
    public static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120),
                Arbitraries.strings().withChars("abcxyz019-_.:/@%[]#?&=+ \t\r\n\u0000é\u00dfΩ\u3002\uff0e\u200b\u202e")
                        .ofMaxLength(80),
                Arbitraries.strings().withChars("a.-:0").ofMinLength(1000).ofMaxLength(5000),
                structured());
    }

    /** Near-valid domains, addresses, e-mails and URLs, the places parsers get wrong. */
    public static Arbitrary<String> structured() {
        Arbitrary<String> label = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abcdefxyz0129-_").ofMinLength(1).ofMaxLength(70),
                Arbitraries.of("xn--", "xn--80ak6aa92e", "bücher", "例え", "ﬁ", "ǅ", "-a", "a-", "_dmarc", "*", ""));
        Arbitrary<String> host = label.list().ofMinSize(1).ofMaxSize(6).map(labels -> String.join(".", labels));
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.integers().between(-1, 300).map(String::valueOf),
                Arbitraries.of("0x7f", "0177", "00", "4294967296", "1e3"));
        Arbitrary<String> ipv4 = number.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
        Arbitrary<String> ipv6 = Arbitraries.strings().withChars("0123456789abcdefABCDEF:.").ofMaxLength(50);
        Arbitrary<String> prefix = Arbitraries.of("", "", "http://", "https://", "HTTPS://", "ftp://", "@", "mailto:",
                "user@", "a.b@", "+", "//", "\\\\");
        Arbitrary<String> suffix = Arbitraries.of("", "", ".", "/", "/path?q=1#f", ":8080", ":99999", "/24", "/129",
                "%zz", "%2e%2e/", ":@", "@x.y", "\u0000", " ");
        Arbitrary<String> middle = Arbitraries.oneOf(host, ipv4, ipv6, ipv6.map(v -> "[" + v + "]"));
        return Combinators.combine(prefix, middle, suffix).as((p, m, s) -> p + m + s);
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A JSON value that is not a container: text of every kind, numbers small and huge, booleans, null. */
    public static Arbitrary<JsonNode> jsonLeaf() {
        return Arbitraries.oneOf(
                text().map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.longs().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.of(new BigInteger("9".repeat(60)), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE))
                        .map(NODES::numberNode),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-0.0")).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
    }

    /** Any JSON value up to {@code maxDepth} deep, with object keys mostly from {@code keys} (the format's own). */
    public static Arbitrary<JsonNode> json(List<String> keys, int maxDepth) {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(keys), Arbitraries.of(keys),
                Arbitraries.strings().ofMaxLength(12));
        return Arbitraries.recursive(Fuzz::jsonLeaf, inner -> Arbitraries.oneOf(
                inner,
                inner.list().ofMaxSize(4).map(values -> {
                    ArrayNode array = NODES.arrayNode();
                    values.forEach(array::add);
                    return (JsonNode) array;
                }),
                Combinators.combine(key.list().ofMaxSize(5), inner.list().ofMaxSize(5)).as((names, values) -> {
                    ObjectNode object = NODES.objectNode();
                    for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
                        object.set(names.get(i), values.get(i));
                    }
                    return (JsonNode) object;
                })), 0, maxDepth);
    }

    /**
     * A real document with a few changes: a value replaced by another of any type (a subtree among them), removed,
     * or wrapped in an array. Parsers of structured data fail on the near-valid far more than on noise.
     */
    public static Arbitrary<JsonNode> mutationsOf(JsonNode original, List<String> keys) {
        Arbitrary<JsonNode> replacement = Arbitraries.oneOf(jsonLeaf(), json(keys, 3));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of(Change.values()), replacement).as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(6).map(mutations -> {
            JsonNode copy = original.deepCopy();
            for (Mutation m : mutations) {
                m.applyTo(copy);
            }
            return copy;
        });
    }

    private enum Change { REPLACE, REMOVE, WRAP }

    private record Mutation(int position, Change change, JsonNode replacement) {
        /** Changes the value at one place, counted over every member and element of the document. */
        void applyTo(JsonNode root) {
            List<Object[]> places = new ArrayList<>();
            collect(root, places);
            if (places.isEmpty()) {
                return;
            }
            Object[] place = places.get(position % places.size());
            JsonNode parent = (JsonNode) place[0];
            if (parent instanceof ObjectNode object) {
                String name = (String) place[1];
                switch (change) {
                    case REPLACE -> object.set(name, replacement);
                    case REMOVE -> object.remove(name);
                    case WRAP -> object.set(name, NODES.arrayNode().add(object.get(name)));
                }
            } else if (parent instanceof ArrayNode array) {
                int index = (Integer) place[1];
                switch (change) {
                    case REPLACE -> array.set(index, replacement);
                    case REMOVE -> array.remove(index);
                    case WRAP -> array.set(index, NODES.arrayNode().add(array.get(index)));
                }
            }
        }

        private static void collect(JsonNode node, List<Object[]> places) {
            if (node instanceof ObjectNode object) {
                object.properties().forEach(e -> {
                    places.add(new Object[] {object, e.getKey()});
                    collect(e.getValue(), places);
                });
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    places.add(new Object[] {array, i});
                    collect(array.get(i), places);
                }
            }
        }
    }
}
