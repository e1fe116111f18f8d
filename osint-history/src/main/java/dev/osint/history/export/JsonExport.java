package dev.osint.history.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.osint.core.Json;
import dev.osint.history.HistoryRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** {@code {"scans": [record, …]}}: each record as the history stores it, result and entities included. */
final class JsonExport {
    private JsonExport() {}

    static void write(List<HistoryRecord> scans, OutputStream out) throws IOException {
        try (JsonGenerator json = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT)
                .createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeArrayFieldStart("scans");
            for (HistoryRecord scan : scans) {
                json.writeObject(scan);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
