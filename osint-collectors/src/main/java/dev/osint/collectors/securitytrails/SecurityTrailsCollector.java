package dev.osint.collectors.securitytrails;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.Upstream;
import dev.osint.collectors.net.UpstreamAnswer;
import dev.osint.collectors.net.UpstreamClient;
import dev.osint.core.Collector;
import dev.osint.core.CollectorOutput;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.ScanContext;
import dev.osint.core.Secret;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A domain's current DNS, its subdomains and the history of its A records, from SecurityTrails. */
public final class SecurityTrailsCollector implements Collector {
    static final String TYPE = "securitytrails";
    static final String KEY_HELP = "https://securitytrails.com/app/account/credentials";
    static final String MAX_HISTORY_PAGES = "max_history_pages";
    /** A bound on one scan's cost: every page is one API query of the account's monthly quota. */
    static final int HISTORY_PAGES_CAP = 10;
    static final UpstreamSpec SECURITYTRAILS = UpstreamSpec.http("securitytrails", SecurityTrailsParser.SECURITYTRAILS,
            "https://api.securitytrails.com/v1").key(KEY_HELP);

    private static final CollectorSpec SPEC = CollectorSpec.builder(TYPE, "SecurityTrailsCollector")
            .description("Current DNS records, subdomains (full names) and A-record history of a domain")
            .accepts(TargetKind.DOMAIN)
            .produces(EntityKind.SUBDOMAIN, EntityKind.IP, EntityKind.NAMESERVER, EntityKind.MAIL_SERVER)
            .options(OptionSpec.integer(MAX_HISTORY_PAGES, 1, "pages of A-record history to read (100 records a page,"
                    + " one API query each)").range(1, HISTORY_PAGES_CAP))
            .secrets(SECURITYTRAILS.secretSpec(true))
            .upstreams(SECURITYTRAILS)
            .build();

    @Override
    public CollectorSpec spec() {
        return SPEC;
    }

    @Override
    public CollectorOutput collect(ScanContext context) throws Exception {
        Upstream securityTrails = Upstream.of(context.settings(), SECURITYTRAILS);
        Secret key = securityTrails.requireKey();
        String domain = context.target().value();
        String segment = UpstreamClient.segment(domain);
        UpstreamClient client = new UpstreamClient(context, securityTrails);
        int maxPages = (int) context.options().integer(MAX_HISTORY_PAGES);

        context.progress(0.05, "current DNS of " + domain);
        UpstreamAnswer<JsonNode> details = client.get("/domain/" + segment).header("APIKEY", key).json();
        if (details.isNotFound()) {
            // the other two lookups would only spend queries on a name SecurityTrails does not know
            return CollectorOutput.notFound("SecurityTrails does not know " + domain, Map.of("domain", domain));
        }
        context.checkCancelled();
        context.progress(0.35, "subdomains of " + domain);
        UpstreamAnswer<JsonNode> subdomains = client.get("/domain/" + segment + "/subdomains").header("APIKEY", key)
                .json();
        context.checkCancelled();
        List<JsonNode> history = new ArrayList<>();
        for (int page = 1; page <= maxPages; page++) {
            context.progress(0.65 + 0.3 * (page - 1) / maxPages, "A-record history of " + domain + ", page " + page);
            UpstreamAnswer<JsonNode> answer = client.get("/history/" + segment + "/dns/a")
                    .query("page", Integer.toString(page)).header("APIKEY", key).json();
            if (answer.isNotFound()) {
                break;
            }
            history.add(answer.body());
            if (page >= answer.body().path("pages").asInt(1)) {
                break;
            }
            context.checkCancelled();
        }
        SecurityTrailsParser.Parsed parsed = SecurityTrailsParser.parse(domain, details.body(),
                subdomains.isFound() ? subdomains.body() : null, history);
        context.progress(1.0, parsed.entities().size() + " findings");
        return CollectorOutput.found(parsed.data(), parsed.entities());
    }
}
