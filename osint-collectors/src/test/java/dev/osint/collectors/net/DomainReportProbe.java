package dev.osint.collectors.net;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.util.List;
import java.util.Map;

/** A minimal collector in the shape of a VirusTotal domain lookup, to drive the shared client end to end. */
final class DomainReportProbe implements Collector {
    static final UpstreamSpec VIRUSTOTAL = UpstreamSpec.http("virustotal", "VirusTotal", "https://www.virustotal.com")
            .key("https://www.virustotal.com/gui/my-apikey").rateLimit(RateLimit.perMinute(4));
    /** Pages at addresses users choose, declared as the social collector declares its profile pages. */
    static final UpstreamSpec PAGES = UpstreamSpec.userChosen("user_url", "Pages users chose")
            .followRedirects(SsrfGuard.MAX_REDIRECTS).rateLimit(RateLimit.perSecond(10));

    static Upstream upstreamOf(ScanContext context) {
        return Upstream.of(context.settings(), VIRUSTOTAL);
    }

    @Override
    public CollectorSpec spec() {
        return CollectorSpec.builder("domain-report-probe", "DomainReportProbe").accepts(TargetKind.DOMAIN)
                .upstreams(VIRUSTOTAL).build();
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        Upstream upstream = upstreamOf(context);
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, upstream)
                .get("/api/v3/domains/" + UpstreamClient.segment(context.target().value()))
                .header("x-apikey", upstream.requireKey())
                .json();
        if (answer.isNotFound()) {
            return CollectorOutput.notFound("VirusTotal has no report on " + context.target().value(), Map.of());
        }
        JsonNode stats = answer.body().path("data").path("attributes").path("last_analysis_stats");
        return CollectorOutput.found(Map.of("malicious", stats.path("malicious").asInt()), List.of());
    }
}
