package dev.osint.collectors.metadata;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The few XMP values that need reading beyond text: GPS coordinates as XMP writes them ({@code 48,51.498N}). */
final class XmpValues {
    private static final Pattern COORDINATE = Pattern.compile(
            "(\\d{1,3}),(\\d{1,2}(?:\\.\\d+)?)(?:,(\\d{1,2}(?:\\.\\d+)?))?([NSEW])");

    private XmpValues() {}

    /** {@code DDD,MM.mmk} or {@code DDD,MM,SSk} as signed decimal degrees; null when it is neither. */
    static Double coordinate(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = COORDINATE.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        double degrees = Integer.parseInt(m.group(1)) + Double.parseDouble(m.group(2)) / 60
                + (m.group(3) == null ? 0 : Double.parseDouble(m.group(3)) / 3600);
        char hemisphere = m.group(4).charAt(0);
        return hemisphere == 'S' || hemisphere == 'W' ? -degrees : degrees;
    }

    /** {@code exif:GPSAltitude} ({@code 35/1}) signed by {@code exif:GPSAltitudeRef}; null when absent. */
    static Double altitude(Map<String, String> properties) {
        String text = properties.get("exif:GPSAltitude");
        if (text == null) {
            return null;
        }
        try {
            String[] parts = text.strip().split("/");
            double value = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(parts[0]);
            return "1".equals(properties.get("exif:GPSAltitudeRef")) ? -value : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
