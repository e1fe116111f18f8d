package dev.osint.collectors.crtsh;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Subdomains and their certificate history from Certificate Transparency logs, as crt.sh indexes them. */
public final class CrtshCollector implements Collector {
    static final String TYPE = "crtsh";
    static final UpstreamSpec CRTSH = UpstreamSpec.http("crtsh", "crt.sh", "https://crt.sh")
            // crt.sh often takes tens of seconds on large domains
            .timeout(Duration.ofSeconds(60))
            // a free shared service that throttles heavy users
            .rateLimit(RateLimit.perMinute(30));
    private static final TypeReference<List<CrtshEntry>> ROWS = new TypeReference<>() {};

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "CrtshCollector")
            .description("Subdomains found in Certificate Transparency logs (crt.sh), with each name's first and"
                    + " last certificate, issuers and expiry")
            .accepts(TargetKind.DOMAIN)
            .produces(EntityKind.SUBDOMAIN)
            .options(OptionSpec.bool("include_expired", true,
                    "Also list certificates that have expired (crt.sh's exclude=expired when false)"))
            .upstreams(CRTSH)
            .build();

    private final Clock clock;

    public CrtshCollector() {
        this(Clock.systemUTC());
    }

    /** With a fixed clock, so tests can tell expired certificates from current ones. */
    CrtshCollector(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        String domain = context.target().value();
        context.progress(0.1, "asking crt.sh for certificates of " + domain);
        var request = new UpstreamClient(context, CRTSH).get("/")
                .query("q", "%." + domain)
                .query("output", "json");
        if (!context.options().bool("include_expired")) {
            request.query("exclude", "expired");
        }
        UpstreamAnswer<List<CrtshEntry>> answer = request.as(ROWS);
        List<CrtshEntry> rows = answer.isFound() && answer.body() != null ? answer.body() : List.of();
        context.progress(0.8, "summarising " + rows.size() + " crt.sh rows");
        CertificateSummary summary = new CertificateSummary(domain, clock.instant()).addAll(rows);
        if (summary.isEmpty()) {
            return CollectorOutput.notFound("no certificates", summary.data());
        }
        return CollectorOutput.found(summary.data(), summary.entities(TYPE));
    }
}
