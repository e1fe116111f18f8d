package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.collectors.net.FailureKind;
import dev.osint.collectors.net.HttpExchange;
import dev.osint.collectors.net.RawResponse;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import dev.osint.core.ScanContext;
import dev.osint.core.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue a scan uses: the bundled one ({@link BundledCatalogue}) for the chosen sources, or the files and
 * URLs named by {@code OSINT_USERNAME_SITES} ({@code +} in front: beside the bundled one). A URL is fetched again
 * once its copy is older than {@code OSINT_USERNAME_SITES_TTL}; a file is read again when it changes.
 */
final class CatalogueLoader {
    static final String SITES = "OSINT_USERNAME_SITES";
    /** Which bundled catalogues a scan checks when its options do not say: {@code sherlock}, {@code maigret} or both. */
    static final String SOURCES = "OSINT_USERNAME_SOURCES";
    static final String DEFAULT_SOURCES = SherlockCatalogueReader.CATALOGUE;
    /** How long a catalogue fetched from a URL is used before it is fetched again, in seconds. */
    static final String TTL = "OSINT_USERNAME_SITES_TTL";
    /** Rewrites every site's scheme and host to this base, the original host becoming the first path segment. */
    static final String BASE_URL = "OSINT_USERNAME_BASE_URL";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
    private static final long MAX_CATALOGUE_BYTES = 32L << 20;
    private static final int MAX_REDIRECTS = 3;

    private static final Map<String, UrlEntry> BY_URL = new ConcurrentHashMap<>();
    private static final Map<String, FileEntry> BY_FILE = new ConcurrentHashMap<>();

    private CatalogueLoader() {}

    /** The catalogue the settings (and a scan's {@code sources}, when given) ask for, its base URL applied. */
    static SiteCatalogue load(ScanContext context, List<String> sources) throws InterruptedException {
        Settings settings = context.settings();
        String configured = settings.get(SITES, "");
        SiteCatalogue catalogue;
        if (configured.isEmpty()) {
            catalogue = bundled(settings, sources);
        } else {
            boolean beside = configured.startsWith("+");
            catalogue = beside ? bundled(settings, sources) : null;
            for (String item : (beside ? configured.substring(1) : configured).split(",")) {
                String location = item.strip();
                if (location.isEmpty()) {
                    continue;
                }
                SiteCatalogue loaded = location.startsWith("http://") || location.startsWith("https://")
                        ? fromUrl(location, context, ttl(settings)) : fromFile(location);
                catalogue = catalogue == null ? loaded : catalogue.merge(loaded);
            }
            if (catalogue == null) {
                throw new CollectorException(SITES + " names no file or URL: '" + configured + "'");
            }
        }
        SiteCatalogue chosen = catalogue;
        return settings.get(BASE_URL).map(base -> rebased(chosen, base)).orElse(chosen);
    }

    /** The bundled catalogue of {@code sources}, or of {@value #SOURCES} when the scan names none. */
    static SiteCatalogue bundled(Settings settings, List<String> sources) {
        List<String> chosen = sources.isEmpty()
                ? Arrays.stream(settings.get(SOURCES, DEFAULT_SOURCES).split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList()
                : sources;
        return BundledCatalogue.of(chosen);
    }

    /** Reads a catalogue in any known format; {@code source} names it in messages. */
    static SiteCatalogue parse(String json, String source) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CollectorException(SITES + ": " + source + " is not valid JSON: " + e.getOriginalMessage());
        }
        CatalogueFormat format = CatalogueFormat.detect(root).orElseThrow(() -> new CollectorException(SITES + ": "
                + source + " is not a site catalogue: expected the project's format ({\"format\": \""
                + OwnCatalogueReader.FORMAT + "\", \"sites\": [...]}), Sherlock's data.json (sites with"
                + " \"errorType\") or Maigret's data.json ({\"sites\": {...}, \"engines\": {...}})"));
        List<CatalogueReader.Skip> skipped = new ArrayList<>();
        List<Site> sites;
        try {
            sites = format.reader().read(root, source, skipped);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(SITES + ": " + source + ": " + e.getMessage());
        }
        List<String> warnings = skipped.stream().map(s -> s.describe(source)).toList();
        if (sites.isEmpty()) {
            throw new CollectorException(SITES + ": " + source + " (" + format.name().toLowerCase(Locale.ROOT)
                    + " format) holds no usable site" + (warnings.isEmpty() ? "" : "; first problem: " + warnings.get(0)));
        }
        return new SiteCatalogue(sites, List.of(source + " (" + format.name().toLowerCase(Locale.ROOT) + ", "
                + sites.size() + " sites)"), warnings);
    }

    private static SiteCatalogue fromFile(String location) {
        Path path = Path.of(location);
        try {
            long modified = Files.getLastModifiedTime(path).toMillis();
            long size = Files.size(path);
            FileEntry cached = BY_FILE.get(location);
            if (cached != null && cached.modified() == modified && cached.size() == size) {
                return cached.catalogue();
            }
            SiteCatalogue catalogue = parse(Files.readString(path), location);
            BY_FILE.put(location, new FileEntry(modified, size, catalogue));
            return catalogue;
        } catch (IOException e) {
            throw new CollectorException(SITES + ": cannot read the file " + location + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static Duration ttl(Settings settings) {
        try {
            return settings.seconds(TTL, 3600);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(e.getMessage());
        }
    }

    private static SiteCatalogue fromUrl(String url, ScanContext context, Duration ttl) throws InterruptedException {
        UrlEntry cached = BY_URL.get(url);
        long now = System.nanoTime();
        if (cached != null && now - cached.fetchedNanos() < ttl.toNanos()) {
            return cached.catalogue();
        }
        SiteCatalogue catalogue = parse(fetch(url, context), url);
        BY_URL.put(url, new UrlEntry(now, catalogue));
        return catalogue;
    }

    /** The operator set this URL, so any host is fine, loopback included. */
    private static String fetch(String url, ScanContext context) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(SITES + ": '" + url + "' is not a URL: " + e.getMessage());
        }
        RawResponse answer;
        try {
            answer = HttpExchange.get(uri).header("Accept", "application/json")
                    .followRedirects(MAX_REDIRECTS).maxBodyBytes(MAX_CATALOGUE_BYTES, false).deadline(FETCH_TIMEOUT)
                    .upstream("username_catalogue", null, SITES + " " + uri.getHost()).send(context);
        } catch (CollectorException e) {
            // the failure keeps its kind: a catalogue server that did not answer is worth a retry of the scan
            String message = SITES + ": cannot fetch " + url + " (" + e.getMessage() + ")";
            throw FailureKind.of(e).map(kind -> kind.error(message)).orElseGet(() -> new CollectorException(message));
        }
        if (answer.status() != 200) {
            throw FailureKind.REQUEST_REFUSED.error(SITES + ": " + url + " answered HTTP " + answer.status());
        }
        return answer.text();
    }

    /** Every site asked at {@code base}/{original host}/{path}: one server can then play every site. */
    static SiteCatalogue rebased(SiteCatalogue catalogue, String base) {
        String trimmed = base.replaceAll("/+$", "");
        List<Site> sites = catalogue.sites().stream()
                .map(s -> s.withUrls(rebase(s.profileUrl(), trimmed), s.probeUrl() == null ? null
                        : rebase(s.probeUrl(), trimmed)))
                .toList();
        List<String> sources = new ArrayList<>(catalogue.sources());
        sources.add("rebased on " + trimmed + " (" + BASE_URL + ")");
        return new SiteCatalogue(sites, sources, catalogue.warnings());
    }

    /** {@code url} (a template or a real address) as asked under {@code base}. */
    static String rebase(String url, String base) {
        int schemeEnd = url.indexOf("://");
        return base + "/" + url.substring(schemeEnd + 3);
    }

    private record FileEntry(long modified, long size, SiteCatalogue catalogue) {}

    private record UrlEntry(long fetchedNanos, SiteCatalogue catalogue) {}
}
