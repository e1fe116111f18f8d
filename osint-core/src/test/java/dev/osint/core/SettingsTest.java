package dev.osint.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void aSecretComesFromTheVariableOrItsFileAndNeverPrints(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "s3cr3t\n");
        Settings settings = new Settings(Map.of("OSINT_X_API_KEY_FILE", file.toString()));
        Secret secret = settings.secret("OSINT_X_API_KEY").orElseThrow();
        assertThat(secret.reveal()).isEqualTo("s3cr3t");
        assertThat(secret.toString()).doesNotContain("s3cr3t");
        assertThat(new Settings(Map.of("OSINT_X_API_KEY", "direct")).secret("OSINT_X_API_KEY").orElseThrow().reveal())
                .isEqualTo("direct");
        assertThat(new Settings(Map.of()).secret("OSINT_X_API_KEY")).isEmpty();
    }

    @Test
    void aSecretCountsAsSetOnlyWhenItCanBeRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("key");
        Files.writeString(file, "s3cr3t");
        assertThat(new Settings(Map.of("OSINT_X_API_KEY", "direct")).hasSecret("OSINT_X_API_KEY")).isTrue();
        assertThat(new Settings(Map.of("OSINT_X_API_KEY_FILE", file.toString())).hasSecret("OSINT_X_API_KEY")).isTrue();
        assertThat(new Settings(Map.of("OSINT_X_API_KEY_FILE", dir.resolve("missing").toString()))
                .hasSecret("OSINT_X_API_KEY")).isFalse();
        assertThat(new Settings(Map.of()).hasSecret("OSINT_X_API_KEY")).isFalse();
    }

    @Test
    void malformedValuesNameTheVariable() {
        Settings settings = new Settings(Map.of("OSINT_N", "ten", "OSINT_S", "-1", "OSINT_R", "host:notaport"));
        assertThatThrownBy(() -> settings.integer("OSINT_N", 1)).hasMessageContaining("OSINT_N");
        assertThatThrownBy(() -> settings.seconds("OSINT_S", 1)).hasMessageContaining("OSINT_S");
        assertThatThrownBy(() -> settings.hostPorts("OSINT_R", 53)).hasMessageContaining("OSINT_R");
    }

    @Test
    void hostPortListsAndSeconds() {
        Settings settings = new Settings(Map.of("OSINT_DNS_RESOLVERS", "127.0.0.1:5353, [::1]:53,dns.test",
                "OSINT_T", "0.25"));
        assertThat(settings.hostPorts("OSINT_DNS_RESOLVERS", 53)).extracting(a -> a.getHostString() + "/" + a.getPort())
                .containsExactly("127.0.0.1/5353", "::1/53", "dns.test/53");
        assertThat(settings.seconds("OSINT_T", 1)).isEqualTo(Duration.ofMillis(250));
    }
}
