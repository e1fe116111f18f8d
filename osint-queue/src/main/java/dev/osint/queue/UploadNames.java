package dev.osint.queue;

/** The name of an uploaded file as a target shows it: no directories, no control characters, not too long. */
final class UploadNames {
    static final String UNNAMED = "upload";
    private static final int MAX_LENGTH = 255;

    private UploadNames() {}

    static String clean(String given) {
        if (given == null) {
            return UNNAMED;
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
                .limit(MAX_LENGTH).forEach(kept::appendCodePoint);
        String cleaned = kept.toString().strip();
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? UNNAMED : cleaned;
    }
}
