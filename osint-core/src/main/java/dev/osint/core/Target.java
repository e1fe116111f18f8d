package dev.osint.core;

/** A validated, normalised scan target: the value collectors see (punycode domains, lower-cased emails, …). */
public record Target(TargetKind kind, String value) {
    public Target {
        if (kind == null || value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a target needs a kind and a value");
        }
    }

    @Override
    public String toString() {
        return kind.wireName() + ":" + value;
    }
}
