package dev.osint.collectors.metadata;

import dev.osint.core.CollectorException;

/**
 * Reads what one file in memory says about itself. The format is told from the bytes; each family has its reader
 * (metadata-extractor for images and video, PDFBox for PDF, a capped zip walk for office documents). Throws a
 * {@link CollectorException} that says what is wrong with a file it cannot or will not read.
 */
public final class MetadataExtractor {
    private final MetadataLimits limits;
    private final MediaReader media;
    private final PdfReader pdf;
    private final OfficeReader office;

    public MetadataExtractor(MetadataLimits limits) {
        this.limits = limits;
        XmpParsing.fast();
        this.media = new MediaReader(limits);
        this.pdf = new PdfReader(limits);
        this.office = new OfficeReader(limits);
    }

    public MetadataReport extract(byte[] bytes) {
        if (bytes.length > limits.maxBytes()) {
            throw new CollectorException("the file is " + bytes.length + " bytes; at most "
                    + MetadataLimits.describe(limits.maxBytes()) + " are read (" + MetadataLimits.MAX_BYTES_SETTING
                    + ")");
        }
        FileKind kind = FileKind.of(bytes);
        FileFacts facts = new FileFacts(limits);
        switch (kind) {
            case PDF -> pdf.read(bytes, facts);
            case ZIP -> office.read(bytes, facts);
            case UNKNOWN -> throw new CollectorException("the file is not in a format the metadata collector reads:"
                    + " it starts with " + FileKind.describeStart(bytes) + "; it reads JPEG, PNG, TIFF, WebP,"
                    + " HEIC/HEIF, GIF, MP4, MOV, PDF, docx, xlsx, pptx, odt, ods and odp");
            default -> media.read(bytes, kind, facts);
        }
        if (facts.subtype() == null) {
            facts.subtype(kind == FileKind.MOV ? "mov" : kind.wireName());
        }
        return new MetadataReport(kind, bytes.length, facts, FileHashes.of(bytes));
    }
}
