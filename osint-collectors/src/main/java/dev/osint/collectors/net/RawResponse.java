package dev.osint.collectors.net;

import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** An HTTP answer as read off the wire, body already capped. */
record RawResponse(int status, HttpHeaders headers, byte[] body) {

    /** The body decoded with the charset the Content-Type names, UTF-8 otherwise. */
    String text() {
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
    String excerpt(int max) {
        String flat = text().replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }
}
