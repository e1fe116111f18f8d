package dev.osint.collectors.metadata;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.lang.Rational;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.Tag;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.mov.QuickTimeDirectory;
import com.drew.metadata.mov.metadata.QuickTimeMetadataDirectory;
import com.drew.metadata.mp4.Mp4Directory;
import com.drew.metadata.xmp.XmpDirectory;
import dev.osint.core.CollectorException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images and videos through metadata-extractor: EXIF (with maker notes), GPS, XMP, IPTC, ICC, and QuickTime / MP4
 * atoms. It reads the metadata segments only and never decodes a pixel, so a pixel flood costs nothing.
 */
final class MediaReader {
    /** ISO 6709 in decimal degrees as Apple and Android write it: {@code +48.8583+002.2945+035.000/}. */
    private static final Pattern ISO_6709 = Pattern.compile(
            "([+-]\\d{1,2}(?:\\.\\d+)?)([+-]\\d{1,3}(?:\\.\\d+)?)([+-]\\d+(?:\\.\\d+)?)?(?:CRS[^/]*)?/?");
    private static final String MAKER_NOTES = "com.drew.metadata.exif.makernotes";

    private final MetadataLimits limits;

    MediaReader(MetadataLimits limits) {
        this.limits = limits;
    }

    void read(byte[] file, FileKind kind, FileFacts facts) {
        byte[] bytes = switch (kind) {
            case PNG -> PngCompressedChunks.withoutBombs(file, limits.partMaxBytes(), facts);
            case JPEG -> jpegHeaders(file, facts);
            default -> file;
        };
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length,
                    kind.imageType());
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            throw new CollectorException("the file looks like " + kind.wireName().toUpperCase(Locale.ROOT)
                    + " but its metadata cannot be read: " + message(e), e);
        }
        for (Directory directory : metadata.getDirectories()) {
            rawTags(directory, facts);
        }
        position(metadata, kind == FileKind.MP4 || kind == FileKind.MOV ? bytes : null, facts);
        device(metadata, facts);
        times(metadata, facts);
        people(metadata, facts);
    }

    private static byte[] jpegHeaders(byte[] jpeg, FileFacts facts) {
        JpegSegments.Headers headers = JpegSegments.headers(jpeg);
        if (headers.truncated()) {
            facts.warn("the JPEG ends after " + jpeg.length + " bytes, inside its headers; the segments before the"
                    + " cut were read");
        }
        return headers.bytes();
    }

    /**
     * The position in the movie's user data ({@code udta/©xyz}), with its altitude; it comes after the Apple keys
     * ({@code com.apple.quicktime.location.ISO6709}), which newer phones write, and before XMP, which a later editor
     * may have written.
     */
    private static void userDataPosition(byte[] bytes, FileFacts facts) {
        UserDataLocation.iso6709(bytes).map(text -> ISO_6709.matcher(text.strip())).filter(Matcher::matches)
                .ifPresent(m -> facts.position(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        m.group(3) == null ? null : Double.parseDouble(m.group(3)), "©xyz user data"));
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void rawTags(Directory directory, FileFacts facts) {
        String group = directory.getName();
        for (String error : directory.getErrors()) {
            facts.warn(group + ": " + error);
        }
        if (directory instanceof XmpDirectory xmp) {
            xmp.getXmpProperties().forEach((name, value) -> facts.raw(group, name, value));
            return;
        }
        for (Tag tag : directory.getTags()) {
            String description;
            try {
                description = tag.getDescription();
            } catch (RuntimeException e) {
                description = null; // a malformed value: its descriptor gives up, the other tags still count
            }
            facts.raw(group, tag.getTagName(), description);
        }
    }

    /** The first position found, most reliable source first; {@code movie} is the file when it is MP4 or MOV. */
    private static void position(Metadata metadata, byte[] movie, FileFacts facts) {
        for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            GeoLocation location = gps.getGeoLocation();
            if (location != null) {
                facts.position(location.getLatitude(), location.getLongitude(), altitude(gps), "Exif GPS");
            }
        }
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        for (Directory directory : metadata.getDirectories()) {
            if (directory instanceof QuickTimeDirectory || directory instanceof Mp4Directory) {
                for (Tag tag : directory.getTags()) {
                    String value = directory.getString(tag.getTagType());
                    Matcher m = value == null ? null : ISO_6709.matcher(value.strip());
                    if (m != null && m.matches() && isLocationTag(directory, tag)) {
                        facts.position(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                                m.group(3) == null ? null : Double.parseDouble(m.group(3)),
                                directory.getName() + " " + tag.getTagName());
                    }
                }
            }
        }
        if (movie != null) {
            userDataPosition(movie, facts);
        }
        if (xmp != null) {
            Map<String, String> properties = xmp.getXmpProperties();
            Double latitude = XmpValues.coordinate(properties.get("exif:GPSLatitude"));
            Double longitude = XmpValues.coordinate(properties.get("exif:GPSLongitude"));
            if (latitude != null && longitude != null) {
                facts.position(latitude, longitude, XmpValues.altitude(properties), "XMP exif:GPS");
            }
        }
    }

    private static boolean isLocationTag(Directory directory, Tag tag) {
        return (directory instanceof QuickTimeMetadataDirectory
                && tag.getTagType() == QuickTimeMetadataDirectory.TAG_LOCATION_ISO6709)
                || tag.getTagName().toLowerCase(Locale.ROOT).contains("location")
                || tag.getTagName().toLowerCase(Locale.ROOT).contains("gps");
    }

    private static Double altitude(GpsDirectory gps) {
        Rational altitude = gps.getRational(GpsDirectory.TAG_ALTITUDE);
        if (altitude == null || altitude.getDenominator() == 0) {
            return null;
        }
        Integer reference = gps.getInteger(GpsDirectory.TAG_ALTITUDE_REF);
        double metres = altitude.doubleValue();
        return reference != null && reference == 1 ? -metres : metres;
    }

    private static void device(Metadata metadata, FileFacts facts) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        if (ifd0 != null) {
            facts.device("make", ifd0.getString(ExifDirectoryBase.TAG_MAKE));
            facts.device("model", ifd0.getString(ExifDirectoryBase.TAG_MODEL));
            facts.software(ifd0.getString(ExifDirectoryBase.TAG_SOFTWARE));
            facts.device("host_computer", ifd0.getString(ExifDirectoryBase.TAG_HOST_COMPUTER));
        }
        if (sub != null) {
            facts.device("serial", sub.getString(ExifDirectoryBase.TAG_BODY_SERIAL_NUMBER));
            facts.device("lens", sub.getString(ExifDirectoryBase.TAG_LENS_MODEL));
            facts.device("lens_make", sub.getString(ExifDirectoryBase.TAG_LENS_MAKE));
            facts.device("lens_serial", sub.getString(ExifDirectoryBase.TAG_LENS_SERIAL_NUMBER));
            facts.device("owner", sub.getString(ExifDirectoryBase.TAG_CAMERA_OWNER_NAME));
        }
        for (QuickTimeMetadataDirectory quickTime : metadata.getDirectoriesOfType(QuickTimeMetadataDirectory.class)) {
            facts.device("make", quickTime.getString(QuickTimeMetadataDirectory.TAG_MAKE));
            facts.device("model", quickTime.getString(QuickTimeMetadataDirectory.TAG_MODEL));
            facts.software(quickTime.getString(QuickTimeMetadataDirectory.TAG_SOFTWARE));
        }
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp != null) {
            Map<String, String> p = xmp.getXmpProperties();
            facts.device("make", p.get("tiff:Make"));
            facts.device("model", p.get("tiff:Model"));
            facts.device("serial", p.getOrDefault("exifEX:BodySerialNumber", p.get("aux:SerialNumber")));
            facts.device("lens", p.getOrDefault("exifEX:LensModel", p.get("aux:Lens")));
            facts.software(p.get("xmp:CreatorTool"));
        }
        // maker notes keep the serial number under names of their own; other directories were read above
        for (Directory directory : metadata.getDirectories()) {
            if (!directory.getClass().getPackageName().equals(MAKER_NOTES)) {
                continue;
            }
            for (Tag tag : directory.getTags()) {
                String name = tag.getTagName().toLowerCase(Locale.ROOT);
                if (name.contains("serial number") && !name.contains("lens")) {
                    facts.device("serial", directory.getString(tag.getTagType()));
                }
            }
        }
    }

    private static void times(Metadata metadata, FileFacts facts) {
        ExifSubIFDDirectory sub = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (sub != null) {
            Stamp.parse(sub.getString(ExifDirectoryBase.TAG_DATETIME_ORIGINAL),
                    sub.getString(ExifDirectoryBase.TAG_TIME_ZONE_ORIGINAL), "Exif DateTimeOriginal")
                    .ifPresent(s -> facts.time("created", s));
            Stamp.parse(sub.getString(ExifDirectoryBase.TAG_DATETIME_DIGITIZED),
                    sub.getString(ExifDirectoryBase.TAG_TIME_ZONE_DIGITIZED), "Exif DateTimeDigitized")
                    .ifPresent(s -> facts.time("created", s));
        }
        if (ifd0 != null) {
            String offset = sub == null ? null : sub.getString(ExifDirectoryBase.TAG_TIME_ZONE);
            Stamp.parse(ifd0.getString(ExifDirectoryBase.TAG_DATETIME), offset, "Exif DateTime")
                    .ifPresent(s -> facts.time("modified", s));
        }
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp != null) {
            Map<String, String> p = xmp.getXmpProperties();
            for (String name : new String[] {"exif:DateTimeOriginal", "photoshop:DateCreated", "xmp:CreateDate"}) {
                Stamp.parse(p.get(name), null, "XMP " + name).ifPresent(s -> facts.time("created", s));
            }
            Stamp.parse(p.get("xmp:ModifyDate"), null, "XMP xmp:ModifyDate").ifPresent(s -> facts.time("modified", s));
        }
        for (QuickTimeMetadataDirectory quickTime : metadata.getDirectoriesOfType(QuickTimeMetadataDirectory.class)) {
            Stamp.parse(quickTime.getString(QuickTimeMetadataDirectory.TAG_CREATION_DATE), null,
                    "QuickTime creationdate").ifPresent(s -> facts.time("created", s));
        }
        for (Directory directory : metadata.getDirectories()) {
            if (directory instanceof QuickTimeDirectory || directory instanceof Mp4Directory) {
                // the movie header counts seconds since 1904 in UTC; an unset one reads as 1904 or 1970
                utc(directory.getDate(QuickTimeDirectory.TAG_CREATION_TIME), directory.getName() + " creation time")
                        .ifPresent(s -> facts.time("created", s));
                utc(directory.getDate(QuickTimeDirectory.TAG_MODIFICATION_TIME),
                        directory.getName() + " modification time").ifPresent(s -> facts.time("modified", s));
            }
        }
    }

    private static java.util.Optional<Stamp> utc(Date date, String source) {
        if (date == null || date.getTime() <= 86_400_000L) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Stamp(date.toInstant().atOffset(ZoneOffset.UTC).toLocalDateTime()
                .toString(), "Z", source));
    }

    private static void people(Metadata metadata, FileFacts facts) {
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (ifd0 != null) {
            facts.person("author", ifd0.getString(ExifDirectoryBase.TAG_ARTIST));
            facts.person("author", ifd0.getDescription(ExifDirectoryBase.TAG_WIN_AUTHOR));
            facts.document("copyright", ifd0.getString(ExifDirectoryBase.TAG_COPYRIGHT));
            facts.document("title", ifd0.getDescription(ExifDirectoryBase.TAG_WIN_TITLE));
        }
        IptcDirectory iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
        if (iptc != null) {
            facts.person("author", iptc.getString(IptcDirectory.TAG_BY_LINE));
            facts.document("city", iptc.getString(IptcDirectory.TAG_CITY));
            facts.document("country", iptc.getString(IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_NAME));
            facts.document("caption", iptc.getString(IptcDirectory.TAG_CAPTION));
            facts.document("copyright", iptc.getString(IptcDirectory.TAG_COPYRIGHT_NOTICE));
        }
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp != null) {
            Map<String, String> p = xmp.getXmpProperties();
            facts.person("author", p.get("dc:creator[1]"));
            facts.document("title", p.get("dc:title[1]"));
            facts.document("copyright", p.get("dc:rights[1]"));
        }
    }
}
