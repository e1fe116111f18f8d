package dev.osint.core.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
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
}
