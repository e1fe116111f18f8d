package dev.osint.collectors.whois;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The test resources under {@code whois/} (port-43 texts) and {@code upstreams/rdap/} (RDAP JSON). */
final class Fixtures {
    private Fixtures() {}

    static String whoisText(String file) {
        return read("/whois/" + file);
    }

    static String rdapText(String file) {
        return read("/upstreams/rdap/" + file);
    }

    static JsonNode rdapJson(String file) {
        try {
            return Json.mapper().readTree(rdapText(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test fixture at src/test/resources" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
