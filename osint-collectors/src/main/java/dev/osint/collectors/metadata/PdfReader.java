package dev.osint.collectors.metadata;

import com.drew.metadata.Metadata;
import com.drew.metadata.xmp.XmpDirectory;
import com.drew.metadata.xmp.XmpReader;
import dev.osint.core.CollectorException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Calendar;
import java.util.Map;
import java.util.zip.InflaterInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * PDF through PDFBox: the info dictionary and the XMP packet (author, creator tool, producer, dates), the
 * encryption flag and the page count. PDFBox decodes streams into memory capped by {@link MetadataLimits}, and only
 * the info dictionary's own values are read (never followed further), so a nested or cyclic object graph is not
 * walked.
 */
final class PdfReader {
    private final MetadataLimits limits;

    PdfReader(MetadataLimits limits) {
        this.limits = limits;
    }

    void read(byte[] bytes, FileFacts facts) {
        try (PDDocument document = Loader.loadPDF(bytes, "", null, null,
                MemoryUsageSetting.setupMainMemoryOnly(limits.pdfMaxMemory()).streamCache)) {
            facts.document("encrypted", document.isEncrypted());
            facts.document("pdf_version", String.valueOf(document.getVersion()));
            try {
                info(document.getDocumentInformation(), facts);
            } catch (RuntimeException e) {
                facts.warn("the PDF's info dictionary cannot be read: " + e.getMessage());
            }
            xmp(document, facts);
            pages(document, facts);
        } catch (InvalidPasswordException e) {
            facts.document("encrypted", true);
            facts.warn("the PDF is encrypted with a password; its info dictionary and XMP cannot be read");
        } catch (IOException e) {
            throw new CollectorException("the file starts like a PDF but cannot be read as one: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new CollectorException("refused to read the PDF: its objects are nested too deeply to be a real"
                    + " document");
        }
    }

    private void info(PDDocumentInformation info, FileFacts facts) {
        COSDictionary dictionary = info.getCOSObject();
        for (COSName key : dictionary.keySet()) {
            String value = plain(dictionary.getItem(key));
            facts.raw("PDF Info", key.getName(), value);
        }
        facts.person("author", info.getAuthor());
        facts.software(info.getCreator());
        facts.document("creator_tool", info.getCreator());
        facts.document("producer", info.getProducer());
        facts.document("title", info.getTitle());
        facts.document("subject", info.getSubject());
        facts.person("company", info.getCustomMetadataValue("Company"));
        created(info, facts);
    }

    private static void created(PDDocumentInformation info, FileFacts facts) {
        try {
            Calendar created = info.getCreationDate();
            if (created != null) {
                facts.time("created", Stamp.of(created, "PDF Info CreationDate"));
            }
            Calendar modified = info.getModificationDate();
            if (modified != null) {
                facts.time("modified", Stamp.of(modified, "PDF Info ModDate"));
            }
        } catch (RuntimeException e) {
            facts.warn("the PDF's dates cannot be read: " + e.getMessage());
        }
    }

    /** A value of the info dictionary as text, without following it past one indirect reference. */
    private static String plain(COSBase value) {
        COSBase direct = value instanceof COSObject object ? object.getObject() : value;
        if (direct instanceof COSString string) {
            return string.getString();
        }
        if (direct instanceof COSName name) {
            return name.getName();
        }
        if (direct instanceof COSNumber || direct instanceof COSBoolean) {
            return direct.toString().replaceAll("^COS\\w+\\{|}$", "");
        }
        return null; // arrays and dictionaries are not metadata anyone writes here
    }

    /**
     * The XMP stream's bytes, inflated here rather than by PDFBox: its filters decode a whole stream into memory
     * before anyone reads it, so a small flate bomb would cost hundreds of MiB. Only the filters XMP is written
     * with are read.
     */
    private byte[] boundedPacket(COSStream stream, FileFacts facts) throws IOException {
        COSBase filter = stream.getFilters();
        boolean flate = COSName.FLATE_DECODE.equals(filter) || filter instanceof COSArray array && array.size() == 1
                && COSName.FLATE_DECODE.equals(array.getObject(0));
        if (filter != null && !flate) {
            facts.warn("the PDF's XMP packet is encoded with " + filter + "; it was not read");
            return null;
        }
        if (flate && stream.getDictionaryObject(COSName.DECODE_PARMS, COSName.DP) != null) {
            facts.warn("the PDF's XMP packet is encoded with a predictor; it was not read");
            return null;
        }
        try (InputStream raw = stream.createRawInputStream();
                InputStream in = flate ? new InflaterInputStream(raw) : raw) {
            return in.readNBytes(limits.partMaxBytes() + 1);
        }
    }

    private void xmp(PDDocument document, FileFacts facts) {
        byte[] packet;
        try {
            PDMetadata metadata = document.getDocumentCatalog().getMetadata();
            if (metadata == null) {
                return;
            }
            packet = boundedPacket(metadata.getCOSObject(), facts);
            if (packet == null) {
                return;
            }
        } catch (IOException | RuntimeException e) {
            facts.warn("the PDF's XMP packet cannot be read: " + e.getMessage());
            return;
        }
        if (packet.length > limits.partMaxBytes()) {
            facts.warn("the PDF's XMP packet is larger than " + MetadataLimits.describe(limits.partMaxBytes())
                    + "; it was not read");
            return;
        }
        Metadata parsed = new Metadata();
        new XmpReader().extract(packet, parsed);
        XmpDirectory xmp = parsed.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp == null) {
            return;
        }
        xmp.getErrors().forEach(error -> facts.warn("XMP: " + error));
        Map<String, String> p = xmp.getXmpProperties();
        p.forEach((name, value) -> facts.raw("XMP", name, value));
        facts.person("author", p.get("dc:creator[1]"));
        facts.software(p.get("xmp:CreatorTool"));
        facts.document("creator_tool", p.get("xmp:CreatorTool"));
        facts.document("producer", p.get("pdf:Producer"));
        facts.document("title", p.get("dc:title[1]"));
        Stamp.parse(p.get("xmp:CreateDate"), null, "XMP xmp:CreateDate").ifPresent(s -> facts.time("created", s));
        Stamp.parse(p.get("xmp:ModifyDate"), null, "XMP xmp:ModifyDate").ifPresent(s -> facts.time("modified", s));
    }

    private static void pages(PDDocument document, FileFacts facts) {
        try {
            // the page tree root's /Count: no walk of the (possibly cyclic) tree
            facts.document("pages", document.getNumberOfPages());
        } catch (RuntimeException e) {
            facts.warn("the PDF's page count cannot be read: " + e.getMessage());
        }
    }
}
