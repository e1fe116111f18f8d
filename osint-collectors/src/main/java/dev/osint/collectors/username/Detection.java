package dev.osint.collectors.username;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One catalogue's description of how a site tells a missing profile from an existing one. A site checked under two
 * descriptions (Sherlock's and Maigret's of the same page) carries both, and every one must agree that the profile
 * exists for the site to count as found.
 *
 * @param catalogue        where the description comes from: {@code sherlock}, {@code maigret}, {@code osint} (the
 *                         project's overlay) or the file an operator named
 * @param check            the description's own name for its check, as a person would look it up in that
 *                         catalogue: Sherlock's {@code errorType}, Maigret's {@code checkType}, or our methods
 * @param methods          the checks to apply
 * @param notFoundStatuses statuses that mean "no such user" besides any outside 2xx (Sherlock's {@code errorCode})
 * @param absenceStrings   any of these in the body means "no such user"
 * @param presenceStrings  at least one of these must be in the body of an existing profile
 * @param notFoundUrl      where the site sends a missing profile, when the catalogue says (informational: under
 *                         {@link Method#REDIRECT} any redirect counts as not found)
 * @param secondary        another catalogue's description of the page the site's own entry asks: its "no such user"
 *                         signs count in full, its presence strings only where nothing else tells names apart (the
 *                         site's own catalogue may describe a profile page without them)
 */
public record Detection(String catalogue, String check, Set<Method> methods, Set<Integer> notFoundStatuses,
                        List<String> absenceStrings, List<String> presenceStrings, String notFoundUrl,
                        boolean secondary) {
    public Detection {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a detection needs at least one method");
        }
        methods = Set.copyOf(methods);
        notFoundStatuses = Set.copyOf(notFoundStatuses);
        absenceStrings = absenceStrings.stream().filter(s -> !s.isEmpty()).toList();
        presenceStrings = presenceStrings.stream().filter(s -> !s.isEmpty()).toList();
        if (methods.contains(Method.ABSENCE) && absenceStrings.isEmpty()) {
            throw new IllegalArgumentException("detect 'absence' needs at least one absence string");
        }
        if (methods.contains(Method.PRESENCE) && presenceStrings.isEmpty()) {
            throw new IllegalArgumentException("detect 'presence' needs at least one presence string");
        }
    }

    /** A site's own description. */
    public Detection(String catalogue, String check, Set<Method> methods, Set<Integer> notFoundStatuses,
                     List<String> absenceStrings, List<String> presenceStrings, String notFoundUrl) {
        this(catalogue, check, methods, notFoundStatuses, absenceStrings, presenceStrings, notFoundUrl, false);
    }

    /** Plain status detection: 2xx exists, anything else does not. */
    public static Detection byStatus(String catalogue) {
        return new Detection(catalogue, "status", Set.of(Method.STATUS), Set.of(), List.of(), List.of(), null);
    }

    /** This description as another catalogue's view of a site's page. */
    Detection asSecondary() {
        return new Detection(catalogue, check, methods, notFoundStatuses, absenceStrings, presenceStrings,
                notFoundUrl, true);
    }

    /** Whether the presence strings must be found: always for a site's own description; see {@code secondary}. */
    boolean requiresPresence(boolean strict) {
        return uses(Method.PRESENCE) && (!secondary || strict);
    }

    public boolean uses(Method method) {
        return methods.contains(method);
    }

    /** The methods as the project's format names them, e.g. {@code absence+status}. */
    String methodNames() {
        return methods.stream().map(Method::wireName).sorted().collect(Collectors.joining("+"));
    }

    /** The detection methods, as the project's catalogue format names them in {@code detect}. */
    public enum Method {
        /** The HTTP status: 2xx exists; anything else, and any of {@code not_found_status}, does not. */
        STATUS,
        /** A body containing one of the absence strings is a "not found" page, whatever its status. */
        ABSENCE,
        /** A body must contain one of the presence strings to be a profile. */
        PRESENCE,
        /** Redirects are not followed: a redirect means not found, a 2xx means found. */
        REDIRECT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
