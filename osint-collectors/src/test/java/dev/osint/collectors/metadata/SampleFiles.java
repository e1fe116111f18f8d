package dev.osint.collectors.metadata;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.common.RationalNumber;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcRecord;
import org.apache.commons.imaging.formats.jpeg.iptc.IptcTypes;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.PhotoshopApp13Data;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.png.PngImageParser;
import org.apache.commons.imaging.formats.png.PngImagingParameters;
import org.apache.commons.imaging.formats.tiff.TiffImageParser;
import org.apache.commons.imaging.formats.tiff.TiffImagingParameters;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossy;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;

/**
 * Files with known metadata, made here by libraries that write it (Commons Imaging for EXIF, GPS, XMP and IPTC,
 * PDFBox for PDF) or by hand where the format is a plain container (zip for docx and odt, RIFF for WebP, boxes
 * for MP4), so every test knows what the collector must find.
 */
public final class SampleFiles {
    // a photo taken in Rio de Janeiro: both coordinates negative
    static final double PHOTO_LATITUDE = -22.951916;
    static final double PHOTO_LONGITUDE = -43.210487;
    static final double PHOTO_ALTITUDE = 710.0;
    static final String PHOTO_MAKE = "Canon";
    static final String PHOTO_MODEL = "Canon EOS 5D Mark IV";
    static final String PHOTO_SERIAL = "012345678901";
    static final String PHOTO_LENS = "EF24-105mm f/4L IS USM";
    static final String PHOTO_SOFTWARE = "Adobe Photoshop 25.0 (Windows)";
    static final String PHOTO_ARTIST = "Jane Doe";
    static final String PHOTO_TAKEN = "2024:05:01 10:20:30";
    static final String PHOTO_OFFSET = "-03:00";
    static final String PHOTO_CHANGED = "2024:05:02 08:00:00";
    static final String PHOTO_DESCRIPTION = "Contact jane.doe@example.org, portfolio https://janedoe.example/work"
            + " or @janedoe_photo";

    static final String PDF_AUTHOR = "John Smith";
    static final String PDF_CREATOR = "Microsoft Word for Microsoft 365";
    static final String PDF_PRODUCER = "Acme PDF Library 3.1";
    static final String PDF_TITLE = "Quarterly report";
    static final int PDF_PAGES = 3;

    static final String DOCX_CREATOR = "Alice Martin";
    static final String DOCX_EDITOR = "Bob Stone";
    static final String DOCX_COMPANY = "Initech";
    static final String DOCX_TEMPLATE = "C:\\Users\\amartin\\AppData\\Roaming\\Microsoft\\Templates\\Report.dotm";

    private SampleFiles() {}

    static byte[] plainJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random noise = new java.util.Random(width * 31L + height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, noise.nextInt(0x1000000)); // noise, so the scan data is most of the file
            }
        }
        return write(image, "jpeg");
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The camera's EXIF: make, model, serial, lens, software, artist, times with offset, GPS with altitude. */
    static TiffOutputSet cameraExif() throws Exception {
        TiffOutputSet set = new TiffOutputSet(ByteOrder.LITTLE_ENDIAN);
        TiffOutputDirectory root = set.getOrCreateRootDirectory();
        root.add(TiffTagConstants.TIFF_TAG_MAKE, PHOTO_MAKE);
        root.add(TiffTagConstants.TIFF_TAG_MODEL, PHOTO_MODEL);
        root.add(TiffTagConstants.TIFF_TAG_SOFTWARE, PHOTO_SOFTWARE);
        root.add(TiffTagConstants.TIFF_TAG_ARTIST, PHOTO_ARTIST);
        root.add(TiffTagConstants.TIFF_TAG_DATE_TIME, PHOTO_CHANGED);
        root.add(TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, PHOTO_DESCRIPTION);
        TiffOutputDirectory exif = set.getOrCreateExifDirectory();
        exif.add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, PHOTO_TAKEN);
        exif.add(new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7, TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD),
                PHOTO_OFFSET);
        exif.add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, PHOTO_SERIAL);
        exif.add(ExifTagConstants.EXIF_TAG_LENS_MODEL, PHOTO_LENS);
        set.setGpsInDegrees(PHOTO_LONGITUDE, PHOTO_LATITUDE);
        TiffOutputDirectory gps = set.getOrCreateGpsDirectory();
        gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF,
                (byte) GpsTagConstants.GPS_TAG_GPS_ALTITUDE_REF_VALUE_ABOVE_SEA_LEVEL);
        gps.add(GpsTagConstants.GPS_TAG_GPS_ALTITUDE, RationalNumber.valueOf(PHOTO_ALTITUDE));
        return set;
    }

    /** A JPEG with the camera's EXIF and GPS, an XMP packet and IPTC by-line and city. */
    public static byte[] photoJpeg() {
        return photoJpeg(64, 48);
    }

    /** The same metadata on a picture of another size (the benchmark's corpus varies them). */
    static byte[] photoJpeg(int width, int height) {
        try {
            byte[] jpeg = plainJpeg(width, height);
            ByteArrayOutputStream withExif = new ByteArrayOutputStream();
            new ExifRewriter().updateExifMetadataLossless(jpeg, withExif, cameraExif());
            ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
            new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp, xmp(PHOTO_ARTIST, null, null));
            ByteArrayOutputStream withIptc = new ByteArrayOutputStream();
            new JpegIptcRewriter().writeIptc(withXmp.toByteArray(), withIptc, new PhotoshopApp13Data(List.of(
                    new IptcRecord(IptcTypes.BYLINE, PHOTO_ARTIST), new IptcRecord(IptcTypes.CITY, "Rio de Janeiro")),
                    List.of()));
            return withIptc.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An XMP packet naming a creator, and a GPS position as XMP writes it ({@code 48,51.5N}) when given. */
    static String xmp(String creator, String latitude, String longitude) {
        String gps = latitude == null ? "" : "<exif:GPSLatitude>" + latitude + "</exif:GPSLatitude>"
                + "<exif:GPSLongitude>" + longitude + "</exif:GPSLongitude>";
        return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                + " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:exif=\"http://ns.adobe.com/exif/1.0/\">"
                + "<dc:creator><rdf:Seq><rdf:li>" + creator + "</rdf:li></rdf:Seq></dc:creator>"
                + "<xmp:CreatorTool>" + PHOTO_SOFTWARE + "</xmp:CreatorTool>" + gps
                + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    }

    /** A PNG whose XMP names a creator and a place in Paris. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PngImagingParameters params = new PngImagingParameters();
            params.setXmpXml(xmp("Pierre Martin", "48,51.502N", "2,17.669E"));
            new PngImageParser().writeImage(image, out, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A TIFF carrying the camera's EXIF and GPS. */
    static byte[] tiff() {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TiffImagingParameters params = new TiffImagingParameters();
            params.setOutputSet(cameraExif());
            new TiffImageParser().writeImage(image, out, params);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] gif() {
        return write(new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED), "gif");
    }

    /** A WebP container (RIFF) with a VP8X header and an EXIF chunk holding the camera's EXIF. */
    static byte[] webp() {
        try {
            ByteArrayOutputStream exif = new ByteArrayOutputStream();
            new TiffImageWriterLossy(ByteOrder.LITTLE_ENDIAN).write(exif, cameraExif());
            byte[] vp8x = new byte[10];
            vp8x[0] = 0x08; // the EXIF flag
            vp8x[4] = 15; // canvas 16 x 16, stored minus one
            vp8x[7] = 15;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(riffChunk("VP8X", vp8x));
            body.writeBytes(riffChunk("EXIF", exif.toByteArray()));
            return riffChunk("RIFF", body.toByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] riffChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        chunk.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return chunk.array();
    }

    /** An MP4 (ISO base media) with a movie header's creation time and a {@code ©xyz} position in user data. */
    static byte[] mp4(String brand, String iso6709, Calendar created) {
        long secondsSince1904 = created.getTimeInMillis() / 1000 + 2_082_844_800L;
        ByteBuffer mvhd = ByteBuffer.allocate(100);
        mvhd.putInt(0); // version 0, no flags
        mvhd.putInt((int) secondsSince1904).putInt((int) secondsSince1904);
        mvhd.putInt(1000).putInt(5000); // time scale, duration: 5 s
        mvhd.putInt(0x00010000).putShort((short) 0x0100).put(new byte[10]);
        int[] matrix = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
        for (int value : matrix) {
            mvhd.putInt(value);
        }
        mvhd.put(new byte[24]).putInt(2);
        byte[] text = iso6709.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer xyz = ByteBuffer.allocate(4 + text.length);
        xyz.putShort((short) text.length).putShort((short) 0x15c7).put(text);
        byte[] udta = box("udta", box("\u00a9xyz", xyz.array()));
        byte[] moov = box("moov", concat(box("mvhd", mvhd.array()), udta));
        ByteBuffer ftyp = ByteBuffer.allocate(16);
        ftyp.put(brand.getBytes(StandardCharsets.ISO_8859_1)).putInt(0x200).put(brand.getBytes(
                StandardCharsets.ISO_8859_1)).put("mp41".getBytes(StandardCharsets.US_ASCII));
        return concat(box("ftyp", ftyp.array()), moov, box("mdat", new byte[16]));
    }

    /**
     * A QuickTime movie as an iPhone writes one: the movie header's creation time and, in the movie's {@code meta}
     * atom, keys and values for make, model, software and the ISO 6709 position.
     */
    static byte[] appleMov(Calendar created) {
        String[][] entries = {
                {"com.apple.quicktime.make", "Apple"},
                {"com.apple.quicktime.model", "iPhone 15 Pro"},
                {"com.apple.quicktime.software", "17.4.1"},
                {"com.apple.quicktime.location.ISO6709", "+51.5007-000.1246+012.000/"}};
        ByteArrayOutputStream keys = new ByteArrayOutputStream();
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        keys.writeBytes(ByteBuffer.allocate(8).putInt(0).putInt(entries.length).array());
        for (int i = 0; i < entries.length; i++) {
            byte[] key = entries[i][0].getBytes(StandardCharsets.US_ASCII);
            keys.writeBytes(ByteBuffer.allocate(8 + key.length).putInt(8 + key.length)
                    .put("mdta".getBytes(StandardCharsets.US_ASCII)).put(key).array());
            byte[] value = entries[i][1].getBytes(StandardCharsets.UTF_8);
            byte[] data = box("data", ByteBuffer.allocate(8 + value.length).putInt(1).putInt(0).put(value).array());
            items.writeBytes(ByteBuffer.allocate(8 + data.length).putInt(8 + data.length).putInt(i + 1).put(data)
                    .array());
        }
        ByteBuffer hdlr = ByteBuffer.allocate(25);
        hdlr.putInt(0).putInt(0).put("mdta".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(0).putInt(0)
                .put((byte) 0);
        byte[] meta = box("meta", concat(box("hdlr", hdlr.array()), box("keys", keys.toByteArray()),
                box("ilst", items.toByteArray())));
        byte[] plain = mp4("qt  ", "+48.8584+002.2945/", created);
        // the plain movie's moov, with the meta atom appended inside it
        ByteBuffer in = ByteBuffer.wrap(plain);
        int ftypSize = in.getInt(0);
        int moovSize = in.getInt(ftypSize);
        byte[] moovBody = java.util.Arrays.copyOfRange(plain, ftypSize + 8, ftypSize + moovSize);
        return concat(java.util.Arrays.copyOfRange(plain, 0, ftypSize), box("moov", concat(moovBody, meta)),
                java.util.Arrays.copyOfRange(plain, ftypSize + moovSize, plain.length));
    }

    /** A HEIF still image's container: its file type, and the item properties that give its size. */
    static byte[] heic(int width, int height) {
        ByteBuffer ftyp = ByteBuffer.allocate(16);
        ftyp.put("heic".getBytes(StandardCharsets.US_ASCII)).putInt(0).put("mif1".getBytes(StandardCharsets.US_ASCII))
                .put("heic".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer hdlr = ByteBuffer.allocate(25);
        hdlr.putInt(0).putInt(0).put("pict".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(0).putInt(0)
                .put((byte) 0);
        byte[] ispe = box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(width).putInt(height).array());
        byte[] iprp = box("iprp", box("ipco", ispe));
        byte[] meta = box("meta", concat(new byte[4], box("hdlr", hdlr.array()), iprp));
        return concat(box("ftyp", ftyp.array()), meta, box("mdat", new byte[16]));
    }

    /**
     * A HEIC as a phone writes one: its picture item and an {@code Exif} item (the camera's EXIF and GPS), both
     * stored in {@code mdat} and found through the item information ({@code iinf}) and location ({@code iloc})
     * boxes of ISO/IEC 23008-12. The picture's coded data is left empty: only the metadata is read.
     */
    static byte[] heicWithExif(int width, int height) {
        try {
            ByteArrayOutputStream tiff = new ByteArrayOutputStream();
            new TiffImageWriterLossy(ByteOrder.LITTLE_ENDIAN).write(tiff, cameraExif());
            byte[] prefix = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
            // the Exif item starts with the offset of the TIFF header within the rest of the item
            byte[] exif = concat(ByteBuffer.allocate(4).putInt(prefix.length).array(), prefix, tiff.toByteArray());
            byte[] picture = new byte[16];
            byte[] ftyp = box("ftyp", concat("heic".getBytes(StandardCharsets.US_ASCII), new byte[4],
                    "mif1heic".getBytes(StandardCharsets.US_ASCII)));
            int metaSize = heicMeta(width, height, 0, picture.length, 0, exif.length).length;
            int mdatData = ftyp.length + metaSize + 8;
            byte[] meta = heicMeta(width, height, mdatData, picture.length, mdatData + picture.length, exif.length);
            return concat(ftyp, meta, box("mdat", concat(picture, exif)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] heicMeta(int width, int height, int pictureAt, int pictureLength, int exifAt,
            int exifLength) {
        ByteBuffer hdlr = ByteBuffer.allocate(25);
        hdlr.putInt(0).putInt(0).put("pict".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(0).putInt(0)
                .put((byte) 0);
        byte[] pitm = box("pitm", ByteBuffer.allocate(6).putInt(0).putShort((short) 1).array());
        byte[] iinf = box("iinf", concat(ByteBuffer.allocate(6).putInt(0).putShort((short) 2).array(),
                itemInfo(1, "hvc1"), itemInfo(2, "Exif")));
        // version 0; offsets and lengths of 4 bytes, no base offset; one extent per item
        ByteBuffer iloc = ByteBuffer.allocate(4 + 2 + 2 + 2 * 14);
        iloc.putInt(0).put((byte) 0x44).put((byte) 0).putShort((short) 2);
        iloc.putShort((short) 1).putShort((short) 0).putShort((short) 1).putInt(pictureAt).putInt(pictureLength);
        iloc.putShort((short) 2).putShort((short) 0).putShort((short) 1).putInt(exifAt).putInt(exifLength);
        byte[] ispe = box("ispe", ByteBuffer.allocate(12).putInt(0).putInt(width).putInt(height).array());
        return box("meta", concat(new byte[4], box("hdlr", hdlr.array()), pitm, iinf, box("iloc", iloc.array()),
                box("iprp", box("ipco", ispe))));
    }

    /** An item information entry, version 2: item id, protection index 0, item type, an empty name. */
    private static byte[] itemInfo(int id, String type) {
        return box("infe", ByteBuffer.allocate(13).put((byte) 2).put(new byte[3]).putShort((short) id)
                .putShort((short) 0).put(type.getBytes(StandardCharsets.US_ASCII)).put((byte) 0).array());
    }

    static Calendar utc(int year, int month, int day, int hour, int minute, int second) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.clear();
        calendar.set(year, month - 1, day, hour, minute, second);
        return calendar;
    }

    static byte[] box(String type, byte[] payload) {
        ByteBuffer box = ByteBuffer.allocate(8 + payload.length);
        box.putInt(8 + payload.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(payload);
        return box.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** A PDF with an info dictionary, an XMP packet, three pages and, when asked, an owner password. */
    static byte[] pdf(boolean encrypted) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < PDF_PAGES; i++) {
                document.addPage(new PDPage());
            }
            PDDocumentInformation info = document.getDocumentInformation();
            info.setAuthor(PDF_AUTHOR);
            info.setCreator(PDF_CREATOR);
            info.setProducer(PDF_PRODUCER);
            info.setTitle(PDF_TITLE);
            info.setKeywords("contact john.smith@acme-corp.example");
            info.setCreationDate(calendar(2023, 11, 5, 14, 30, 0, "GMT+01:00"));
            info.setModificationDate(calendar(2023, 11, 6, 9, 0, 0, "GMT+01:00"));
            PDMetadata metadata = new PDMetadata(document);
            metadata.importXMPMetadata(xmp(PDF_AUTHOR, null, null).getBytes(StandardCharsets.UTF_8));
            document.getDocumentCatalog().setMetadata(metadata);
            if (encrypted) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "",
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                document.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Calendar calendar(int year, int month, int day, int hour, int minute, int second, String zone) {
        Calendar calendar = new GregorianCalendar(TimeZone.getTimeZone(zone));
        calendar.clear();
        calendar.set(year, month - 1, day, hour, minute, second);
        return calendar;
    }

    /** A docx as Word writes one: content types, core and app properties, a document part. */
    static byte[] docx() {
        return zip(
                "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
                        + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
                "word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
                        + "main\"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>",
                "docProps/core.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
                        + "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\""
                        + "http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                        + "<dc:title>Budget 2022</dc:title><dc:creator>" + DOCX_CREATOR + "</dc:creator>"
                        + "<cp:lastModifiedBy>" + DOCX_EDITOR + "</cp:lastModifiedBy><cp:revision>7</cp:revision>"
                        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-03-04T05:06:07Z</dcterms:created>"
                        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2022-03-05T06:07:08Z</dcterms:modified>"
                        + "</cp:coreProperties>",
                "docProps/app.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                        + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                        + "extended-properties\"><Template>" + DOCX_TEMPLATE + "</Template><TotalTime>42</TotalTime>"
                        + "<Pages>2</Pages><Application>Microsoft Office Word</Application><Company>"
                        + DOCX_COMPANY + "</Company><AppVersion>16.0000</AppVersion></Properties>");
    }

    /** An odt with its mimetype first and a meta.xml. */
    static byte[] odt() {
        return zip(
                "mimetype", "application/vnd.oasis.opendocument.text",
                "content.xml", "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:"
                        + "office:1.0\"/>",
                "meta.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta xmlns:office=\""
                        + "urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:meta=\"urn:oasis:names:tc:"
                        + "opendocument:xmlns:meta:1.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                        + "<office:meta><meta:initial-creator>Carla Diaz</meta:initial-creator>"
                        + "<dc:creator>Dan Ek</dc:creator><meta:creation-date>2021-06-07T08:09:10</meta:creation-date>"
                        + "<dc:date>2021-06-08T09:10:11.5</dc:date><meta:generator>LibreOffice/7.4.7.2$Linux_X86_64"
                        + "</meta:generator><meta:editing-cycles>3</meta:editing-cycles>"
                        + "<meta:document-statistic meta:page-count=\"4\" meta:word-count=\"120\"/>"
                        + "</office:meta></office:document-meta>");
    }

    /** A zip of name, text pairs, deflated. */
    static byte[] zip(String... namesAndTexts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i + 1 < namesAndTexts.length; i += 2) {
                zip.putNextEntry(new ZipEntry(namesAndTexts[i]));
                zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
