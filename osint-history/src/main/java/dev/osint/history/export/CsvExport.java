package dev.osint.history.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.osint.core.Entity;
import dev.osint.core.Json;
import dev.osint.history.HistoryRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV, one row per entity (a scan without entities gets one row with the entity columns empty).
 * A cell that a spreadsheet would run as a formula (starting with {@code = + - @}, tab or carriage return) is
 * prefixed with {@code '}, as OWASP advises: entity values come from the internet.
 */
final class CsvExport {
    static final List<String> HEADER = List.of("task_id", "type", "target", "state", "finished_at", "kind", "value",
            "source", "confidence", "attributes");

    /** Attributes with their keys in order, so the same entity always gives the same cell. */
    private static final ObjectWriter SORTED = Json.mapper().writer()
            .with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CsvExport() {}

    static void write(List<HistoryRecord> scans, OutputStream out) throws IOException {
        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        row(csv, HEADER);
        for (HistoryRecord scan : scans) {
            List<Entity> entities = scan.entities();
            if (entities.isEmpty()) {
                row(csv, List.of(scan.taskId(), scan.type(), scan.target(), scan.state().name(),
                        scan.finishedAt().toString(), "", "", "", "", ""));
            }
            for (Entity entity : entities) {
                row(csv, List.of(scan.taskId(), scan.type(), scan.target(), scan.state().name(),
                        scan.finishedAt().toString(), entity.kind().wireName(), entity.value(),
                        entity.source() == null ? "" : entity.source(), Double.toString(entity.confidence()),
                        entity.attributes().isEmpty() ? "" : SORTED.writeValueAsString(entity.attributes())));
            }
        }
        csv.flush();
    }

    private static void row(Writer csv, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.write(',');
            }
            csv.write(cell(cells.get(i)));
        }
        csv.write("\r\n");
    }

    static String cell(String value) {
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
