package dev.osint.collectors.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.osint.core.CollectorException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Files made to hurt: truncated, corrupt, zip bombs, pixel floods, nested and cyclic PDFs, XML entity attacks, a
 * file that claims one type and is another. Each must end, within moments, in what could be read plus warnings or
 * in a {@link CollectorException} that says what is wrong; never in another exception, a hang or a full heap.
 */
class HostileFilesTest {
    /** Far more than any of these files takes to refuse; a hang fails the test instead of stalling the build. */
    private static final Duration BOUND = Duration.ofSeconds(20);

    private static MetadataReport read(byte[] bytes) {
        return read(bytes, MetadataLimits.DEFAULTS);
    }

    private static MetadataReport read(byte[] bytes, MetadataLimits limits) {
        return assertTimeoutPreemptively(BOUND, () -> new MetadataExtractor(limits).extract(bytes));
    }

    private static String refusal(byte[] bytes) {
        return refusal(bytes, MetadataLimits.DEFAULTS);
    }

    private static String refusal(byte[] bytes, MetadataLimits limits) {
        CollectorException error = assertTimeoutPreemptively(BOUND, () -> {
            try {
                new MetadataExtractor(limits).extract(bytes);
            } catch (CollectorException e) {
                return e;
            }
            throw new AssertionError("the file was read, not refused");
        });
        return error.getMessage();
    }

    @SuppressWarnings("unchecked")
    private static List<String> warnings(MetadataReport report) {
        return (List<String>) report.data(Map.of()).get("warnings");
    }

    @Test
    void aMovieWhoseBoxesLieAboutTheirSizesIsReadOrRefusedWithoutAPositionFromBeyondItsEnd() {
        byte[] movie = SampleFiles.mp4("isom", "+48.8584+002.2945+035.000/", SampleFiles.utc(2020, 1, 2, 3, 4, 5));
        int ftyp = ByteBuffer.wrap(movie).getInt(0);
        byte[] moovTooLong = movie.clone();
        ByteBuffer.wrap(moovTooLong).putInt(ftyp, Integer.MAX_VALUE); // moov claims 2 GiB
        byte[] textTooLong = movie.clone();
        int xyz = indexOf(textTooLong, "\u00a9xyz".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer.wrap(textTooLong).putShort(xyz + 4, (short) 0x7fff); // the text claims 32 KiB
        for (byte[] hostile : List.of(moovTooLong, textTooLong, Arrays.copyOf(movie, xyz + 6))) {
            try {
                Object location = read(hostile).data(Map.of()).get("location");
                if (location != null) {
                    assertThat(location).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                            .containsEntry("latitude", 48.8584);
                }
            } catch (CollectorException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(read(textTooLong).data(Map.of()).get("location"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("altitude", 35.0);
    }

    @Test
    void aTruncatedPhotoGivesWhatCouldBeReadOrSaysItIsDamaged() {
        byte[] photo = SampleFiles.photoJpeg();
        for (int cut : new int[] {photo.length / 2, 400, 40, 3}) {
            byte[] truncated = Arrays.copyOf(photo, cut);
            try {
                MetadataReport report = new MetadataExtractor(MetadataLimits.DEFAULTS).extract(truncated);
                assertThat(report.data(Map.of()).get("hashes")).isNotNull();
            } catch (CollectorException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        // cut inside the image data: every metadata segment before it is still read
        MetadataReport half = read(Arrays.copyOf(photo, photo.length - 200));
        assertThat(half.data(Map.of()).get("author")).isEqualTo(SampleFiles.PHOTO_ARTIST);
        // cut inside the headers, after the EXIF segment: the EXIF is read and the cut reported
        int afterExif = indexOf(photo, "Photoshop 3.0".getBytes(StandardCharsets.US_ASCII)) + 20;
        MetadataReport cut = read(Arrays.copyOf(photo, afterExif));
        assertThat(cut.data(Map.of()).get("author")).isEqualTo(SampleFiles.PHOTO_ARTIST);
        assertThat(warnings(cut)).anySatisfy(w -> assertThat(w).contains("inside its headers"));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void aPhotoWhoseExifIsOverwrittenWithNoiseIsReadWithWarnings() {
        byte[] photo = SampleFiles.photoJpeg();
        byte[] noisy = photo.clone();
        java.util.Random random = new java.util.Random(7);
        for (int i = 30; i < 300; i++) {
            noisy[i] = (byte) random.nextInt();
        }
        try {
            MetadataReport report = read(noisy);
            assertThat(report.data(Map.of())).containsKey("tags");
        } catch (CollectorException e) {
            assertThat(e.getMessage()).contains("JPEG");
        }
    }

    @Test
    void aZipWithTooManyEntriesIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (int i = 0; i <= MetadataLimits.DEFAULTS.zipMaxEntries(); i++) {
                zip.putNextEntry(new ZipEntry("word/media/" + i + ".xml"));
                zip.closeEntry();
            }
        }
        assertThat(refusal(out.toByteArray())).contains("more than 10000 entries").contains("zip bomb");
    }

    @Test
    void aZipBombIsRefusedByItsInflationRatio() throws Exception {
        byte[] bomb = officeZipWithZeros(200 << 20); // 200 MiB of zeros, about 200 KB deflated
        assertThat(bomb.length).isLessThan(1 << 20);
        assertThat(refusal(bomb)).contains("inflates to more than 100 times").contains("zip bomb");
    }

    @Test
    void aZipBombIsRefusedByItsInflatedSizeWhateverItsRatio() throws Exception {
        MetadataLimits tolerant = new MetadataLimits(MetadataLimits.DEFAULT_MAX_BYTES, Duration.ofSeconds(5), 100,
                8L << 20, 1_000_000, 1 << 20, 64L << 20, 100, 100);
        assertThat(refusal(officeZipWithZeros(16 << 20), tolerant)).contains("inflate to more than 8 MiB");
    }

    /** A docx whose first part is {@code zeros} zero bytes; its properties come after the bomb. */
    private static byte[] officeZipWithZeros(int zeros) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < zeros / block.length; i++) {
                zip.write(block);
            }
            zip.putNextEntry(new ZipEntry("docProps/core.xml"));
            zip.write("<coreProperties><creator>x</creator></coreProperties>".getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aDocxWithAnEntityAttackInItsPropertiesIsReadWithoutExpandingAnything() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<coreProperties><creator>&lol3;&xxe;</creator></coreProperties>";
        byte[] docx = SampleFiles.zip("[Content_Types].xml", "<Types>wordprocessingml</Types>",
                "docProps/core.xml", laughs, "docProps/app.xml", "<Properties><Company>Initech</Company></Properties>");
        MetadataReport report = read(docx);
        Map<String, Object> data = report.data(Map.of());
        assertThat(data.get("author")).isNull();
        assertThat(data.get("company")).isEqualTo("Initech");
        assertThat(warnings(report)).anySatisfy(w -> assertThat(w).contains("docProps/core.xml").contains("DOCTYPE"));
        assertThat(data.toString()).doesNotContain("root:").doesNotContain("lollol");
    }

    @Test
    void aPhotoWhoseXmpCarriesAnEntityAttackIsReadWithoutExpandingIt() throws Exception {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
                + "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + SampleFiles.xmp("&e;&xxe;", null, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter().updateXmpXml(SampleFiles.plainJpeg(16, 16),
                out, laughs);
        try {
            MetadataReport report = read(out.toByteArray());
            String data = report.data(Map.of()).toString();
            assertThat(data).doesNotContain("root:").doesNotContain("a".repeat(60));
            assertThat(warnings(report)).anySatisfy(w -> assertThat(w).startsWith("XMP"));
        } catch (CollectorException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void xmpIsParsedByAFactoryThatRefusesDoctypeWithoutItBeingSetAgainForEachPacket() {
        new MetadataExtractor(MetadataLimits.DEFAULTS);
        assertThat(XmpParsing.fast()).isTrue();
    }

    @Test
    void aZipThatIsNoOfficeDocumentIsNamedAsSuch() {
        assertThat(refusal(SampleFiles.zip("readme.txt", "hello"))).contains("zip archive but not an office"
                + " document");
    }

    @Test
    void aPixelFloodIsReadFromItsHeaderWithoutDecodingAPixel() {
        // 100 000 x 100 000 pixels claimed: decoding would need 40 GB
        byte[] png = pngWithSize(100_000, 100_000);
        MetadataReport report = read(png);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> tags = (Map<String, Map<String, String>>) report.data(Map.of()).get("tags");
        assertThat(tags.get("PNG-IHDR")).containsEntry("Image Width", "100000").containsEntry("Image Height",
                "100000");
    }

    private static byte[] pngWithSize(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(idat)) {
            deflate.write(new byte[1024]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return SampleFiles.concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                pngChunk("IHDR", ihdr.array()), pngChunk("IDAT", idat.toByteArray()), pngChunk("IEND", new byte[0]));
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    @Test
    void aCompressedTextChunkThatInflatesToGigabytesIsNotInflatedWhole() throws Exception {
        // a zTXt chunk: keyword, NUL, method 0, then 1 GiB of zeros deflated to about 1 MB
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9))) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                deflate.write(block);
            }
        }
        byte[] ztxt = SampleFiles.concat("Comment".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 0},
                compressed.toByteArray());
        byte[] plain = pngWithSize(8, 8);
        byte[] bomb = SampleFiles.concat(Arrays.copyOf(plain, 33), pngChunk("zTXt", ztxt),
                Arrays.copyOfRange(plain, 33, plain.length));
        try {
            read(bomb);
        } catch (CollectorException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Test
    void aDeeplyNestedPdfIsRefusedOrReadWithoutCrashing() {
        String nested = "[".repeat(200_000) + "]".repeat(200_000);
        byte[] pdf = Pdfs.build("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                "<< /Author (Eve) /Nest " + nested + " >>");
        try {
            MetadataReport report = read(pdf);
            assertThat(report.data(Map.of())).containsKey("hashes");
        } catch (CollectorException e) {
            assertThat(e.getMessage()).containsAnyOf("nested", "PDF");
        }
    }

    @Test
    void aPdfWhoseObjectsReferToThemselvesEnds() {
        byte[] pdf = Pdfs.build("<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
                "<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
                "<< /Author 3 0 R /Creator (Loop) /Self 3 0 R >>",
                "<< /Type /Metadata /Length 4 0 R >>\nstream\nendstream");
        try {
            MetadataReport report = read(pdf);
            assertThat(report.data(Map.of()).get("software")).isEqualTo("Loop");
        } catch (CollectorException e) {
            assertThat(e.getMessage()).contains("PDF");
        }
    }

    @Test
    void aPdfWhoseXmpStreamIsAFlateBombIsReadWithoutIt() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed, new Deflater(9))) {
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 512; i++) {
                deflate.write(block);
            }
        }
        byte[] stream = compressed.toByteArray();
        byte[] pdf = Pdfs.buildWithStream("<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length "
                + stream.length + " >>", stream);
        MetadataReport report = read(pdf);
        assertThat(report.data(Map.of()).get("author")).isEqualTo("Mallory");
        assertThat(warnings(report)).anySatisfy(w -> assertThat(w).contains("XMP"));
    }

    @Test
    void aPdfWhoseXmpStreamIsFlateCompressedIsStillRead() throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            deflate.write(SampleFiles.xmp("Eve Example", null, null).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        byte[] stream = compressed.toByteArray();
        byte[] pdf = Pdfs.buildWithStream("<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /Length "
                + stream.length + " >>", stream);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> tags = (Map<String, Map<String, Object>>) read(pdf).data(Map.of()).get("tags");
        assertThat(tags.get("XMP")).containsEntry("dc:creator[1]", "Eve Example");
    }

    @Test
    void aFileThatClaimsToBeOneTypeAndIsAnotherIsStoppedByWhatItIs() {
        // a PNG's signature and header followed by a PDF: read as a PNG, whose next chunk makes no sense
        byte[] pngThenPdf = SampleFiles.concat(Arrays.copyOf(pngWithSize(8, 8), 33), SampleFiles.pdf(false));
        String pngProblem;
        try {
            MetadataReport report = read(pngThenPdf);
            pngProblem = String.join(" ", warnings(report));
            assertThat(report.data(Map.of()).get("author")).isNull();
        } catch (CollectorException e) {
            pngProblem = e.getMessage();
        }
        assertThat(pngProblem).containsIgnoringCase("png");
        // a zip signature with nothing behind it
        assertThat(refusal(new byte[] {'P', 'K', 3, 4, 1, 2, 3})).contains("zip");
        // a PDF header on garbage
        assertThat(refusal("%PDF-1.7\nthis is no pdf at all".getBytes(StandardCharsets.US_ASCII)))
                .contains("PDF");
    }

    @Test
    void anUnknownFormatOrAnEmptyFileIsNamedByItsFirstBytes() {
        assertThat(refusal(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0})).contains("7f 45 4c 46").contains("ELF");
        assertThat(refusal(new byte[0])).contains("empty");
    }

    @Test
    void aFileOverTheSizeCapIsRefusedWithTheSetting() {
        MetadataLimits small = new MetadataLimits(1024, Duration.ofSeconds(5), 100, 1 << 20, 100, 1 << 20, 1 << 20,
                100, 100);
        assertThat(refusal(new byte[2048], small)).contains("OSINT_METADATA_MAX_BYTES");
    }
}
