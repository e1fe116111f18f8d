package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** The catalogue formats read, each recognised by its shape. */
enum CatalogueFormat {
    /** The project's own: {@code {"format": "osint-username-sites/1", "sites": [...]}}. */
    OWN(new OwnCatalogueReader()),
    /** Sherlock's {@code data.json}: sites by name, each with an {@code errorType}. */
    SHERLOCK(new SherlockCatalogueReader()),
    /** Maigret's {@code data.json}: {@code sites} by name, plus {@code engines} and {@code tags}. */
    MAIGRET(new MaigretCatalogueReader());

    private final CatalogueReader reader;

    CatalogueFormat(CatalogueReader reader) {
        this.reader = reader;
    }

    CatalogueReader reader() {
        return reader;
    }

    /** The format {@code root} is in, if any. */
    static Optional<CatalogueFormat> detect(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        if (root.path("format").asText("").startsWith("osint-username-sites/") && root.path("sites").isArray()) {
            return Optional.of(OWN);
        }
        if (root.path("sites").isObject()) {
            return Optional.of(MAIGRET);
        }
        if (SherlockCatalogueReader.recognises(root)) {
            return Optional.of(SHERLOCK);
        }
        return Optional.empty();
    }
}
