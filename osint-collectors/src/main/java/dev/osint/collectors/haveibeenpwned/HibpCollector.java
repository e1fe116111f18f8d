package dev.osint.collectors.haveibeenpwned;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.Collector;
import dev.osint.core.CollectorException;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Have I Been Pwned v3: the breaches of an email address (key needed), a domain's or every breach's metadata, and
 * Pwned Passwords by k-anonymity for a SHA-1 hash.
 */
public final class HibpCollector implements Collector {
    static final String TYPE = "haveibeenpwned";
    private static final TypeReference<List<Breach>> BREACHES = new TypeReference<>() {};
    static final UpstreamSpec HIBP = UpstreamSpec.http("hibp", "Have I Been Pwned",
            "https://haveibeenpwned.com/api/v3").key("https://haveibeenpwned.com/API/Key")
            // the lowest subscription (Pwned 1) allows 10 requests a minute per key
            .rateLimit(RateLimit.perMinute(10));
    // free and keyless, with no published rate limit
    static final UpstreamSpec PWNED_PASSWORDS = UpstreamSpec.http("pwnedpasswords", "Pwned Passwords",
            "https://api.pwnedpasswords.com");
    /** HIBP's breach names are short words ("Adobe", "LinkedInScrape"); longer is never one. */
    static final int MAX_BREACH_NAME = 64;

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "HaveIBeenPwnedCollector")
            .description("Breaches of an email address, breaches of a domain, and whether a SHA-1 password hash is"
                    + " in Pwned Passwords (only its first 5 hex digits are sent)")
            .accepts(TargetKind.EMAIL, TargetKind.DOMAIN, TargetKind.HASH)
            .produces(EntityKind.BREACH, EntityKind.HASH)
            .options(
                    OptionSpec.bool("all_breaches", false,
                            "With a domain target: list every breach HIBP knows instead of that domain's"),
                    OptionSpec.string("breach", "",
                            "With a domain target: fetch this one breach by its Name (Adobe) instead")
                            .maxLength(MAX_BREACH_NAME))
            .secrets(HIBP.secretSpec(false))
            .upstreams(HIBP, PWNED_PASSWORDS)
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        return switch (context.target().kind()) {
            case EMAIL -> account(context, context.target().value());
            case DOMAIN -> domain(context, context.target().value());
            case HASH -> password(context, context.target().value());
            default -> throw new CollectorException(TYPE + " takes an email, a domain or a SHA-1 hash");
        };
    }

    private static CollectorOutput account(ScanContext context, String email) throws InterruptedException {
        Upstream hibp = Upstream.of(context.settings(), HIBP);
        UpstreamClient client = new UpstreamClient(context, hibp);
        // requireKey() throws before any request when OSINT_HIBP_API_KEY is not set
        UpstreamAnswer<List<Breach>> answer = client.get("/breachedaccount/" + UpstreamClient.segment(email))
                .header("hibp-api-key", hibp.requireKey()).query("truncateResponse", "false").as(BREACHES);
        if (answer.isNotFound()) {
            return CollectorOutput.notFound("not pwned: " + email + " is in no breach HIBP knows",
                    data(List.of()));
        }
        return breaches(answer.body());
    }

    private static CollectorOutput domain(ScanContext context, String domain) throws InterruptedException {
        UpstreamClient client = new UpstreamClient(context, HIBP);
        String name = context.options().string("breach");
        if (name != null && !name.isBlank()) {
            UpstreamAnswer<Breach> one = client.get("/breach/" + UpstreamClient.segment(name.strip())).as(Breach.class);
            return one.isFound() ? breaches(List.of(one.body()))
                    : CollectorOutput.notFound("HIBP has no breach named " + name.strip(), data(List.of()));
        }
        UpstreamAnswer<List<Breach>> answer = context.options().bool("all_breaches")
                ? client.get("/breaches").as(BREACHES)
                : client.get("/breaches").query("domain", domain).as(BREACHES);
        if (answer.isNotFound() || answer.body().isEmpty()) {
            return CollectorOutput.notFound("HIBP knows no breach of " + domain, data(List.of()));
        }
        return breaches(answer.body());
    }

    private static CollectorOutput password(ScanContext context, String hash) throws InterruptedException {
        String sha1 = PwnedPasswords.requireSha1(hash);
        String prefix = PwnedPasswords.prefix(sha1);
        UpstreamAnswer<String> range = new UpstreamClient(context, PWNED_PASSWORDS)
                .get("/range/" + prefix).header("Add-Padding", "true").text();
        if (range.isNotFound()) {
            throw new CollectorException("Pwned Passwords has no range " + prefix + " (HTTP 404): check"
                    + " OSINT_PWNEDPASSWORDS_BASE_URL");
        }
        long count = PwnedPasswords.count(range.body(), sha1);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pwned", count > 0);
        data.put("count", count);
        data.put("prefix_sent", prefix);
        if (count == 0) {
            return CollectorOutput.notFound("not pwned: the hash is in no Pwned Passwords breach corpus", data);
        }
        return CollectorOutput.found(data, List.of(Entity.of(EntityKind.HASH, hash.toLowerCase(), TYPE,
                Map.of("algorithm", "sha1", "pwned_count", count))));
    }

    private static CollectorOutput breaches(List<Breach> breaches) {
        List<Entity> entities = breaches.stream().map(b -> Entity.of(EntityKind.BREACH, b.name(), TYPE, Map.of(
                "date", b.breachDate() == null ? "" : b.breachDate(),
                "data_classes", b.dataClasses(),
                "domain", b.domain() == null ? "" : b.domain()))).toList();
        return CollectorOutput.found(data(breaches), entities);
    }

    private static Map<String, Object> data(List<Breach> breaches) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("breach_count", breaches.size());
        data.put("breaches", breaches.stream().map(Breach::toMap).toList());
        return data;
    }
}
