package dev.osint.collectors.username;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a site tells a missing profile from an existing one; every method listed must agree that the
 * profile exists for the site to count as found.
 *
 * @param methods          the checks to apply
 * @param notFoundStatuses statuses that mean "no such user" besides 404 and 410 (Sherlock's {@code errorCode})
 * @param absenceStrings   any of these in the body means "no such user"
 * @param presenceStrings  at least one of these must be in the body of an existing profile
 * @param notFoundUrl      where the site redirects a missing profile to, when known (informational:
 *                         any redirect counts as not found under {@link Method#REDIRECT})
 * @param ignore403        the site answers 403 for ordinary pages, so 403 is not read as a bot wall
 * @param wallMarkers      body text this site shows when it refuses to answer (a login or rate-limit page),
 *                         each with the reason to report (Maigret's {@code errors})
 */
public record Detection(Set<Method> methods, Set<Integer> notFoundStatuses, List<String> absenceStrings,
                        List<String> presenceStrings, String notFoundUrl, boolean ignore403,
                        Map<String, String> wallMarkers) {
    public Detection {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("a detection needs at least one method");
        }
        methods = Set.copyOf(methods);
        notFoundStatuses = Set.copyOf(notFoundStatuses);
        absenceStrings = List.copyOf(absenceStrings);
        presenceStrings = List.copyOf(presenceStrings);
        wallMarkers = Map.copyOf(wallMarkers);
    }

    /** Plain status detection: 2xx exists, 404 does not. */
    public static Detection byStatus() {
        return new Detection(Set.of(Method.STATUS), Set.of(), List.of(), List.of(), null, false, Map.of());
    }

    public boolean uses(Method method) {
        return methods.contains(method);
    }

    /** The detection methods, as the catalogue's {@code detect} field names them. */
    public enum Method {
        /** The HTTP status: 2xx exists, 404/410 (and {@code not_found_status}) does not. */
        STATUS,
        /** A body containing one of the absence strings is a "not found" page, whatever its status. */
        ABSENCE,
        /** A body must contain one of the presence strings to be a profile. */
        PRESENCE,
        /** Redirects are not followed: a redirect means not found, a 2xx means found. */
        REDIRECT;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
