package dev.osint.core;

import java.util.List;
import java.util.Set;

/**
 * What a collector is, as data: the API lists it, validation reads it, the queue routes by it.
 *
 * @param type     the scan type users name ({@code dns})
 * @param name     the display name kept from the seed ({@code DNSCollector})
 * @param accepts  target kinds it takes
 * @param produces entity kinds it emits
 * @param queue    the queue its tasks go to ({@code default}, {@code slow})
 * @param listed   false for built-in tasks such as {@code ping}, listed apart from the OSINT collectors
 * @param upstreams the outside services it calls (for the state of their circuits and their metrics)
 */
public record CollectorSpec(String type, String name, String description, Set<TargetKind> accepts,
                            Set<EntityKind> produces, List<OptionSpec> options, List<SecretSpec> secrets,
                            RateLimit rateLimit, String queue, boolean listed,
                            List<UpstreamSpec> upstreams) {
    public CollectorSpec {
        accepts = Set.copyOf(accepts);
        produces = Set.copyOf(produces);
        options = List.copyOf(options);
        secrets = List.copyOf(secrets);
        upstreams = List.copyOf(upstreams);
    }

    public static Builder builder(String type, String name) {
        return new Builder(type, name);
    }

    /** Reads like the spec it builds: {@code builder("dns", "DNSCollector").accepts(DOMAIN)…build()}. */
    public static final class Builder {
        private final String type;
        private final String name;
        private String description = "";
        private Set<TargetKind> accepts = Set.of();
        private Set<EntityKind> produces = Set.of();
        private List<OptionSpec> options = List.of();
        private List<SecretSpec> secrets = List.of();
        private RateLimit rateLimit = RateLimit.UNLIMITED;
        private String queue = "default";
        private boolean listed = true;
        private List<UpstreamSpec> upstreams = List.of();

        private Builder(String type, String name) {
            this.type = type;
            this.name = name;
        }

        public Builder description(String description) { this.description = description; return this; }
        public Builder accepts(TargetKind... kinds) { this.accepts = Set.of(kinds); return this; }
        public Builder produces(EntityKind... kinds) { this.produces = Set.of(kinds); return this; }
        public Builder options(OptionSpec... options) { this.options = List.of(options); return this; }
        public Builder secrets(SecretSpec... secrets) { this.secrets = List.of(secrets); return this; }
        public Builder rateLimit(RateLimit rateLimit) { this.rateLimit = rateLimit; return this; }
        public Builder queue(String queue) { this.queue = queue; return this; }
        public Builder unlisted() { this.listed = false; return this; }
        public Builder upstreams(UpstreamSpec... upstreams) { this.upstreams = List.of(upstreams); return this; }

        public CollectorSpec build() {
            return new CollectorSpec(type, name, description, accepts, produces, options, secrets, rateLimit, queue,
                    listed, upstreams);
        }
    }
}
