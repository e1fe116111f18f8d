package dev.osint.collectors.dns;

import dev.osint.core.CollectorException;
import dev.osint.core.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wordlists a brute force may use, chosen by name only: the lists bundled in the jar, and the {@code NAME.txt}
 * files of the operator's {@value #DIR_SETTING}. A caller never names a path, so no file outside this set is ever
 * opened, and a refusal reads the same whether or not some other file exists.
 */
final class Wordlists {
    static final String DIR_SETTING = "OSINT_WORDLIST_DIR";
    static final String DEFAULT = "subdomains";
    /** Bundled name to class-path resource; bundled names win over a file of the same name in the directory. */
    static final Map<String, String> BUNDLED = Map.of(DEFAULT, "/dev/osint/collectors/dns/subdomains.txt");
    /** A name is letters, digits, '-' and '_': no separator, no dot (so no "..", no hidden file), no drive. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final String SUFFIX = ".txt";
    /** A directory with more files than this offers only the first ones, so a listing stays cheap. */
    private static final int MAX_LISTED = 1000;
    private static final Logger log = LoggerFactory.getLogger(Wordlists.class);

    private Wordlists() {}

    /** Every name a scan may give, bundled ones first, then the directory's in order. */
    static List<String> names(Settings settings) {
        List<String> names = new ArrayList<>(new TreeSet<>(BUNDLED.keySet()));
        Optional<Path> dir = directory(settings);
        if (dir.isEmpty()) {
            return names;
        }
        TreeSet<String> found = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.get(), "*" + SUFFIX)) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                String name = file.substring(0, file.length() - SUFFIX.length());
                if (!BUNDLED.containsKey(name) && resolve(dir.get(), name).isPresent()) {
                    found.add(name);
                }
                if (found.size() >= MAX_LISTED) {
                    break;
                }
            }
        } catch (IOException e) {
            log.warn("{} cannot be listed ({}); only the bundled wordlists are offered", DIR_SETTING, e.toString());
        }
        names.addAll(found);
        return names;
    }

    /**
     * Opens the wordlist named {@code name} (null: the default one).
     *
     * @throws CollectorException naming the option and the allowed names when {@code name} is not one of them
     */
    static InputStream open(String name, Settings settings) {
        String chosen = name == null ? DEFAULT : name;
        String resource = BUNDLED.get(chosen);
        if (resource != null) {
            InputStream in = Wordlists.class.getResourceAsStream(resource);
            if (in == null) {
                throw new CollectorException("the bundled wordlist " + chosen + " is missing from the class path");
            }
            return in;
        }
        Optional<Path> file = directory(settings).flatMap(dir -> resolve(dir, chosen));
        if (file.isPresent()) {
            try {
                // the checked real path, opened without following a link swapped in since the check
                return Files.newInputStream(file.get(), LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                log.warn("wordlist {} in {} cannot be read: {}", chosen, DIR_SETTING, e.toString());
            }
        }
        throw new CollectorException("options.wordlist: must be one of " + names(settings));
    }

    /** The real path of {@code dir/NAME.txt} when the name is well formed and the file a regular file inside dir. */
    private static Optional<Path> resolve(Path dir, String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            Path real = dir.resolve(name + SUFFIX).toRealPath();
            // a link to a file elsewhere resolves outside the directory: refused like a missing file
            if (!dir.equals(real.getParent()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            return Optional.of(real);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The operator's directory as a real path, when set and readable. */
    private static Optional<Path> directory(Settings settings) {
        Optional<String> configured = settings.get(DIR_SETTING);
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path dir = Path.of(configured.get()).toRealPath();
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("{}={} is not a readable directory ({}); only the bundled wordlists are offered", DIR_SETTING,
                    configured.get(), e.toString());
            return Optional.empty();
        }
    }
}
