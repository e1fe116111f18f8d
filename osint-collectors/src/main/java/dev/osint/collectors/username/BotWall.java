package dev.osint.collectors.username;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises answers that come from a WAF, captcha or rate-limit wall rather than from the site, so that a
 * challenge page served with 200 is never read as a profile.
 */
final class BotWall {
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** Markers specific enough to trust anywhere in a page, whatever its status. */
    private static final List<Marker> PAGE_MARKERS = List.of(
            new Marker("<title>Just a moment...</title>", "Cloudflare challenge"),
            new Marker("Attention Required! | Cloudflare", "Cloudflare block page"),
            new Marker("/cdn-cgi/challenge-platform/", "Cloudflare challenge"),
            new Marker("challenges.cloudflare.com/turnstile", "Cloudflare Turnstile captcha"),
            new Marker("<span id=\"challenge-error-text\">", "Cloudflare challenge"),
            new Marker("AwsWafIntegration", "AWS WAF challenge"),
            new Marker("captcha-delivery.com", "DataDome captcha"),
            new Marker("perimeterxIdentifiers", "PerimeterX challenge"),
            new Marker("id=\"px-captcha\"", "PerimeterX captcha"),
            new Marker("Incapsula incident ID", "Imperva Incapsula block"),
            new Marker("_Incapsula_Resource", "Imperva Incapsula challenge"),
            new Marker("Pardon Our Interruption", "Distil/Imperva bot wall"));
    /** Words that, in a page's title, mean the page is a wall and not a profile. */
    private static final Pattern WALL_TITLE = Pattern.compile(
            "captcha|are you a robot|are you human|verify you are human|security check|access denied|"
                    + "just a moment|attention required|too many requests|rate limit",
            Pattern.CASE_INSENSITIVE);

    private BotWall() {}

    /** Why this answer is a wall, or empty when it looks like the site itself answered. */
    static Optional<String> recognise(SiteAnswer answer, Detection detection) {
        int status = answer.status();
        if (status == 429) {
            return Optional.of("rate limited (429)");
        }
        String mitigated = answer.header("cf-mitigated");
        if (mitigated != null && mitigated.toLowerCase(Locale.ROOT).contains("challenge")) {
            return Optional.of("Cloudflare challenge (cf-mitigated)");
        }
        String body = answer.body();
        for (Marker marker : PAGE_MARKERS) {
            if (body.contains(marker.text())) {
                return Optional.of(marker.reason());
            }
        }
        for (var marker : detection.wallMarkers().entrySet()) {
            if (body.contains(marker.getKey())) {
                return Optional.of(marker.getValue());
            }
        }
        String title = title(body);
        if (title != null && WALL_TITLE.matcher(title).find()) {
            return Optional.of("wall page: \"" + shorten(title) + "\"");
        }
        boolean success = status >= 200 && status < 300;
        // a profile page may embed a captcha in a comment form; only an error page is judged by the word alone
        if (!success && body.toLowerCase(Locale.ROOT).contains("captcha")) {
            return Optional.of("captcha (" + status + ")");
        }
        if (status == 403 && !detection.ignore403()) {
            String server = answer.header("server");
            return Optional.of(server != null && server.toLowerCase(Locale.ROOT).contains("cloudflare")
                    ? "Cloudflare denied access (403)" : "access denied (403)");
        }
        return Optional.empty();
    }

    /** The page's {@code <title>}, trimmed, or null. */
    static String title(String body) {
        Matcher matcher = TITLE.matcher(body);
        return matcher.find() ? matcher.group(1).strip().replaceAll("\\s+", " ") : null;
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private record Marker(String text, String reason) {}
}
