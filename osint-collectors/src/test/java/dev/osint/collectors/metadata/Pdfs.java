package dev.osint.collectors.metadata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes PDFs object by object, with a correct cross-reference table, for files no PDF library would write. */
final class Pdfs {
    private Pdfs() {}

    /** Objects 1, 2, 3, …: object 1 is the catalog, object 3 the info dictionary. */
    static byte[] build(String... objects) {
        List<byte[]> bodies = new ArrayList<>();
        for (String object : objects) {
            bodies.add(object.getBytes(StandardCharsets.ISO_8859_1));
        }
        return write(bodies);
    }

    /** A catalog, an empty page tree, an info dictionary naming Mallory, and metadata with a binary stream. */
    static byte[] buildWithStream(String streamDictionary, byte[] stream) {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add("<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>".getBytes(StandardCharsets.ISO_8859_1));
        bodies.add("<< /Type /Pages /Kids [] /Count 0 >>".getBytes(StandardCharsets.ISO_8859_1));
        bodies.add("<< /Author (Mallory) >>".getBytes(StandardCharsets.ISO_8859_1));
        ByteArrayOutputStream metadata = new ByteArrayOutputStream();
        metadata.writeBytes((streamDictionary + "\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        metadata.writeBytes(stream);
        metadata.writeBytes("\nendstream".getBytes(StandardCharsets.ISO_8859_1));
        bodies.add(metadata.toByteArray());
        return write(bodies);
    }

    private static byte[] write(List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            offsets.add(out.size());
            out.writeBytes(((i + 1) + " 0 obj\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(bodies.get(i));
            out.writeBytes("\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (bodies.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        table.append("trailer\n<< /Size ").append(bodies.size() + 1).append(" /Root 1 0 R /Info 3 0 R >>\n")
                .append("startxref\n").append(xref).append("\n%%EOF\n");
        out.writeBytes(table.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
