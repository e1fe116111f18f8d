package dev.osint.collectors.username;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises answers that come from a WAF, captcha, login or rate-limit wall rather than from the site, so that a
 * challenge page served with 200 is never read as a profile and a "Sorry." page never as a missing one. The
 * markers are Sherlock's WAF fingerprints, Maigret's common errors and the project's own, each credited.
 */
final class BotWall {
    /** The check name of a rate limit (retried later); every other wall is {@value #WALL}. */
    static final String RATE_LIMIT = "rate_limit";
    static final String WALL = "wall";
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RATE_WORDS = Pattern.compile("rate.?limit|too many requests",
            Pattern.CASE_INSENSITIVE);
    /** Markers specific enough to trust anywhere in a page, whatever its status. */
    private static final List<Marker> PAGE_MARKERS = List.of(
            // sherlock.py's WAFHitMsgs
            new Marker(".loading-spinner{visibility:hidden}body.no-js .challenge-running{display:none}",
                    "Cloudflare challenge", SherlockCatalogueReader.CATALOGUE),
            new Marker("<span id=\"challenge-error-text\">", "Cloudflare challenge", SherlockCatalogueReader.CATALOGUE),
            new Marker("AwsWafIntegration.forceRefreshToken", "AWS WAF challenge", SherlockCatalogueReader.CATALOGUE),
            new Marker("perimeterxIdentifiers", "PerimeterX challenge", SherlockCatalogueReader.CATALOGUE),
            // Maigret's errors.COMMON_ERRORS
            new Marker("<title>Attention Required! | Cloudflare</title>", "Cloudflare captcha",
                    MaigretCatalogueReader.CATALOGUE),
            new Marker("Please stand by, while we are checking your browser", "Cloudflare browser check",
                    MaigretCatalogueReader.CATALOGUE),
            new Marker("<span data-translate=\"checking_browser\">Checking your browser before accessing</span>",
                    "Cloudflare browser check", MaigretCatalogueReader.CATALOGUE),
            new Marker("This website is using a security service to protect itself from online attacks.",
                    "Cloudflare denied access", MaigretCatalogueReader.CATALOGUE),
            new Marker("<title>Доступ ограничен</title>", "censorship page (Rostelecom)",
                    MaigretCatalogueReader.CATALOGUE),
            new Marker("document.getElementById('validate_form_submit').disabled=true", "Mail.ru captcha",
                    MaigretCatalogueReader.CATALOGUE),
            new Marker("Verifying your browser, please wait...<br>DDoS Protection by</font> Blazingfast.io",
                    "Blazingfast bot protection", MaigretCatalogueReader.CATALOGUE),
            new Marker("404</h1><p class=\"error-card__description\">Мы&nbsp;не&nbsp;нашли страницу",
                    "a provider's own 404 page (MegaFon)", MaigretCatalogueReader.CATALOGUE),
            new Marker("Доступ к информационному ресурсу ограничен на основании Федерального закона",
                    "censorship page (MGTS)", MaigretCatalogueReader.CATALOGUE),
            new Marker("Incapsula incident ID", "Imperva Incapsula block", MaigretCatalogueReader.CATALOGUE),
            new Marker("Сайт заблокирован хостинг-провайдером", "site disabled by its hosting provider",
                    MaigretCatalogueReader.CATALOGUE),
            // the project's own
            new Marker("<title>Just a moment...</title>", "Cloudflare challenge", Verdict.OWN),
            new Marker("/cdn-cgi/challenge-platform/", "Cloudflare challenge", Verdict.OWN),
            new Marker("challenges.cloudflare.com/turnstile", "Cloudflare Turnstile captcha", Verdict.OWN),
            new Marker("captcha-delivery.com", "DataDome captcha", Verdict.OWN),
            new Marker("id=\"px-captcha\"", "PerimeterX captcha", Verdict.OWN),
            new Marker("_Incapsula_Resource", "Imperva Incapsula challenge", Verdict.OWN),
            new Marker("Pardon Our Interruption", "Distil/Imperva bot wall", Verdict.OWN),
            new Marker("errors.edgesuite.net", "Akamai denied access", Verdict.OWN),
            new Marker("errors&#46;edgesuite&#46;net", "Akamai denied access", Verdict.OWN));
    /** Words that, in a page's title, mean the page is a wall and not a profile. */
    private static final Pattern WALL_TITLE = Pattern.compile(
            "captcha|are you a robot|are you human|verify you are human|security check|access denied|"
                    + "just a moment|attention required|too many requests|rate limit|ddos-guard",
            Pattern.CASE_INSENSITIVE);

    private BotWall() {}

    /** The wall this answer is, or empty when it looks like the site itself answered. */
    static Optional<Verdict> recognise(Site site, SiteAnswer answer) {
        int status = answer.status();
        if (status == 429) {
            return wall(answer, RATE_LIMIT, "rate limited (429)", Verdict.OWN, null);
        }
        String mitigated = answer.header("cf-mitigated");
        if (mitigated != null && mitigated.toLowerCase(Locale.ROOT).contains("challenge")) {
            return wall(answer, WALL, "Cloudflare challenge (cf-mitigated)", Verdict.OWN, null);
        }
        String awsWaf = answer.header("x-amzn-waf-action");
        if (awsWaf != null) {
            return wall(answer, WALL, "AWS WAF " + awsWaf.strip() + " (x-amzn-waf-action)", Verdict.OWN, null);
        }
        String body = answer.body();
        for (Map.Entry<String, String> marker : site.walls().entrySet()) {
            if (body.contains(marker.getKey())) {
                String origin = site.detections().stream().map(Detection::catalogue).distinct()
                        .reduce((a, b) -> a + "+" + b).orElse(Verdict.OWN);
                return wall(answer, RATE_WORDS.matcher(marker.getValue()).find() ? RATE_LIMIT : WALL,
                        marker.getValue(), origin, marker.getKey());
            }
        }
        for (Marker marker : PAGE_MARKERS) {
            if (body.contains(marker.text())) {
                return wall(answer, WALL, marker.reason(), marker.origin(), marker.text());
            }
        }
        String title = title(body);
        if (title != null && WALL_TITLE.matcher(title).find()) {
            return wall(answer, RATE_WORDS.matcher(title).find() ? RATE_LIMIT : WALL,
                    "wall page: \"" + shorten(title) + "\"", Verdict.OWN, title);
        }
        boolean success = status >= 200 && status < 300;
        // a profile page may embed a captcha in a comment form; only an error page is judged by the word alone
        if (!success && body.toLowerCase(Locale.ROOT).contains("captcha")) {
            return wall(answer, WALL, "captcha (" + status + ")", Verdict.OWN, "captcha");
        }
        if (status == 401) {
            return wall(answer, WALL, "login required (401)", Verdict.OWN, null);
        }
        if (status == 403 && !site.ignore403()) {
            String server = answer.header("server");
            return wall(answer, WALL, server != null && server.toLowerCase(Locale.ROOT).contains("cloudflare")
                    ? "Cloudflare denied access (403)" : "access denied (403)", Verdict.OWN, null);
        }
        return Optional.empty();
    }

    private static Optional<Verdict> wall(SiteAnswer answer, String check, String reason, String origin,
                                          String marker) {
        return Optional.of(Verdict.of(SiteStatus.BLOCKED, reason, origin, check, answer,
                marker == null ? null : shorten(marker)));
    }

    /** The page's {@code <title>}, trimmed, or null. */
    static String title(String body) {
        Matcher matcher = TITLE.matcher(body);
        return matcher.find() ? matcher.group(1).strip().replaceAll("\\s+", " ") : null;
    }

    static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private record Marker(String text, String reason, String origin) {}
}
