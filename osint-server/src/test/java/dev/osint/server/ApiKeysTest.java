package dev.osint.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osint.core.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading OSINT_API_KEYS and OSINT_API_KEYS_FILE, finding a caller by key, and making new keys. */
class ApiKeysTest {
    static final String ALICE_KEY = "aLiCe-0123456789-abcdefghijklmnop";
    static final String BOB_KEY = "bob_0123456789ABCDEFGHIJ";
    static final String ROOT_KEY = "root.0123456789~xyz+/=";

    private static ApiKeys keys(Map<String, String> settings) {
        return ApiKeys.from(new Settings(settings));
    }

    @Test
    void namesAndAdminMarksAreReadAndOnlyDigestsAreKept() {
        ApiKeys keys = keys(Map.of("OSINT_API_KEYS", "alice:" + ALICE_KEY + ", " + BOB_KEY + " , ops:" + ROOT_KEY
                + ";admin"));

        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.find(ALICE_KEY)).contains(new Caller("alice", "alice", false));
        assertThat(keys.find(BOB_KEY)).contains(new Caller(ApiKeys.idOf(BOB_KEY), ApiKeys.idOf(BOB_KEY), false));
        assertThat(ApiKeys.idOf(BOB_KEY)).matches("key-[0-9a-f]{12}");
        assertThat(keys.find(ROOT_KEY)).contains(new Caller("ops", "ops", true));
        assertThat(keys.find(ALICE_KEY + "x")).isEmpty();
        assertThat(keys.find("alice")).isEmpty();
        assertThat(keys.find("")).isEmpty();
        // nothing in the object holds a key's text
        assertThat(keys.toString()).doesNotContain(ALICE_KEY).doesNotContain(BOB_KEY).doesNotContain(ROOT_KEY);
    }

    @Test
    void aFileTakesOneKeyALineWithComments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# the team's keys\n\nalice:" + ALICE_KEY + "\n  # ops\n ops:" + ROOT_KEY
                + ";admin  \n");

        ApiKeys keys = keys(Map.of("OSINT_API_KEYS_FILE", file.toString(), "OSINT_API_KEYS", BOB_KEY));

        assertThat(keys.size()).isEqualTo(3);
        assertThat(keys.find(ROOT_KEY).orElseThrow().admin()).isTrue();
        assertThat(keys.find(BOB_KEY)).isPresent();
    }

    @Test
    void aMalformedEntryIsNamedWithoutQuotingTheKey(@TempDir Path dir) throws IOException {
        String almostAKey = "s3cr3t-but-has a space-0123456789";
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", ALICE_KEY + "," + almostAKey)))
                .hasMessageContaining("OSINT_API_KEYS entry 2").hasMessageContaining("osint keys create")
                .message().doesNotContain("s3cr3t");
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", "short-key")))
                .hasMessageContaining("16 to 512").message().doesNotContain("short-key");
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", ALICE_KEY + ";root")))
                .hasMessageContaining("only 'admin'");
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", "al ice:" + ALICE_KEY)))
                .hasMessageContaining("a name is").message().doesNotContain(ALICE_KEY);
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", "a:" + ALICE_KEY + ",b:" + ALICE_KEY)))
                .hasMessageContaining("entry 2: the same key is listed twice (a)").message().doesNotContain(ALICE_KEY);
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", "a:" + ALICE_KEY + ",a:" + BOB_KEY)))
                .hasMessageContaining("the name 'a' is given to two keys");

        Path file = dir.resolve("keys");
        Files.writeString(file, "# only comments\n");
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS_FILE", file.toString())))
                .hasMessageContaining("no key in it");
        Files.writeString(file, "alice:" + ALICE_KEY + "\nbob " + BOB_KEY + "\n");
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS_FILE", file.toString())))
                .hasMessageContaining("OSINT_API_KEYS_FILE line 2").message().doesNotContain(BOB_KEY);
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS_FILE", dir.resolve("missing").toString())))
                .hasMessageContaining("cannot be read");
    }

    @Test
    void anEntryMayGiveTheKeysDigestSoThatTheFileNeedNotHoldIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys");
        Files.writeString(file, "alice:" + ApiKeys.digestOf(ALICE_KEY) + ";admin\n" + ApiKeys.digestOf(BOB_KEY)
                .toUpperCase().replace("SHA256", "sha256") + "\n");

        ApiKeys keys = keys(Map.of("OSINT_API_KEYS_FILE", file.toString()));

        assertThat(Files.readString(file)).doesNotContain(ALICE_KEY).doesNotContain(BOB_KEY);
        assertThat(keys.find(ALICE_KEY)).contains(new Caller("alice", "alice", true));
        assertThat(keys.find(BOB_KEY)).contains(new Caller(ApiKeys.idOf(BOB_KEY), ApiKeys.idOf(BOB_KEY), false));
        assertThat(keys.find(ApiKeys.digestOf(ALICE_KEY))).as("the digest is not a key").isEmpty();
        assertThatThrownBy(() -> keys(Map.of("OSINT_API_KEYS", "sha256:" + ALICE_KEY)))
                .hasMessageContaining("a name is");
    }

    @Test
    void newKeysAreLongRandomAndUrlSafe() {
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String key = ApiKeys.newKey();
            assertThat(key).matches("[A-Za-z0-9_-]{43}"); // 256 bits
            made.add(key);
            assertThat(keys(Map.of("OSINT_API_KEYS", "k:" + key)).find(key)).isPresent();
        }
        assertThat(made).hasSize(200);
    }

    @Test
    void noKeysIsEmpty() {
        assertThat(keys(Map.of()).isEmpty()).isTrue();
        assertThat(keys(Map.of("OSINT_API_KEYS", " , ")).isEmpty()).isTrue();
    }
}
