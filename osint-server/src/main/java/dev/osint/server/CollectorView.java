package dev.osint.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.osint.core.Collector;
import dev.osint.core.CollectorSpec;
import dev.osint.core.EntityKind;
import dev.osint.core.OptionSpec;
import dev.osint.core.RateLimit;
import dev.osint.core.SecretSpec;
import dev.osint.core.Settings;
import dev.osint.core.TargetKind;
import dev.osint.core.UpstreamHealth;
import dev.osint.core.UpstreamSpec;
import io.javalin.openapi.OpenApiDescription;
import io.javalin.openapi.OpenApiExample;
import io.javalin.openapi.OpenApiName;
import io.javalin.openapi.OpenApiNullable;
import java.util.List;
import java.util.Locale;

/** One collector as {@code GET /api/v1/collectors} lists it: what it takes, gives, needs and how fast it may go. */
public record CollectorView(
        @OpenApiExample("dns") String type,
        @OpenApiExample("DNSCollector") String name,
        String description,
        @OpenApiDescription("Target kinds it takes (domain, ip, email, username, …)") List<String> accepts,
        @OpenApiDescription("Entity kinds it emits") List<String> produces,
        List<Option> options,
        List<SecretStatus> secrets,
        @JsonInclude(JsonInclude.Include.ALWAYS) // null says "unlimited": it stays in the answer
        @OpenApiNullable @OpenApiDescription("null when unlimited") Rate rateLimit,
        @OpenApiExample("default") String queue,
        @OpenApiDescription("The outside services it calls, with their circuit breakers as this process knows them")
        List<UpstreamView> upstreams) {

    /** One option: its type, default and description side by side, and the rules a value must keep. */
    public record Option(String name, @OpenApiExample("integer") String type,
                         @JsonProperty("default") @OpenApiName("default")
                         @OpenApiDescription("Any JSON value") Object defaultValue, String description,
                         @OpenApiDescription("Smallest value of an integer or number") Number minimum,
                         @OpenApiDescription("Largest value of an integer or number") Number maximum,
                         @OpenApiDescription("Longest string, or longest item of an array")
                         Integer maxLength,
                         @OpenApiDescription("Most items of an array") Integer maxItems,
                         @OpenApiDescription("The values a string, or each item of an array, may take")
                         List<String> allowedValues,
                         @OpenApiDescription("False when only the operator may set it; a request that sets it gets 422")
                         boolean callerSettable) {
        /** The option as the API and {@code osint collectors --json} show it, allowed values read from settings. */
        public static Option of(OptionSpec spec, Settings settings) {
            List<String> allowed = spec.choices() == null ? null : spec.allowedValues(settings);
            return new Option(spec.name(), spec.type().wireName(), spec.defaultValue(), spec.description(),
                    spec.min(), spec.max(), spec.maxLength(), spec.maxItems(), allowed, spec.callerSettable());
        }
    }

    /** A secret the collector reads, and whether it is set; never its value. */
    public record SecretStatus(@OpenApiExample("OSINT_SHODAN_API_KEY") String name, boolean required,
                               @OpenApiDescription("True when NAME or NAME_FILE is set") boolean configured,
                               String howToGet) {}

    /**
     * An upstream the collector calls, as it is declared (where, which key, how long, how fast, how large, which
     * redirects, which circuits), and its circuits as this process knows them.
     */
    public record UpstreamView(
            @OpenApiExample("crtsh") String name,
            @OpenApiExample("crt.sh") String displayName,
            @OpenApiExample("http") @OpenApiDescription("http, or whois (port 43)") String protocol,
            @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiNullable @OpenApiExample("OSINT_CRTSH_BASE_URL")
            @OpenApiDescription("The setting that moves it (OSINT_WHOIS_SERVER for WHOIS); null when users choose"
                    + " its addresses") String baseUrlSetting,
            @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiNullable @OpenApiExample("https://crt.sh")
            @OpenApiDescription("Where it is unless that setting says otherwise") String defaultBaseUrl,
            @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiNullable @OpenApiExample("OSINT_SHODAN_API_KEY")
            @OpenApiDescription("The setting holding its key; null when it takes none") String keySetting,
            @OpenApiExample("60") @OpenApiDescription("The longest one call may take, body included")
            double timeoutSeconds,
            @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiNullable @OpenApiExample("OSINT_CRTSH_TIMEOUT")
            @OpenApiDescription("The setting that overrides the timeout, in seconds") String timeoutSetting,
            @JsonInclude(JsonInclude.Include.ALWAYS) @OpenApiNullable
            @OpenApiDescription("Calls allowed per period, shared by every worker; null when unlimited")
            Rate rateLimit,
            @OpenApiExample("20971520") @OpenApiDescription("The largest answer read") long maxBodyBytes,
            @OpenApiExample("0") @OpenApiDescription("Redirects (WHOIS: referrals) followed, each checked by the SSRF"
                    + " guard; 0: a redirect is an error") int maxRedirects,
            @OpenApiExample("one") @OpenApiDescription("one, per_server (name:host) or none") String circuit,
            @OpenApiDescription("True when users choose its addresses: each is checked by the SSRF guard")
            boolean userChosen,
            @OpenApiDescription("Empty until this process has called it") List<Circuit> circuits) {}

    /** One circuit breaker: CLOSED (calls go through), OPEN (calls fail fast until retry_at), HALF_OPEN (probing). */
    public record Circuit(@OpenApiExample("crtsh") String name, @OpenApiExample("CLOSED") String state,
                          @OpenApiNullable @OpenApiDescription("While OPEN: when a probe call is let through")
                          java.time.Instant retryAt,
                          @OpenApiDescription("Percent of failed calls in the window; -1 until enough calls")
                          float failureRate,
                          int calls, int failedCalls) {}

    /** A shared rate limit: the collector's, or an upstream's. */
    public record Rate(int permits, @OpenApiDescription("The period the permits are for") long periodSeconds) {}

    static CollectorView of(Collector collector, Settings settings, UpstreamHealth health) {
        CollectorSpec spec = collector.spec();
        return new CollectorView(spec.type(), spec.name(), spec.description(),
                spec.accepts().stream().sorted().map(TargetKind::wireName).toList(),
                spec.produces().stream().sorted().map(EntityKind::wireName).toList(),
                spec.options().stream().map(o -> Option.of(o, settings)).toList(),
                spec.secrets().stream().map(s -> secret(s, settings)).toList(),
                rate(spec.rateLimit()), spec.queue(),
                spec.upstreams().stream().map(u -> upstream(u, health)).toList());
    }

    private static UpstreamView upstream(UpstreamSpec spec, UpstreamHealth health) {
        return new UpstreamView(spec.name(), spec.displayName(), spec.protocol().name().toLowerCase(Locale.ROOT),
                spec.baseUrlSetting(), spec.defaultBaseUrl(), spec.keySetting(), spec.timeout().toMillis() / 1000.0,
                spec.timeoutSetting(), rate(spec.rateLimit()), spec.maxBodyBytes(), spec.maxRedirects(),
                spec.circuit().name().toLowerCase(Locale.ROOT), spec.userChosen(),
                health.circuits(spec.name()).stream().map(c -> new Circuit(c.name(), c.state(), c.retryAt(),
                        c.failureRate(), c.calls(), c.failedCalls())).toList());
    }

    private static SecretStatus secret(SecretSpec spec, Settings settings) {
        return new SecretStatus(spec.name(), spec.required(), settings.hasSecret(spec.name()), spec.howToGet());
    }

    private static Rate rate(RateLimit limit) {
        return limit == null || limit.isUnlimited() ? null : new Rate(limit.permits(), limit.period().toSeconds());
    }
}
