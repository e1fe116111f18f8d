package dev.osint.collectors.shodan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.Secret;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Open ports, banners and CVEs of an IP (Shodan, or its keyless InternetDB), and what Shodan's DNS knows of a domain. */
public final class ShodanCollector implements Collector {
    static final String TYPE = "shodan";
    static final String KEY_HELP = "https://account.shodan.io";
    static final String KEYLESS_NOTE = "keyless source: Shodan InternetDB (open ports, hostnames, CPEs, tags and CVEs,"
            + " refreshed weekly, no banners); set OSINT_SHODAN_API_KEY for the full host lookup";
    static final UpstreamSpec SHODAN = UpstreamSpec.http("shodan", ShodanParser.SHODAN, "https://api.shodan.io")
            .key(KEY_HELP)
            // Shodan's API answers more than one request a second per key with 429
            .rateLimit(RateLimit.perSecond(1));
    static final UpstreamSpec INTERNETDB = UpstreamSpec.http("internetdb", ShodanParser.INTERNETDB,
            "https://internetdb.shodan.io").rateLimit(RateLimit.perSecond(1));

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "ShodanCollector")
            .description("Open ports, services and CVEs of an IP (Shodan host lookup, or InternetDB without a key);"
                    + " subdomains and DNS records of a domain (needs a key)")
            .accepts(TargetKind.IP, TargetKind.DOMAIN)
            .produces(EntityKind.PORT, EntityKind.VULNERABILITY, EntityKind.HOSTNAME, EntityKind.SUBDOMAIN,
                    EntityKind.IP)
            // optional: IPs fall back to InternetDB; domains need it
            .secrets(SHODAN.secretSpec(false))
            .upstreams(SHODAN, INTERNETDB)
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        Upstream shodan = Upstream.of(context.settings(), SHODAN);
        String target = context.target().value();
        if (context.target().kind() == TargetKind.DOMAIN) {
            Secret key = shodan.key().orElseThrow(() -> new CollectorException("Shodan needs an API key for domains"
                    + " (InternetDB, the keyless source, only covers IPs): set " + shodan.keyVariable() + " (or "
                    + shodan.keyVariable() + "_FILE); get a key at " + KEY_HELP));
            return domain(context, shodan, key, target);
        }
        if (shodan.key().isPresent()) {
            return host(context, shodan, shodan.key().get(), target);
        }
        return internetDb(context, target);
    }

    private static CollectorOutput host(ScanContext context, Upstream shodan, Secret key, String ip)
            throws InterruptedException {
        context.progress(0.1, "asking Shodan about " + ip);
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, shodan)
                .get("/shodan/host/" + UpstreamClient.segment(ip)).query("key", key).json();
        if (answer.isNotFound()) {
            return notFound("Shodan has no information about " + ip, "shodan", ip);
        }
        failOnError(shodan, answer.body());
        ShodanParser.Parsed parsed = ShodanParser.host(answer.body());
        context.progress(1.0, parsed.entities().size() + " findings");
        return CollectorOutput.found(parsed.data(), parsed.entities()).withMetadata("source", "shodan");
    }

    private static CollectorOutput internetDb(ScanContext context, String ip) throws InterruptedException {
        context.progress(0.1, "no Shodan key: asking InternetDB about " + ip);
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, INTERNETDB)
                .get("/" + UpstreamClient.segment(ip)).json();
        if (answer.isNotFound()) {
            // {"detail": "No information available"}: InternetDB has not seen the IP
            return notFound("Shodan InternetDB has no information about " + ip, "internetdb", ip)
                    .withMetadata("note", KEYLESS_NOTE);
        }
        ShodanParser.Parsed parsed = ShodanParser.internetDb(answer.body());
        Map<String, Object> data = new LinkedHashMap<>(parsed.data());
        data.put("note", KEYLESS_NOTE);
        context.progress(1.0, parsed.entities().size() + " findings");
        return CollectorOutput.found(data, parsed.entities()).withMetadata("source", "internetdb")
                .withMetadata("note", KEYLESS_NOTE);
    }

    private static CollectorOutput domain(ScanContext context, Upstream shodan, Secret key, String domain)
            throws InterruptedException {
        context.progress(0.1, "asking Shodan's DNS about " + domain);
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, shodan)
                .get("/dns/domain/" + UpstreamClient.segment(domain)).query("key", key).json();
        if (answer.isNotFound()) {
            return notFound("Shodan has no DNS information about " + domain, "shodan", domain);
        }
        failOnError(shodan, answer.body());
        ShodanParser.Parsed parsed = ShodanParser.domain(answer.body(), domain);
        context.progress(1.0, parsed.entities().size() + " findings");
        return CollectorOutput.found(parsed.data(), parsed.entities()).withMetadata("source", "shodan");
    }

    private static void failOnError(Upstream shodan, JsonNode body) {
        ShodanParser.error(body).ifPresent(message -> {
            throw new CollectorException("Shodan answered with an error: " + shodan.redact(message));
        });
    }

    private static CollectorOutput notFound(String reason, String source, String target) {
        return CollectorOutput.notFound(reason, Map.of("source", source, "target", target))
                .withMetadata("source", source);
    }
}
