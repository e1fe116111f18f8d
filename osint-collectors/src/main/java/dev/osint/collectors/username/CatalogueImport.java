package dev.osint.collectors.username;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code osint sites import --from sherlock|maigret FILE}: turns a pinned copy of Sherlock's or Maigret's
 * {@code data.json} into the bundled catalogue file of that name, in the project's format, with where it came from
 * (repository, file, commit, date, SHA-256), its licence beside it and a NOTICE naming both. Entries the reader
 * leaves out (credentials, activation, other identifiers, …), Maigret's disabled ones and those that cannot be
 * checked (no claimed name, or one their own name rule refuses) are listed in the file's {@code skipped}, each
 * with why. The output depends on the inputs only, so importing the same snapshot again
 * writes the same bytes.
 */
public final class CatalogueImport {
    /** Where each catalogue comes from. */
    private record Upstream(String name, String repository, String file, CatalogueReader reader) {}

    private static final Map<String, Upstream> UPSTREAMS = Map.of(
            SherlockCatalogueReader.CATALOGUE, new Upstream("Sherlock", "https://github.com/sherlock-project/sherlock",
                    "sherlock_project/resources/data.json", new SherlockCatalogueReader()),
            MaigretCatalogueReader.CATALOGUE, new Upstream("Maigret", "https://github.com/soxoj/maigret",
                    "maigret/resources/data.json", new MaigretCatalogueReader()));
    static final String NOTICE = "NOTICE.txt";

    /** What an import wrote. */
    public record Result(String catalogue, int imported, int skipped, Path file) {}

    private CatalogueImport() {}

    /** The catalogues an import knows: {@code sherlock} and {@code maigret}. */
    public static List<String> catalogues() {
        return BundledCatalogue.CATALOGUES;
    }

    /**
     * Imports {@code data} (a {@code data.json} of {@code from}) into {@code directory}: {@code <from>.json},
     * {@code <from>-LICENSE.txt} (a copy of {@code licence}) and {@code NOTICE.txt}.
     *
     * @param commit the upstream commit the snapshot was taken at
     * @param date   that commit's date (YYYY-MM-DD)
     */
    public static Result run(String from, Path data, Path licence, String commit, String date, Path directory)
            throws IOException {
        Upstream upstream = UPSTREAMS.get(from.toLowerCase(Locale.ROOT));
        if (upstream == null) {
            throw new IllegalArgumentException("--from must be one of " + String.join(", ", catalogues())
                    + ", not '" + from + "'");
        }
        if (!commit.matches("[0-9a-f]{7,40}")) {
            throw new IllegalArgumentException("--commit must be the upstream commit's hex id, not '" + commit + "'");
        }
        if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("--date must be YYYY-MM-DD, not '" + date + "'");
        }
        byte[] raw = Files.readAllBytes(data);
        String licenceText = Files.readString(licence, StandardCharsets.UTF_8);
        JsonNode root = Json.mapper().readTree(raw);
        if (CatalogueFormat.detect(root).map(f -> f.reader().getClass() != upstream.reader().getClass()).orElse(true)) {
            throw new IllegalArgumentException(data + " is not " + upstream.name() + "'s data.json");
        }
        String catalogue = from.toLowerCase(Locale.ROOT);
        List<CatalogueReader.Skip> skipped = new ArrayList<>();
        List<Site> sites = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Site site : upstream.reader().read(root, catalogue, skipped)) {
            if (!names.add(site.name().toLowerCase(Locale.ROOT))) {
                skipped.add(new CatalogueReader.Skip(site.name(), "another entry has the same name but for case"));
            } else if (site.disabled()) {
                skipped.add(new CatalogueReader.Skip(site.name(), "disabled in " + upstream.name()
                        + "'s file: known not to work"));
            } else if (site.usernameClaimed() == null || site.usernameClaimed().isBlank()) {
                skipped.add(new CatalogueReader.Skip(site.name(), "no claimed name to check the entry by"));
            } else if (!site.allows(site.usernameClaimed())) {
                skipped.add(new CatalogueReader.Skip(site.name(), "its claimed name '" + site.usernameClaimed()
                        + "' breaks its own name rule, so one of the two is wrong"));
            } else {
                sites.add(site);
            }
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("name", upstream.name());
        source.put("repository", upstream.repository());
        source.put("file", upstream.file());
        source.put("commit", commit);
        source.put("date", date);
        source.put("sha256", sha256(raw));
        source.put("licence", firstLine(licenceText));
        source.put("licence_file", catalogue + "-LICENSE.txt");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("catalogue", catalogue);
        header.put("source", source);
        header.put("imported_by", "osint sites import --from " + catalogue
                + " (see docs/collectors/username.md)");
        Files.createDirectories(directory);
        Path file = directory.resolve(catalogue + ".json");
        Files.writeString(file, CatalogueWriter.write(header, sites, skipped), StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(catalogue + "-LICENSE.txt"), licenceText, StandardCharsets.UTF_8);
        writeNotice(directory);
        return new Result(catalogue, sites.size(), skipped.size(), file);
    }

    /** NOTICE.txt: every imported catalogue in {@code directory}, where it comes from and under which licence. */
    private static void writeNotice(Path directory) throws IOException {
        StringBuilder notice = new StringBuilder("The username collector's bundled site catalogues are derived from"
                + " these public catalogues.\nEach licence is in the file named beside it; the derived files keep"
                + " their notices.\n");
        for (String catalogue : catalogues()) {
            Path file = directory.resolve(catalogue + ".json");
            if (!Files.exists(file)) {
                continue;
            }
            JsonNode source = Json.mapper().readTree(file.toFile()).path("source");
            notice.append('\n').append(catalogue).append(".json: ").append(source.path("name").asText())
                    .append(", ").append(source.path("repository").asText()).append(", file ")
                    .append(source.path("file").asText()).append(" at commit ").append(source.path("commit").asText())
                    .append(" (").append(source.path("date").asText()).append(").\n  Licence: ")
                    .append(source.path("licence").asText()).append(", see ")
                    .append(source.path("licence_file").asText()).append(".\n");
        }
        Files.writeString(directory.resolve(NOTICE), notice.toString(), StandardCharsets.UTF_8);
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
