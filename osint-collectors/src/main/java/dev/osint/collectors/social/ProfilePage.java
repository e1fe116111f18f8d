package dev.osint.collectors.social;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a profile out of any page's HTML: a schema.org {@code Person} (alone or as a {@code ProfilePage}'s
 * {@code mainEntity}) in JSON-LD first, OpenGraph {@code og:}/{@code profile:} tags for what it leaves out.
 */
final class ProfilePage {
    private ProfilePage() {}

    /** The profile the page describes, or empty when it carries neither a Person nor OpenGraph profile tags. */
    static Optional<Profile> parse(String html, URI pageUrl) {
        Document page = Jsoup.parse(html, pageUrl.toString());
        JsonNode person = null;
        String created = null;
        for (JsonNode node : jsonLd(page)) {
            String type = type(node);
            if (type.equals("profilepage") && node.path("mainEntity").isObject()) {
                person = node.path("mainEntity");
                created = Text.field(node, "dateCreated");
            } else if (type.equals("person") && person == null) {
                person = node;
            }
        }
        boolean openGraphProfile = "profile".equalsIgnoreCase(meta(page, "og:type"))
                || meta(page, "profile:username") != null;
        if (person == null && !openGraphProfile) {
            return Optional.empty();
        }
        JsonNode p = person == null ? Json.mapper().createObjectNode() : person;
        String url = first(Text.field(p, "url"), meta(page, "og:url"), pageUrl.toString());
        String bio = first(Text.field(p, "description"), meta(page, "og:description"));
        List<String> links = new ArrayList<>();
        for (JsonNode sameAs : p.path("sameAs").isArray() ? p.path("sameAs") : List.of(p.path("sameAs"))) {
            links.add(sameAs.isTextual() ? sameAs.asText() : null);
        }
        links.addAll(Text.linksIn(bio));
        links.remove(url);
        return Optional.of(new Profile(
                first(meta(page, "og:site_name"), URI.create(url).getHost()),
                url,
                first(Text.field(p, "alternateName"), meta(page, "profile:username")),
                first(Text.field(p, "name"), name(page)),
                bio,
                location(p),
                Text.distinct(links),
                first(image(p.path("image")), meta(page, "og:image")),
                followers(p),
                first(created, Text.field(p, "dateCreated")),
                Text.field(p, "email") == null ? null : Text.field(p, "email").replaceFirst("^mailto:", "")));
    }

    /** Every JSON-LD object of the page, {@code @graph} members included; a broken block is skipped. */
    private static List<JsonNode> jsonLd(Document page) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Element script : page.select("script[type=application/ld+json]")) {
            try {
                collect(Json.mapper().readTree(script.data()), nodes);
            } catch (Exception e) {
                // pages carry hand-written JSON-LD; one bad block must not hide the OpenGraph tags
            }
        }
        return nodes;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        } else if (node.isObject()) {
            into.add(node);
            node.path("@graph").forEach(n -> collect(n, into));
        }
    }

    private static String type(JsonNode node) {
        JsonNode type = node.path("@type");
        String text = type.isArray() && !type.isEmpty() ? type.get(0).asText() : type.asText("");
        return text.replaceFirst("^https?://schema.org/", "").toLowerCase(Locale.ROOT);
    }

    private static String meta(Document page, String property) {
        Element tag = page.selectFirst("meta[property=" + property + "], meta[name=" + property + "]");
        String content = tag == null ? "" : tag.attr("content").strip();
        return content.isEmpty() ? null : content;
    }

    private static String name(Document page) {
        String first = meta(page, "profile:first_name");
        String last = meta(page, "profile:last_name");
        if (first != null || last != null) {
            return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
        }
        return meta(page, "og:title");
    }

    private static String image(JsonNode image) {
        if (image.isTextual()) {
            return image.asText();
        }
        if (image.isArray() && !image.isEmpty()) {
            return image(image.get(0));
        }
        return first(Text.field(image, "url"), Text.field(image, "contentUrl"));
    }

    private static String location(JsonNode person) {
        for (String field : List.of("homeLocation", "address")) {
            JsonNode place = person.path(field);
            if (place.isTextual()) {
                return place.asText();
            }
            String name = Text.field(place, "name");
            String locality = Text.field(place, "addressLocality");
            JsonNode address = place.path("address");
            if (name != null || locality != null) {
                return name != null ? name : locality;
            }
            if (address.isTextual() || Text.field(address, "addressLocality") != null) {
                return address.isTextual() ? address.asText() : Text.field(address, "addressLocality");
            }
        }
        return null;
    }

    /** {@code interactionStatistic} with a {@code FollowAction}: schema.org's way to give a follower count. */
    private static Long followers(JsonNode person) {
        JsonNode statistics = person.path("interactionStatistic");
        for (JsonNode statistic : statistics.isArray() ? statistics : List.of(statistics)) {
            if (statistic.path("interactionType").toString().contains("FollowAction")) {
                return Text.number(statistic, "userInteractionCount");
            }
        }
        return null;
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
