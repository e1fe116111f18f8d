package dev.osint.collectors.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.osint.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key fields agree with {@code exiftool -json -n} (Debian's libimage-exiftool-perl) on the same files. Skipped,
 * with a message saying so, where exiftool is not installed; CI installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExiftoolAgreementTest {
    @TempDir
    static Path dir;
    private final Map<String, JsonNode> exiftool = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> ours = new LinkedHashMap<>();

    static boolean exiftoolInstalled() {
        try {
            Process process = new ProcessBuilder("exiftool", "-ver").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @BeforeAll
    void readEveryFileWithBoth() throws Exception {
        if (!exiftoolInstalled()) {
            System.err.println("SKIPPED: exiftool is not installed (apt-get install libimage-exiftool-perl);"
                    + " the metadata collector is not compared with it");
            Assumptions.abort("exiftool is not installed (apt-get install libimage-exiftool-perl)");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("photo.jpg", SampleFiles.photoJpeg());
        files.put("photo.webp", SampleFiles.webp());
        files.put("photo.tif", SampleFiles.tiff());
        files.put("photo.heic", SampleFiles.heicWithExif(4032, 3024));
        files.put("drawing.png", SampleFiles.png());
        files.put("clip.mp4", SampleFiles.mp4("isom", "+48.8584+002.2945+035.000/", SampleFiles.utc(2020, 1, 2, 3, 4,
                5)));
        files.put("iphone.mov", SampleFiles.appleMov(SampleFiles.utc(2024, 7, 8, 9, 10, 11)));
        files.put("dive.mov", SampleFiles.mp4("qt  ", "+31.5590+035.4732-430.500/", SampleFiles.utc(2021, 3, 4, 5, 6,
                7)));
        files.put("report.pdf", SampleFiles.pdf(false));
        files.put("budget.docx", SampleFiles.docx());
        files.put("notes.odt", SampleFiles.odt());
        List<String> command = new ArrayList<>(List.of("exiftool", "-json", "-n"));
        MetadataExtractor extractor = new MetadataExtractor(MetadataLimits.DEFAULTS);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.write(path, file.getValue());
            command.add(path.toString());
            ours.put(file.getKey(), extractor.extract(file.getValue()).data(Map.of()));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        for (JsonNode file : Json.mapper().readTree(output)) {
            exiftool.put(Path.of(file.path("SourceFile").asText()).getFileName().toString(), file);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    /** exiftool's {@code 2024:05:01 10:20:30-03:00} as ISO-8601. */
    private static String iso(String exifDate) {
        return exifDate.replaceFirst("^(\\d{4}):(\\d{2}):(\\d{2}) ", "$1-$2-$3T");
    }

    private void samePosition(String file) {
        JsonNode theirs = exiftool.get(file);
        Map<String, Object> location = map(ours.get(file).get("location"));
        assertThat((double) location.get("latitude")).as(file).isCloseTo(theirs.path("GPSLatitude").asDouble(),
                within(1e-6));
        assertThat((double) location.get("longitude")).as(file).isCloseTo(theirs.path("GPSLongitude").asDouble(),
                within(1e-6));
    }

    @Test
    void photosAgreeOnPositionDeviceSoftwareArtistAndTimes() {
        for (String file : List.of("photo.jpg", "photo.webp", "photo.tif", "photo.heic")) {
            JsonNode theirs = exiftool.get(file);
            Map<String, Object> data = ours.get(file);
            samePosition(file);
            assertThat((double) map(data.get("location")).get("altitude")).as(file)
                    .isCloseTo(theirs.path("GPSAltitude").asDouble(), within(1e-6));
            Map<String, Object> device = map(data.get("device"));
            assertThat(device.get("make")).as(file).isEqualTo(theirs.path("Make").asText());
            assertThat(device.get("model")).as(file).isEqualTo(theirs.path("Model").asText());
            assertThat(device.get("serial")).as(file).isEqualTo(theirs.path("SerialNumber").asText());
            assertThat(device.get("lens")).as(file).isEqualTo(theirs.path("LensModel").asText());
            assertThat(data.get("software")).as(file).isEqualTo(theirs.path("Software").asText());
            assertThat(data.get("author")).as(file).isEqualTo(theirs.path("Artist").asText());
            assertThat(map(data.get("created")).get("value")).as(file)
                    .isEqualTo(iso(theirs.path("DateTimeOriginal").asText() + theirs.path("OffsetTimeOriginal")
                            .asText()));
            assertThat(map(data.get("modified")).get("value")).as(file).isEqualTo(iso(theirs.path("ModifyDate")
                    .asText()));
        }
    }

    @Test
    void aPngAgreesOnItsXmpCreatorAndPosition() {
        samePosition("drawing.png");
        assertThat(ours.get("drawing.png").get("author")).isEqualTo(exiftool.get("drawing.png").path("Creator")
                .asText());
    }

    @Test
    void videosAgreeOnPositionCreationTimeAndDevice() {
        for (String file : List.of("clip.mp4", "iphone.mov", "dive.mov")) {
            samePosition(file);
            // exiftool gives the altitude unsigned, with GPSAltitudeRef 1 below sea level
            JsonNode theirs = exiftool.get(file);
            double altitude = theirs.path("GPSAltitude").asDouble() * (theirs.path("GPSAltitudeRef").asInt() == 1
                    ? -1 : 1);
            assertThat((double) map(ours.get(file).get("location")).get("altitude")).as(file).isCloseTo(altitude,
                    within(1e-6));
            // QuickTime times are UTC; exiftool prints them without a zone
            assertThat(map(ours.get(file).get("created")).get("value")).as(file)
                    .isEqualTo(iso(exiftool.get(file).path("CreateDate").asText()) + "Z");
        }
        Map<String, Object> device = map(ours.get("iphone.mov").get("device"));
        assertThat(device.get("make")).isEqualTo(exiftool.get("iphone.mov").path("Make").asText());
        assertThat(device.get("model")).isEqualTo(exiftool.get("iphone.mov").path("Model").asText());
    }

    @Test
    void aPdfAgreesOnAuthorProducerTitlePagesAndDates() {
        JsonNode theirs = exiftool.get("report.pdf");
        Map<String, Object> data = ours.get("report.pdf");
        assertThat(data.get("author")).isEqualTo(theirs.path("Author").asText());
        assertThat(map(data.get("document")).get("producer")).isEqualTo(theirs.path("Producer").asText());
        assertThat(map(data.get("document")).get("title")).isEqualTo(theirs.path("Title").asText());
        assertThat(map(data.get("document")).get("pages")).isEqualTo(theirs.path("PageCount").asInt());
        assertThat(map(data.get("created")).get("value")).isEqualTo(iso(theirs.path("CreateDate").asText()));
        assertThat(map(data.get("modified")).get("value")).isEqualTo(iso(theirs.path("ModifyDate").asText()));
    }

    @Test
    void officeDocumentsAgreeOnPeopleCompanyRevisionTemplateApplicationAndDates() {
        JsonNode theirs = exiftool.get("budget.docx");
        Map<String, Object> data = ours.get("budget.docx");
        assertThat(data.get("author")).isEqualTo(theirs.path("Creator").asText());
        assertThat(data.get("last_editor")).isEqualTo(theirs.path("LastModifiedBy").asText());
        assertThat(data.get("company")).isEqualTo(theirs.path("Company").asText());
        Map<String, Object> document = map(data.get("document"));
        assertThat(document.get("revision")).isEqualTo(theirs.path("RevisionNumber").asText());
        assertThat(document.get("template")).isEqualTo(theirs.path("Template").asText());
        assertThat(document.get("application")).isEqualTo(theirs.path("Application").asText());
        assertThat(map(data.get("created")).get("value")).isEqualTo(iso(theirs.path("CreateDate").asText()));
        assertThat(map(data.get("modified")).get("value")).isEqualTo(iso(theirs.path("ModifyDate").asText()));
        JsonNode odt = exiftool.get("notes.odt");
        assertThat(ours.get("notes.odt").get("last_editor")).isEqualTo(odt.path("Creator").asText());
        assertThat(ours.get("notes.odt").get("software")).isEqualTo(odt.path("Generator").asText());
    }
}
