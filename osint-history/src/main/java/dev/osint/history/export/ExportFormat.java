package dev.osint.history.export;

import dev.osint.history.HistoryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/** The formats a scan or a search can be exported in, with the media type and file extension of each. */
public enum ExportFormat {
    JSON("application/json", "json"),
    CSV("text/csv; charset=utf-8", "csv"),
    STIX("application/stix+json;version=2.1", "stix.json"),
    GEXF("application/gexf+xml", "gexf");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException a name no format has; the message lists them */
    public static ExportFormat fromWire(String name) {
        for (ExportFormat format : values()) {
            if (format.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return format;
            }
        }
        throw new IllegalArgumentException("format: must be one of json, csv, stix, gexf");
    }

    /** Writes the scans in this format; the stream is flushed, not closed. */
    public void write(List<HistoryRecord> scans, OutputStream out) throws IOException {
        switch (this) {
            case JSON -> JsonExport.write(scans, out);
            case CSV -> CsvExport.write(scans, out);
            case STIX -> StixExport.write(scans, out);
            case GEXF -> GexfExport.write(scans, out);
        }
        out.flush();
    }
}
