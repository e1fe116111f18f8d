package dev.osint.collectors.whois;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The properties of an RDAP entity's {@code vcardArray} (jCard, RFC 7095): {@code ["vcard", [[name, params, type,
 * value], …]]}.
 */
final class JCard {
    private final List<JsonNode> properties;

    private JCard(List<JsonNode> properties) {
        this.properties = properties;
    }

    /** The entity's card; empty when it has none or the array is not jCard-shaped. */
    static JCard of(JsonNode entity) {
        JsonNode array = entity.path("vcardArray");
        List<JsonNode> properties = new ArrayList<>();
        if (array.isArray() && array.size() >= 2 && array.get(1).isArray()) {
            for (JsonNode property : array.get(1)) {
                if (property.isArray() && property.size() >= 4 && property.get(0).isTextual()) {
                    properties.add(property);
                }
            }
        }
        return new JCard(properties);
    }

    /** The first text of property {@code name} ({@code fn}, {@code org}, {@code email}, {@code tel}), or null. */
    String text(String name) {
        for (JsonNode property : properties) {
            if (property.get(0).asText().equalsIgnoreCase(name)) {
                JsonNode value = property.get(3);
                // org may be structured: ["Example Inc.", "Sales"]
                String text = value.isArray() ? (value.isEmpty() ? "" : value.get(0).asText()) : value.asText();
                if (!text.isBlank()) {
                    return text.strip();
                }
            }
        }
        return null;
    }

    /**
     * The country of the first {@code adr}: the {@code cc} parameter (RFC 8605), else the last component, the
     * country name, which gTLD registries fill with the ISO code.
     */
    String country() {
        for (JsonNode property : properties) {
            if (property.get(0).asText().equalsIgnoreCase("adr")) {
                String cc = property.get(1).path("cc").asText("");
                if (!cc.isBlank()) {
                    return cc.strip();
                }
                JsonNode value = property.get(3);
                if (value.isArray() && value.size() >= 7 && !value.get(6).asText("").isBlank()) {
                    return value.get(6).asText().strip();
                }
            }
        }
        return null;
    }

    /** True when a property's value is a redaction placeholder ("REDACTED FOR PRIVACY"). */
    boolean hasRedactedValue() {
        for (JsonNode property : properties) {
            for (int i = 3; i < property.size(); i++) {
                JsonNode value = property.get(i);
                if (value.isArray()) {
                    for (JsonNode part : value) {
                        if (RegistrationValues.isRedacted(part.asText())) {
                            return true;
                        }
                    }
                } else if (RegistrationValues.isRedacted(value.asText())) {
                    return true;
                }
            }
        }
        return false;
    }
}
