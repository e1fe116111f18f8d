package dev.osint.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Response;

/**
 * Headers on every answer that keep a page of this server from running anything but its own scripts: a Content
 * Security Policy with no inline script or style, no framing, no MIME sniffing and no referrer sent along.
 * Images may come from any HTTPS address because scan results show profile pictures and breach logos.
 * Set by {@link RequestFilter} in front of Javalin, so every request gets them without a handler matched against
 * its path; on Jetty's own response the fields are added already encoded, as they never change.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = policy("'self'", "'self'");
    private static final List<HttpField> HEADERS = List.of(
            new PreEncodedHttpField("Content-Security-Policy", CONTENT_SECURITY_POLICY),
            new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
            new PreEncodedHttpField("X-Frame-Options", "DENY"),
            new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
            new PreEncodedHttpField("Cross-Origin-Opener-Policy", "same-origin"),
            new PreEncodedHttpField("Permissions-Policy",
                    "camera=(), microphone=(), geolocation=(), payment=(), usb=()"));

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style[^>]*>(.*?)</style>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    static void apply(HttpServletResponse response) {
        if (response instanceof Response jetty) {
            HEADERS.forEach(jetty.getHttpFields()::put);
        } else {
            HEADERS.forEach(field -> response.setHeader(field.getName(), field.getValue()));
        }
    }

    /**
     * Swagger UI's page starts itself with an inline script: rather than allowing every inline script there,
     * the policy of that one page lists the hashes of the scripts and styles it carries.
     */
    static void allowSwaggerUiScripts(Context ctx) {
        String html = body(ctx);
        if (html == null) {
            return;
        }
        ctx.header("Content-Security-Policy", policy(sources(INLINE_SCRIPT, html), sources(INLINE_STYLE, html)));
    }

    private static String policy(String scripts, String styles) {
        return "default-src 'none'; script-src " + scripts + "; style-src " + styles
                + "; img-src 'self' data: https:; connect-src 'self'; font-src 'self'; manifest-src 'self'"
                + "; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static String sources(Pattern inline, String html) {
        Set<String> sources = new LinkedHashSet<>();
        sources.add("'self'");
        Matcher matcher = inline.matcher(html);
        while (matcher.find()) {
            sources.add("'sha256-" + sha256(matcher.group(1)) + "'");
        }
        return String.join(" ", sources);
    }

    /** The answer's body, put back for sending; null when it is not there to read. */
    private static String body(Context ctx) {
        InputStream stream = ctx.resultInputStream();
        if (stream == null) {
            return null;
        }
        try (stream) {
            byte[] bytes = stream.readAllBytes();
            ctx.result(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
