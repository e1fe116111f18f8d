package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An option's range check: exact for every kind of number, and no decimals where none are needed. */
class OptionRangeTest {
    @Test
    void wholeNumbers() {
        assertThat(OptionSpec.inRange(5L, 1L, 10L)).isTrue();
        assertThat(OptionSpec.inRange(11, 1L, 10L)).isFalse();
        assertThat(OptionSpec.inRange(0, 1L, null)).isFalse();
        assertThat(OptionSpec.inRange(Long.MAX_VALUE, 0L, Long.MAX_VALUE)).isTrue();
        assertThat(OptionSpec.inRange(Long.MIN_VALUE, null, null)).isTrue();
    }

    @Test
    void fractions() {
        assertThat(OptionSpec.inRange(0.5, 0.0, 1.0)).isTrue();
        assertThat(OptionSpec.inRange(1.0000001, 0.0, 1.0)).isFalse();
        assertThat(OptionSpec.inRange(0.5f, 0.0, 1.0)).isTrue();
        assertThat(OptionSpec.inRange(Double.NaN, null, null)).isFalse();
        assertThat(OptionSpec.inRange(Double.POSITIVE_INFINITY, 0.0, null)).isFalse();
    }

    @Test
    void mixesCompareExactly() {
        // 2^53 + 1 is above 2^53 though a double cannot tell them apart
        assertThat(OptionSpec.inRange(9_007_199_254_740_993L, null, 9.007199254740992E15)).isFalse();
        assertThat(OptionSpec.inRange(Long.MAX_VALUE, null, 9.223372036854775807E18)).isTrue();
        assertThat(OptionSpec.inRange(2.5, 2L, 3L)).isTrue();
        assertThat(OptionSpec.inRange(new java.math.BigInteger("10"), 1L, 10L)).isTrue();
    }

    @Test
    void declaringBoundedOptionsLeavesBigDecimalUninitialised() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xlog:class+init=info", "-cp",
                System.getProperty("java.class.path"), Declare.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("declared").doesNotContain("'java/math/BigDecimal'");
    }

    /** Declares options as collectors do, in a fresh JVM. */
    static final class Declare {
        public static void main(String[] args) {
            OptionSpec.integer("limit", 100, "how many").range(1, 1000);
            OptionSpec.number("ratio", 0.5, "how much").range(0.0, 1.0);
            OptionSpec.bool("deep", false, "whether");
            System.out.println("declared");
        }
    }
}
