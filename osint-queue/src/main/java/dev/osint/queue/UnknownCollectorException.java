package dev.osint.queue;

import java.util.Collection;
import java.util.List;

/** A scan type no collector serves; the message lists those that exist. */
public class UnknownCollectorException extends IllegalArgumentException {
    private final List<String> available;

    public UnknownCollectorException(String type, Collection<String> available) {
        super("unknown collector type '" + type + "'; available: " + String.join(", ", available));
        this.available = List.copyOf(available);
    }

    public List<String> available() {
        return available;
    }
}
