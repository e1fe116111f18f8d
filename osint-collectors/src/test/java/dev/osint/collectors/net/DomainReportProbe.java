package dev.osint.collectors.net;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.TargetKind;
import java.util.List;
import java.util.Map;

/** A minimal collector in the shape of a VirusTotal domain lookup, to drive the shared client end to end. */
final class DomainReportProbe implements Collector {
    static Upstream upstreamOf(ScanContext context) {
        return Upstream.withKey(context.settings(), "VirusTotal", "VIRUSTOTAL", "https://www.virustotal.com",
                "https://www.virustotal.com/gui/my-apikey");
    }

    @Override
    public CollectorSpec spec() {
        return CollectorSpec.builder("domain-report-probe", "DomainReportProbe").accepts(TargetKind.DOMAIN).build();
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
