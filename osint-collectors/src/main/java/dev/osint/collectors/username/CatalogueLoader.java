package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.CollectorException;
import dev.osint.core.Json;
import dev.osint.core.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalogue a scan uses: the built-in one, or the files and URLs named by {@code OSINT_USERNAME_SITES}
 * ({@code +} in front: beside the built-in one). URLs are fetched once per process; files are read again
 * when they change.
 */
final class CatalogueLoader {
    static final String SITES = "OSINT_USERNAME_SITES";
    /** Rewrites every site's scheme and host to this base, the original host becoming the first path segment. */
    static final String BASE_URL = "OSINT_USERNAME_BASE_URL";
    static final String BUILTIN = "builtin";
    private static final String RESOURCE = "/dev/osint/collectors/username/sites.json";
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 3;

    private static final Map<String, SiteCatalogue> BY_URL = new ConcurrentHashMap<>();
    private static final Map<String, FileEntry> BY_FILE = new ConcurrentHashMap<>();
    private static volatile SiteCatalogue builtin;

    private CatalogueLoader() {}

    /** The catalogue the settings ask for, its base URL applied. */
    static SiteCatalogue load(Settings settings, HttpClient http) throws InterruptedException {
        String configured = settings.get(SITES, "");
        SiteCatalogue catalogue;
        if (configured.isEmpty()) {
            catalogue = builtin();
        } else {
            boolean beside = configured.startsWith("+");
            catalogue = beside ? builtin() : null;
            for (String item : (beside ? configured.substring(1) : configured).split(",")) {
                String location = item.strip();
                if (location.isEmpty()) {
                    continue;
                }
                SiteCatalogue loaded = location.startsWith("http://") || location.startsWith("https://")
                        ? fromUrl(location, http) : fromFile(location);
                catalogue = catalogue == null ? loaded : catalogue.merge(loaded);
            }
            if (catalogue == null) {
                throw new CollectorException(SITES + " names no file or URL: '" + configured + "'");
            }
        }
        SiteCatalogue chosen = catalogue;
        return settings.get(BASE_URL).map(base -> rebased(chosen, base)).orElse(chosen);
    }

    static SiteCatalogue builtin() {
        SiteCatalogue loaded = builtin;
        if (loaded == null) {
            try (InputStream in = CatalogueLoader.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the built-in catalogue " + RESOURCE + " is missing from the jar");
                }
                loaded = parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), BUILTIN);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in catalogue " + RESOURCE, e);
            }
            builtin = loaded;
        }
        return loaded;
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
        List<String> warnings = new ArrayList<>();
        List<Site> sites;
        try {
            sites = format.reader().read(root, source, warnings);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(SITES + ": " + source + ": " + e.getMessage());
        }
        if (sites.isEmpty()) {
            throw new CollectorException(SITES + ": " + source + " (" + format.name().toLowerCase() + " format) holds"
                    + " no usable site" + (warnings.isEmpty() ? "" : "; first problem: " + warnings.get(0)));
        }
        return new SiteCatalogue(sites, List.of(source + " (" + format.name().toLowerCase() + ", " + sites.size()
                + " sites)"), warnings);
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

    private static SiteCatalogue fromUrl(String url, HttpClient http) throws InterruptedException {
        SiteCatalogue cached = BY_URL.get(url);
        if (cached != null) {
            return cached;
        }
        SiteCatalogue catalogue = parse(fetch(url, http), url);
        BY_URL.putIfAbsent(url, catalogue);
        return catalogue;
    }

    /** The operator set this URL, so any host is fine, loopback included. */
    private static String fetch(String url, HttpClient http) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CollectorException(SITES + ": '" + url + "' is not a URL: " + e.getMessage());
        }
        try {
            for (int hop = 0; ; hop++) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT)
                        .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                var location = response.headers().firstValue("location");
                if (status >= 300 && status < 400 && location.isPresent() && hop < MAX_REDIRECTS) {
                    uri = uri.resolve(location.get());
                    continue;
                }
                if (status != 200) {
                    throw new CollectorException(SITES + ": " + url + " answered HTTP " + status);
                }
                return response.body();
            }
        } catch (IOException e) {
            throw new CollectorException(SITES + ": cannot fetch " + url + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
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

    private static String rebase(String template, String base) {
        int schemeEnd = template.indexOf("://");
        String rest = template.substring(schemeEnd + 3);
        return base + "/" + rest;
    }

    private record FileEntry(long modified, long size, SiteCatalogue catalogue) {}
}
