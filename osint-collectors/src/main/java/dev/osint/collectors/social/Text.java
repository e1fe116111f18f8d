package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/** Small readers shared by the platform parsers: optional JSON fields, HTML bios, links in free text. */
final class Text {
    private static final Pattern URL_IN_TEXT = Pattern.compile("https?://[^\\s<>\"'()\\[\\]]+");

    private Text() {}

    /** The field as text, or null when it is missing, JSON null or blank. */
    static String field(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** The field as a number, or null when it is missing or not a number. */
    static Long number(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    /** Seconds since the epoch (Reddit, Hacker News, Keybase) as ISO-8601. */
    static String epochSeconds(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isNumber() ? Instant.ofEpochSecond(value.asLong()).toString() : null;
    }

    /** The visible text of an HTML fragment (Mastodon notes, Hacker News "about"), paragraphs on their own lines. */
    static String htmlToText(String html) {
        if (html == null || html.isBlank()) {
            return null;
        }
        Document document = Jsoup.parseBodyFragment(html);
        document.select("br").forEach(br -> br.after(new TextNode("\n")));
        // HN opens each paragraph after the first with a bare <p>; Mastodon wraps every paragraph in <p>…</p>
        document.select("p").forEach(p -> {
            p.before(new TextNode("\n\n"));
            p.after(new TextNode("\n\n"));
        });
        String text = document.body().wholeText().strip().replaceAll("\n{3,}", "\n\n");
        return text.isEmpty() ? null : text;
    }

    /** Every {@code <a href>} of an HTML fragment, absolute http(s) links only. */
    static List<String> htmlLinks(String html) {
        List<String> links = new ArrayList<>();
        if (html == null) {
            return links;
        }
        for (Element a : Jsoup.parseBodyFragment(html).select("a[href]")) {
            String href = a.attr("href").strip();
            if (href.startsWith("http://") || href.startsWith("https://")) {
                links.add(href);
            }
        }
        return links;
    }

    /** The http(s) addresses written out in plain text, trailing punctuation dropped. */
    static List<String> linksIn(String text) {
        List<String> links = new ArrayList<>();
        if (text == null) {
            return links;
        }
        Matcher matcher = URL_IN_TEXT.matcher(text);
        while (matcher.find()) {
            links.add(matcher.group().replaceAll("[.,;:!?]+$", ""));
        }
        return links;
    }

    /** A website field that people often give without a scheme ({@code example.com}). */
    static String website(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.startsWith("http://") || trimmed.startsWith("https://") ? trimmed : "https://" + trimmed;
    }

    /** The non-null links, in order, each once. */
    static List<String> distinct(List<String> links) {
        Set<String> seen = new LinkedHashSet<>();
        for (String link : links) {
            if (link != null && !link.isBlank()) {
                seen.add(link);
            }
        }
        return List.copyOf(seen);
    }
}
