package dev.osint.collectors.metadata;

import dev.osint.core.CollectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Office documents: OOXML (docx, xlsx, pptx: {@code docProps/core.xml} and {@code app.xml}) and ODF (odt, ods, odp:
 * {@code meta.xml}). The zip is streamed, every inflated byte counted, and reading stops at a cap on entries,
 * on inflated bytes and on the inflation ratio, so a zip bomb costs a bounded moment.
 */
final class OfficeReader {
    private static final Set<String> WANTED = Set.of("[Content_Types].xml", "docProps/core.xml", "docProps/app.xml",
            "docProps/custom.xml", "mimetype", "meta.xml");
    /** Below this, a ratio says nothing: a few kilobytes of XML may well shrink a hundredfold. */
    private static final long RATIO_FLOOR = 1L << 20;
    private static final Map<String, String> ODF_SUBTYPES = Map.of(
            "application/vnd.oasis.opendocument.text", "odt",
            "application/vnd.oasis.opendocument.spreadsheet", "ods",
            "application/vnd.oasis.opendocument.presentation", "odp",
            "application/vnd.oasis.opendocument.graphics", "odg");

    private final MetadataLimits limits;

    OfficeReader(MetadataLimits limits) {
        this.limits = limits;
    }

    void read(byte[] bytes, FileFacts facts) {
        Map<String, byte[]> parts = parts(bytes, facts);
        if (parts.containsKey("[Content_Types].xml")) {
            ooxml(parts, facts);
        } else if (parts.containsKey("mimetype") || parts.containsKey("meta.xml")) {
            odf(parts, facts);
        } else {
            throw new CollectorException("the file is a zip archive but not an office document: it has neither"
                    + " [Content_Types].xml (OOXML: docx, xlsx, pptx) nor mimetype (ODF: odt, ods, odp)");
        }
    }

    /** The wanted parts; stops reading as soon as it has them, or at a cap (a zip bomb) with a final error. */
    private Map<String, byte[]> parts(byte[] bytes, FileFacts facts) {
        Map<String, byte[]> parts = new HashMap<>();
        long inflated = 0;
        long ratioCap = Math.max(RATIO_FLOOR, (long) limits.zipMaxRatio() * bytes.length);
        int entries = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.zipMaxEntries()) {
                    throw bomb("it has more than " + limits.zipMaxEntries() + " entries");
                }
                boolean wanted = WANTED.contains(entry.getName());
                long entryCap = entry.getCompressedSize() > 0
                        ? Math.max(RATIO_FLOOR, entry.getCompressedSize() * limits.zipMaxRatio()) : Long.MAX_VALUE;
                java.io.ByteArrayOutputStream kept = wanted ? new java.io.ByteArrayOutputStream() : null;
                long entryBytes = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    entryBytes += n;
                    inflated += n;
                    if (inflated > limits.zipMaxInflated()) {
                        throw bomb("its entries inflate to more than " + MetadataLimits.describe(
                                limits.zipMaxInflated()));
                    }
                    if (inflated > ratioCap || entryBytes > entryCap) {
                        throw bomb("'" + shown(entry.getName()) + "' inflates to more than " + limits.zipMaxRatio()
                                + " times its compressed size");
                    }
                    if (kept != null) {
                        if (entryBytes > limits.partMaxBytes()) {
                            facts.warn(entry.getName() + " is larger than " + MetadataLimits.describe(
                                    limits.partMaxBytes()) + "; it was not read");
                            kept = null;
                        } else {
                            kept.write(buffer, 0, n);
                        }
                    }
                }
                if (kept != null) {
                    parts.putIfAbsent(entry.getName(), kept.toByteArray());
                }
                if (complete(parts)) {
                    break;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            if (parts.isEmpty()) {
                throw new CollectorException("the file starts like a zip archive but cannot be read as one: "
                        + e.getMessage());
            }
            facts.warn("the zip archive is damaged after entry " + entries + " (" + e.getMessage()
                    + "); what came before was read");
        }
        return parts;
    }

    private static boolean complete(Map<String, byte[]> parts) {
        return parts.containsKey("[Content_Types].xml") && parts.containsKey("docProps/core.xml")
                && parts.containsKey("docProps/app.xml") && parts.containsKey("docProps/custom.xml")
                || parts.containsKey("mimetype") && parts.containsKey("meta.xml");
    }

    private static CollectorException bomb(String why) {
        return new CollectorException("refused to read the office document: " + why + " (a zip bomb, or not a real"
                + " document)");
    }

    private static String shown(String name) {
        return name.length() > 80 ? name.substring(0, 77) + "..." : name;
    }

    private static void ooxml(Map<String, byte[]> parts, FileFacts facts) {
        String types = new String(parts.get("[Content_Types].xml"), StandardCharsets.UTF_8);
        facts.subtype(types.contains("wordprocessingml") ? "docx" : types.contains("spreadsheetml") ? "xlsx"
                : types.contains("presentationml") ? "pptx" : "ooxml");
        Map<String, String> core = part(parts, "docProps/core.xml", "OOXML core.xml", facts);
        Map<String, String> app = part(parts, "docProps/app.xml", "OOXML app.xml", facts);
        part(parts, "docProps/custom.xml", "OOXML custom.xml", facts);
        facts.person("author", core.get("creator"));
        facts.person("last_editor", core.get("lastModifiedBy"));
        facts.person("company", app.get("Company"));
        facts.document("manager", app.get("Manager"));
        facts.software(app.get("Application") == null ? null
                : app.get("Application") + (app.get("AppVersion") == null ? "" : " " + app.get("AppVersion")));
        facts.document("application", app.get("Application"));
        facts.document("title", core.get("title"));
        facts.document("subject", core.get("subject"));
        facts.document("revision", core.get("revision"));
        facts.document("template", app.get("Template"));
        facts.document("pages", number(app.get("Pages")));
        facts.document("total_editing_minutes", number(app.get("TotalTime")));
        Stamp.parse(core.get("created"), null, "OOXML dcterms:created").ifPresent(s -> facts.time("created", s));
        Stamp.parse(core.get("modified"), null, "OOXML dcterms:modified").ifPresent(s -> facts.time("modified", s));
        Stamp.parse(core.get("lastPrinted"), null, "OOXML cp:lastPrinted").ifPresent(s -> facts.time("printed", s));
    }

    private static void odf(Map<String, byte[]> parts, FileFacts facts) {
        String mimetype = parts.containsKey("mimetype")
                ? new String(parts.get("mimetype"), StandardCharsets.US_ASCII).strip() : "";
        facts.subtype(ODF_SUBTYPES.getOrDefault(mimetype, "odf"));
        Map<String, String> meta = part(parts, "meta.xml", "ODF meta.xml", facts);
        facts.person("author", meta.get("initial-creator"));
        facts.person("last_editor", meta.get("creator"));
        facts.software(meta.get("generator"));
        facts.document("application", meta.get("generator"));
        facts.document("title", meta.get("title"));
        facts.document("subject", meta.get("subject"));
        facts.document("revision", meta.get("editing-cycles"));
        facts.document("template", meta.get("template@href"));
        facts.document("pages", number(meta.get("document-statistic@page-count")));
        Stamp.parse(meta.get("creation-date"), null, "ODF meta:creation-date").ifPresent(s -> facts.time("created", s));
        Stamp.parse(meta.get("date"), null, "ODF dc:date").ifPresent(s -> facts.time("modified", s));
        Stamp.parse(meta.get("print-date"), null, "ODF meta:print-date").ifPresent(s -> facts.time("printed", s));
    }

    private static Map<String, String> part(Map<String, byte[]> parts, String name, String group, FileFacts facts) {
        byte[] xml = parts.get(name);
        if (xml == null) {
            return Map.of();
        }
        try {
            Map<String, String> values = SafeXml.properties(xml);
            values.forEach((tag, value) -> facts.raw(group, tag, value));
            return values;
        } catch (SafeXml.XmlRefusedException e) {
            facts.warn(name + " was not read: " + e.getMessage());
            return Map.of();
        }
    }

    private static Long number(String text) {
        try {
            return text == null ? null : Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
