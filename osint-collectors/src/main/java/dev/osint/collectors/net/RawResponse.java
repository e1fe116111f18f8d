package dev.osint.collectors.net;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer as read off the wire, body already capped.
 *
 * @param url       the address that answered, after the redirects followed
 * @param truncated true when the body was cut at the cap the request allowed to cut at
 */
public record RawResponse(URI url, int status, HttpHeaders headers, byte[] body, boolean truncated) {

    /** The body decoded with the charset the Content-Type names, UTF-8 otherwise. */
    public String text() {
        return new String(body, charset());
    }

    private Charset charset() {
        String type = headers.firstValue("Content-Type").orElse("");
        for (String part : type.split(";")) {
            String trimmed = part.strip();
            if (trimmed.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(trimmed.substring(8).replace("\"", ""));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A short, single-line piece of the body for an error text. */
    public String excerpt(int max) {
        String flat = text().replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
