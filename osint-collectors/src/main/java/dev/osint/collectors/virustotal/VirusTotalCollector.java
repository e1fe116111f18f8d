package dev.osint.collectors.virustotal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.RateLimit;
import dev.osint.core.ScanContext;
import dev.osint.core.Target;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.util.Map;

/** VirusTotal's last analysis of a domain, IP, URL or file hash: engine counts, a verdict, the engines that flagged it. */
public final class VirusTotalCollector implements Collector {
    static final String TYPE = "virustotal";
    static final String KEY_HELP = "https://www.virustotal.com/gui/my-apikey";
    static final UpstreamSpec VIRUSTOTAL = UpstreamSpec.http("virustotal", VirusTotalParser.VIRUSTOTAL,
            "https://www.virustotal.com/api/v3").key(KEY_HELP)
            // the public API allows 4 requests a minute per key, shared by every worker
            .rateLimit(RateLimit.perMinute(4));

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "VirusTotalCollector")
            .description("Last analysis stats, verdict, reputation, categories and flagging engines of a domain, IP,"
                    + " URL or file hash (VirusTotal API v3)")
            .accepts(TargetKind.DOMAIN, TargetKind.IP, TargetKind.URL, TargetKind.HASH)
            .produces(EntityKind.DOMAIN, EntityKind.IP, EntityKind.URL, EntityKind.HASH)
            .secrets(VIRUSTOTAL.secretSpec(true))
            .upstreams(VIRUSTOTAL)
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        Upstream virusTotal = Upstream.of(context.settings(), VIRUSTOTAL);
        Target target = context.target();
        String path = path(target);
        context.progress(0.1, "asking VirusTotal about " + target.kind().wireName() + " " + target.value());
        UpstreamAnswer<JsonNode> answer = new UpstreamClient(context, virusTotal).get(path)
                .header("x-apikey", virusTotal.requireKey()).json();
        if (answer.isNotFound()) {
            String code = VirusTotalParser.errorCode(answer.errorText()).orElse("HTTP 404");
            return CollectorOutput.notFound("VirusTotal does not know " + target.kind().wireName() + " "
                    + target.value() + " (" + code + ")", Map.of("target", target.value()));
        }
        VirusTotalParser.Parsed parsed = VirusTotalParser.report(answer.body(), target.kind(), target.value());
        context.progress(1.0, "verdict: " + ((Map<?, ?>) parsed.data().get("summary")).get("verdict"));
        return CollectorOutput.found(parsed.data(), parsed.entities()).withMetadata("endpoint", endpoint(path));
    }

    /** The v3 object a target is: {@code /domains/…}, {@code /ip_addresses/…}, {@code /urls/<url id>}, {@code /files/…}. */
    static String path(Target target) {
        return switch (target.kind()) {
            case DOMAIN -> "/domains/" + UpstreamClient.segment(target.value());
            case IP -> "/ip_addresses/" + UpstreamClient.segment(target.value());
            case URL -> "/urls/" + VirusTotalParser.urlId(target.value());
            case HASH -> "/files/" + UpstreamClient.segment(target.value());
            default -> throw new IllegalArgumentException("not a VirusTotal target: " + target);
        };
    }

    /** The endpoint without the target, for metadata: {@code /urls/{id}}. */
    private static String endpoint(String path) {
        return path.substring(0, path.indexOf('/', 1)) + "/{id}";
    }
}
