package dev.osint.collectors.metadata;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Emails, usernames and URLs written anywhere in a file's metadata. Usernames come from {@code @handles} and from
 * home directories in paths ({@code C:\Users\jdoe\…}, {@code /home/jdoe/…}), which templates and producers leak.
 */
final class TextClues {
    private static final int MAX_EACH = 100;
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}");
    private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'()\\[\\]{}|\\\\^`]{1,2000}");
    private static final Pattern HANDLE = Pattern.compile("(?<![\\w@./])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)\\b");
    private static final Pattern HOME = Pattern.compile(
            "(?i)(?:[A-Z]:\\\\(?:Users|Documents and Settings)\\\\|/Users/|/home/)([A-Za-z0-9._-]{1,64})(?=[\\\\/])");
    /** Home directories that belong to no person. */
    private static final Set<String> SHARED_HOMES = Set.of("public", "default", "default user", "all users",
            "administrator", "admin", "guest", "shared", "root", "user", "owner", "runner", "build", "jenkins");
    /** Namespace and schema URLs every XMP packet and office part carries: no clue about anyone. */
    private static final List<String> BOILERPLATE_URLS = List.of("http://ns.adobe.com/", "http://purl.org/",
            "http://www.w3.org/", "http://schemas.openxmlformats.org/", "http://schemas.microsoft.com/",
            "http://iptc.org/", "http://cipa.jp/", "http://www.aiim.org/", "http://www.npes.org/",
            "urn:oasis:", "http://openoffice.org/", "http://www.openoffice.org/");

    private final Set<String> emails = new LinkedHashSet<>();
    private final Set<String> usernames = new LinkedHashSet<>();
    private final Set<String> urls = new LinkedHashSet<>();

    TextClues scan(Collection<String> values) {
        for (String value : values) {
            scan(value);
        }
        return this;
    }

    void scan(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (text.indexOf('@') >= 0) {
            addAll(EMAIL.matcher(text), 0, emails, true);
            addAll(HANDLE.matcher(URL.matcher(text).replaceAll(" ")), 1, usernames, true);
        }
        if (text.regionMatches(true, 0, "http", 0, 4) || text.contains("://")) {
            Matcher m = URL.matcher(text);
            while (m.find() && urls.size() < MAX_EACH) {
                String url = m.group().replaceAll("[.,;:!?]+$", "");
                if (BOILERPLATE_URLS.stream().noneMatch(url::startsWith)) {
                    urls.add(url);
                }
            }
        }
        if (text.indexOf('\\') >= 0 || text.indexOf('/') >= 0) {
            Matcher m = HOME.matcher(text);
            while (m.find() && usernames.size() < MAX_EACH) {
                String name = m.group(1);
                if (!SHARED_HOMES.contains(name.toLowerCase(Locale.ROOT))) {
                    usernames.add(name);
                }
            }
        }
    }

    private static void addAll(Matcher m, int group, Set<String> into, boolean lowerCase) {
        while (m.find() && into.size() < MAX_EACH) {
            into.add(lowerCase ? m.group(group).toLowerCase(Locale.ROOT) : m.group(group));
        }
    }

    Set<String> emails() { return emails; }
    Set<String> usernames() { return usernames; }
    Set<String> urls() { return urls; }
}
