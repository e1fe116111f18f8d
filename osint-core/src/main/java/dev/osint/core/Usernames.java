package dev.osint.core;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules a username target keeps, since collectors put it in URL paths and ask sites about it: NFKC-normalised
 * (a full-width "ｊｄｏｅ" is "jdoe"), made of letters, digits, '.', '_' and '-' only (nothing that changes a
 * URL's path once encoded: '/', '\', '?', '#', '%', spaces, control characters), never "." or "..", and written
 * in one script. A name that mixes scripts (a Cyrillic 'а' in a Latin "pаypal") is refused rather than flagged:
 * such a name is a look-alike of another person's, and scanning it would attribute that person's accounts.
 * The script rule is UTS #39's "highly restrictive" level, with {@link Character.UnicodeScript}: one script besides
 * Common and Inherited, or Latin with the scripts written beside it in Japanese, Chinese or Korean.
 */
public final class Usernames {
    public static final int MAX_LENGTH = 64;

    private static final Set<UnicodeScript> NEUTRAL = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);
    /** UTS #39 §5.2: the script sets a highly restrictive identifier may use besides a single script. */
    private static final List<Set<UnicodeScript>> ALLOWED_MIXES = List.of(
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
            EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

    private Usernames() {}

    /** The normalised username, or empty when {@code raw} breaks a rule ({@link #problem} says which). */
    public static Optional<String> normalise(String raw) {
        String name = fold(raw);
        return problemOfFolded(name).isEmpty() ? Optional.of(name) : Optional.empty();
    }

    /** What is wrong with {@code raw} as a username ("contains '/' …"), or an empty string when nothing is. */
    public static String problem(String raw) {
        return problemOfFolded(fold(raw));
    }

    private static String fold(String raw) {
        return raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC);
    }

    private static String problemOfFolded(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is '" + name + "', which in a URL path names the current or parent directory";
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            if (!isLetterOrNumber(c) && c != '.' && c != '_' && c != '-') {
                return "contains " + describe(c) + " at position " + i + "; a username holds only letters, digits,"
                        + " '.', '_' and '-', so that it cannot change the path of a URL it is put in";
            }
            i += Character.charCount(c);
        }
        Set<UnicodeScript> scripts = scripts(name);
        if (scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(mix -> mix.containsAll(scripts))) {
            return "mixes the " + scripts.stream().map(Usernames::scriptName).sorted()
                    .collect(Collectors.joining(" and ")) + " scripts, as look-alike names do (a Cyrillic 'а' in"
                    + " a Latin name); write it in one script";
        }
        return "";
    }

    private static boolean isLetterOrNumber(int c) {
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** The scripts of the letters and digits of {@code name}, without Common and Inherited. */
    static Set<UnicodeScript> scripts(String name) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        name.codePoints().mapToObj(UnicodeScript::of).filter(s -> !NEUTRAL.contains(s)).forEach(scripts::add);
        return scripts;
    }

    private static String scriptName(UnicodeScript script) {
        String lower = script.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String describe(int c) {
        String code = String.format("U+%04X", c);
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.getType(c) == Character.FORMAT
                ? code : "'" + Character.toString(c) + "' (" + code + ")";
    }
}
