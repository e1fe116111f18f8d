package dev.osint.collectors.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.osint.core.CollectorOutput;
import dev.osint.core.Entity;
import dev.osint.core.EntityKind;
import dev.osint.core.testing.TestScanContext;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each format the collector reads, on a file made with known values; the normalised fields must match them. */
class MetadataCollectorTest {
    private static CollectorOutput upload(String name, byte[] content) throws Exception {
        return TestScanContext.aScanOf(new MetadataCollector()).upload(name, content).run();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static List<String> values(CollectorOutput output, EntityKind kind) {
        return output.entities().stream().filter(e -> e.kind() == kind).map(Entity::value).toList();
    }

    @Test
    void aPhotoGivesItsPlaceDeviceTimesAuthorAndWhatItsTextNames() throws Exception {
        CollectorOutput output = upload("holiday.jpg", SampleFiles.photoJpeg());
        Map<String, Object> data = output.data();
        assertThat(output.success()).isTrue();
        assertThat(map(data.get("file"))).containsEntry("type", "jpeg").containsEntry("name", "holiday.jpg")
                .containsEntry("mime", "image/jpeg");
        Map<String, Object> location = map(data.get("location"));
        assertThat((double) location.get("latitude")).isCloseTo(SampleFiles.PHOTO_LATITUDE, within(1e-6));
        assertThat((double) location.get("longitude")).isCloseTo(SampleFiles.PHOTO_LONGITUDE, within(1e-6));
        assertThat((double) location.get("altitude")).isCloseTo(SampleFiles.PHOTO_ALTITUDE, within(1e-6));
        assertThat(location.get("map_url")).isEqualTo("https://www.openstreetmap.org/?mlat=-22.951916"
                + "&mlon=-43.210487#map=16/-22.951916/-43.210487");
        assertThat(map(data.get("device"))).containsEntry("make", SampleFiles.PHOTO_MAKE)
                .containsEntry("model", SampleFiles.PHOTO_MODEL).containsEntry("serial", SampleFiles.PHOTO_SERIAL)
                .containsEntry("lens", SampleFiles.PHOTO_LENS);
        assertThat(data.get("software")).isEqualTo(SampleFiles.PHOTO_SOFTWARE);
        assertThat(map(data.get("created"))).containsEntry("value", "2024-05-01T10:20:30-03:00")
                .containsEntry("offset", "-03:00");
        assertThat(map(data.get("modified"))).containsEntry("value", "2024-05-02T08:00:00").containsEntry("offset",
                null);
        assertThat(data.get("author")).isEqualTo(SampleFiles.PHOTO_ARTIST);
        assertThat(data.get("emails")).isEqualTo(List.of("jane.doe@example.org"));
        assertThat(data.get("usernames")).isEqualTo(List.of("janedoe_photo"));
        assertThat(data.get("urls")).isEqualTo(List.of("https://janedoe.example/work"));
        assertThat(map(data.get("tags"))).containsKeys("Exif IFD0", "Exif SubIFD", "GPS", "XMP", "IPTC");
        assertThat(map(map(data.get("tags")).get("IPTC"))).containsEntry("City", "Rio de Janeiro");
    }

    @Test
    void normalisedFieldsComeFirstThenTheRawTagsThenTheHashes() throws Exception {
        List<String> keys = List.copyOf(upload("p.jpg", SampleFiles.photoJpeg()).data().keySet());
        assertThat(keys.indexOf("location")).isLessThan(keys.indexOf("tags"));
        assertThat(keys.indexOf("urls")).isLessThan(keys.indexOf("tags"));
        assertThat(keys.indexOf("tags")).isLessThan(keys.indexOf("hashes"));
    }

    @Test
    void aPhotoYieldsLocationDevicePersonEmailUsernameAndHashEntities() throws Exception {
        byte[] photo = SampleFiles.photoJpeg();
        CollectorOutput output = upload("p.jpg", photo);
        assertThat(values(output, EntityKind.LOCATION)).containsExactly("-22.951916,-43.210487");
        assertThat(values(output, EntityKind.DEVICE)).containsExactly("Canon EOS 5D Mark IV");
        assertThat(values(output, EntityKind.PERSON)).containsExactly("Jane Doe");
        assertThat(values(output, EntityKind.EMAIL)).containsExactly("jane.doe@example.org");
        assertThat(values(output, EntityKind.USERNAME)).containsExactly("janedoe_photo");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(photo));
        assertThat(values(output, EntityKind.HASH)).contains(sha256, md5).hasSize(3);
        assertThat(map(output.data().get("hashes"))).containsEntry("sha256", sha256).containsEntry("md5", md5);
        Entity device = output.entities().stream().filter(e -> e.kind() == EntityKind.DEVICE).findFirst()
                .orElseThrow();
        assertThat(device.attributes()).containsEntry("serial", SampleFiles.PHOTO_SERIAL);
    }

    @Test
    void tiffAndWebpCarryTheSameExifAsTheJpeg() throws Exception {
        for (byte[] file : List.of(SampleFiles.tiff(), SampleFiles.webp())) {
            Map<String, Object> data = upload("image", file).data();
            assertThat((double) map(data.get("location")).get("latitude")).isCloseTo(SampleFiles.PHOTO_LATITUDE,
                    within(1e-6));
            assertThat(map(data.get("device"))).containsEntry("serial", SampleFiles.PHOTO_SERIAL);
            assertThat(map(data.get("created"))).containsEntry("offset", "-03:00");
        }
        assertThat(map(upload("x", SampleFiles.tiff()).data().get("file"))).containsEntry("type", "tiff");
        assertThat(map(upload("x", SampleFiles.webp()).data().get("file"))).containsEntry("type", "webp");
    }

    @Test
    void aPngsXmpGivesItsCreatorAndAPositionWrittenInDegreesAndMinutes() throws Exception {
        Map<String, Object> data = upload("drawing.png", SampleFiles.png()).data();
        assertThat(map(data.get("file"))).containsEntry("type", "png");
        assertThat(data.get("author")).isEqualTo("Pierre Martin");
        assertThat((double) map(data.get("location")).get("latitude")).isCloseTo(48 + 51.502 / 60, within(1e-9));
        assertThat((double) map(data.get("location")).get("longitude")).isCloseTo(2 + 17.669 / 60, within(1e-9));
    }

    @Test
    void aHeicIsToldFromItsFileTypeBoxAndItsPropertiesRead() throws Exception {
        Map<String, Object> data = upload("IMG_0002.HEIC", SampleFiles.heic(4032, 3024)).data();
        assertThat(map(data.get("file"))).containsEntry("type", "heif").containsEntry("mime", "image/heif");
        assertThat(map(data.get("tags"))).containsKey("HEIF");
        assertThat(map(map(data.get("tags")).get("HEIF")).values()).anySatisfy(v -> assertThat(v.toString()).contains("4032"));
    }

    @Test
    void aHeicsExifItemGivesItsPlaceDeviceTimesAndAuthor() throws Exception {
        CollectorOutput output = upload("IMG_0003.HEIC", SampleFiles.heicWithExif(4032, 3024));
        Map<String, Object> data = output.data();
        assertThat(map(data.get("file"))).containsEntry("type", "heif");
        Map<String, Object> location = map(data.get("location"));
        assertThat((double) location.get("latitude")).isCloseTo(SampleFiles.PHOTO_LATITUDE, within(1e-6));
        assertThat((double) location.get("longitude")).isCloseTo(SampleFiles.PHOTO_LONGITUDE, within(1e-6));
        assertThat((double) location.get("altitude")).isCloseTo(SampleFiles.PHOTO_ALTITUDE, within(1e-6));
        assertThat(location.get("source")).isEqualTo("Exif GPS");
        assertThat(map(data.get("device"))).containsEntry("make", SampleFiles.PHOTO_MAKE)
                .containsEntry("model", SampleFiles.PHOTO_MODEL).containsEntry("serial", SampleFiles.PHOTO_SERIAL)
                .containsEntry("lens", SampleFiles.PHOTO_LENS);
        assertThat(map(data.get("created"))).containsEntry("value", "2024-05-01T10:20:30-03:00");
        assertThat(data.get("author")).isEqualTo(SampleFiles.PHOTO_ARTIST);
        assertThat(map(data.get("tags"))).containsKeys("HEIF", "Exif IFD0", "GPS");
        assertThat(values(output, EntityKind.DEVICE)).containsExactly(SampleFiles.PHOTO_MODEL);
        assertThat(values(output, EntityKind.LOCATION)).containsExactly("-22.951916,-43.210487");
    }

    @Test
    void aGifIsReadWithoutMetadataToReport() throws Exception {
        CollectorOutput output = upload("anim.gif", SampleFiles.gif());
        assertThat(map(output.data().get("file"))).containsEntry("type", "gif");
        assertThat(map(output.data().get("tags"))).containsKey("GIF Header");
        assertThat(output.data().get("location")).isNull();
        assertThat(values(output, EntityKind.HASH)).hasSize(3);
    }

    @Test
    void anMp4GivesItsCreationTimeInUtcAndItsXyzPosition() throws Exception {
        Map<String, Object> data = upload("clip.mp4", SampleFiles.mp4("isom", "+48.8584+002.2945+035.000/",
                SampleFiles.utc(2020, 1, 2, 3, 4, 5))).data();
        assertThat(map(data.get("file"))).containsEntry("type", "mp4");
        assertThat(map(data.get("created"))).containsEntry("value", "2020-01-02T03:04:05Z");
        assertThat(map(data.get("location"))).containsEntry("latitude", 48.8584).containsEntry("longitude", 2.2945)
                .containsEntry("altitude", 35.0).containsEntry("source", "©xyz user data");
    }

    @Test
    void aMoviesXyzAltitudeBelowSeaLevelIsNegativeAndAPositionWithoutOneHasNone() throws Exception {
        Map<String, Object> deadSea = upload("dive.mov", SampleFiles.mp4("qt  ", "+31.5590+035.4732-430.500/",
                SampleFiles.utc(2021, 3, 4, 5, 6, 7))).data();
        assertThat(map(deadSea.get("location"))).containsEntry("latitude", 31.559).containsEntry("longitude", 35.4732)
                .containsEntry("altitude", -430.5);
        Map<String, Object> flat = upload("walk.mp4", SampleFiles.mp4("isom", "-33.8568+151.2153/",
                SampleFiles.utc(2021, 3, 4, 5, 6, 7))).data();
        assertThat(map(flat.get("location"))).containsEntry("latitude", -33.8568).containsEntry("longitude", 151.2153)
                .containsEntry("altitude", null);
    }

    @Test
    void aQuickTimeMovieGivesTheAppleKeysForDeviceAndPositionBeforeItsUserData() throws Exception {
        Map<String, Object> data = upload("IMG_0001.MOV", SampleFiles.appleMov(SampleFiles.utc(2024, 7, 8, 9, 10,
                11))).data();
        assertThat(map(data.get("file"))).containsEntry("type", "mov").containsEntry("mime", "video/quicktime");
        assertThat(map(data.get("device"))).containsEntry("make", "Apple").containsEntry("model", "iPhone 15 Pro");
        assertThat(data.get("software")).isEqualTo("17.4.1");
        assertThat(map(data.get("location"))).containsEntry("latitude", 51.5007).containsEntry("longitude", -0.1246)
                .containsEntry("altitude", 12.0);
        assertThat(map(data.get("created"))).containsEntry("value", "2024-07-08T09:10:11Z");
    }

    @Test
    void anOldQuickTimeMovieGivesThePositionInItsUserData() throws Exception {
        Map<String, Object> data = upload("old.mov", SampleFiles.mp4("qt  ", "+48.8584+002.2945/",
                SampleFiles.utc(2020, 1, 2, 3, 4, 5))).data();
        assertThat(map(data.get("location"))).containsEntry("latitude", 48.8584).containsEntry("source",
                "©xyz user data");
    }

    @Test
    void aPdfGivesItsInfoDictionaryXmpPagesAndEncryption() throws Exception {
        CollectorOutput output = upload("report.pdf", SampleFiles.pdf(false));
        Map<String, Object> data = output.data();
        assertThat(map(data.get("file"))).containsEntry("type", "pdf");
        assertThat(data.get("author")).isEqualTo(SampleFiles.PDF_AUTHOR);
        assertThat(data.get("software")).isEqualTo(SampleFiles.PDF_CREATOR);
        assertThat(map(data.get("document"))).containsEntry("producer", SampleFiles.PDF_PRODUCER)
                .containsEntry("creator_tool", SampleFiles.PDF_CREATOR).containsEntry("title", SampleFiles.PDF_TITLE)
                .containsEntry("pages", SampleFiles.PDF_PAGES).containsEntry("encrypted", false);
        assertThat(map(data.get("created"))).containsEntry("value", "2023-11-05T14:30:00+01:00");
        assertThat(map(data.get("modified"))).containsEntry("value", "2023-11-06T09:00:00+01:00");
        assertThat(data.get("emails")).isEqualTo(List.of("john.smith@acme-corp.example"));
        assertThat(map(data.get("tags"))).containsKeys("PDF Info", "XMP");
        assertThat(values(output, EntityKind.PERSON)).containsExactly(SampleFiles.PDF_AUTHOR);
    }

    @Test
    void anEncryptedPdfThatOpensWithoutAPasswordIsReadAndFlagged() throws Exception {
        Map<String, Object> data = upload("locked.pdf", SampleFiles.pdf(true)).data();
        assertThat(map(data.get("document"))).containsEntry("encrypted", true).containsEntry("pages", 3);
        assertThat(data.get("author")).isEqualTo(SampleFiles.PDF_AUTHOR);
    }

    @Test
    void aDocxGivesCreatorEditorCompanyRevisionTemplateApplicationAndDates() throws Exception {
        CollectorOutput output = upload("budget.docx", SampleFiles.docx());
        Map<String, Object> data = output.data();
        assertThat(map(data.get("file"))).containsEntry("type", "docx").containsEntry("mime",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(data.get("author")).isEqualTo(SampleFiles.DOCX_CREATOR);
        assertThat(data.get("last_editor")).isEqualTo(SampleFiles.DOCX_EDITOR);
        assertThat(data.get("company")).isEqualTo(SampleFiles.DOCX_COMPANY);
        assertThat(data.get("software")).isEqualTo("Microsoft Office Word 16.0000");
        assertThat(map(data.get("document"))).containsEntry("revision", "7")
                .containsEntry("template", SampleFiles.DOCX_TEMPLATE).containsEntry("application",
                        "Microsoft Office Word").containsEntry("pages", 2L);
        assertThat(map(data.get("created"))).containsEntry("value", "2022-03-04T05:06:07Z");
        assertThat(map(data.get("modified"))).containsEntry("value", "2022-03-05T06:07:08Z");
        // the template's path names the author's Windows account
        assertThat(data.get("usernames")).isEqualTo(List.of("amartin"));
        assertThat(values(output, EntityKind.PERSON)).containsExactly(SampleFiles.DOCX_CREATOR,
                SampleFiles.DOCX_EDITOR);
        assertThat(values(output, EntityKind.ORGANIZATION)).containsExactly(SampleFiles.DOCX_COMPANY);
    }

    @Test
    void anOdtGivesItsInitialCreatorLastEditorGeneratorAndDates() throws Exception {
        Map<String, Object> data = upload("notes.odt", SampleFiles.odt()).data();
        assertThat(map(data.get("file"))).containsEntry("type", "odt");
        assertThat(data.get("author")).isEqualTo("Carla Diaz");
        assertThat(data.get("last_editor")).isEqualTo("Dan Ek");
        assertThat(data.get("software")).isEqualTo("LibreOffice/7.4.7.2$Linux_X86_64");
        assertThat(map(data.get("document"))).containsEntry("pages", 4L).containsEntry("revision", "3");
        assertThat(map(data.get("created"))).containsEntry("value", "2021-06-07T08:09:10");
    }

    @Test
    void theFormatComesFromTheBytesNotTheName() throws Exception {
        Map<String, Object> data = upload("innocent.jpg", SampleFiles.pdf(false)).data();
        assertThat(map(data.get("file"))).containsEntry("type", "pdf").containsEntry("name", "innocent.jpg");
    }
}
