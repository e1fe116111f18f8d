package dev.osint.collectors.username;

import dev.osint.collectors.username.Detection.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a site's answer into a {@link SiteStatus}. Walls are recognised first and anything doubtful
 * leans to "not found": a false positive costs an analyst more than a missed profile.
 */
final class ResponseClassifier {
    /** Path words of a login page: a redirect there means the site wants a session, not that the user exists. */
    private static final Pattern LOGIN_PATH = Pattern.compile(
            "(^|[/_.-])(login|log-in|signin|sign-in|sign_in|auth|authenticate|session|account/login)([/_.?-]|$)",
            Pattern.CASE_INSENSITIVE);
    /** Titles of "not found" pages served with 200 (soft 404s) by sites whose entry does not say so. */
    private static final Pattern SOFT_404_TITLE = Pattern.compile(
            "\\b404\\b|not found|page not found|doesn.t exist|does not exist|no such user|user not found"
                    + "|profile unavailable|page unavailable",
            Pattern.CASE_INSENSITIVE);

    private ResponseClassifier() {}

    /** What the answer means for {@code username} on {@code site}. */
    static Verdict classify(Site site, String username, SiteAnswer answer) {
        Detection detection = site.detection();
        Optional<String> wall = BotWall.recognise(answer, detection);
        if (wall.isPresent()) {
            return new Verdict(SiteStatus.BLOCKED, wall.get());
        }
        int status = answer.status();
        if (status >= 500) {
            return new Verdict(SiteStatus.ERROR, "server error (" + status + ")");
        }
        if (answer.isRedirect()) {
            // seen only when redirects are not followed (redirect detection) or there were too many
            return new Verdict(SiteStatus.NOT_FOUND, "redirected to " + answer.header("location"));
        }
        if (answer.redirected()) {
            Optional<Verdict> away = redirectedAway(site, username, answer);
            if (away.isPresent()) {
                return away.get();
            }
        }
        if (status == 404 || status == 410 || detection.notFoundStatuses().contains(status)) {
            return new Verdict(SiteStatus.NOT_FOUND, "status " + status);
        }
        if (status == 401) {
            return new Verdict(SiteStatus.BLOCKED, "login required (401)");
        }
        if (status >= 400 && !(status == 403 && detection.ignore403())) {
            return new Verdict(SiteStatus.NOT_FOUND, "status " + status);
        }
        String body = answer.body();
        if (detection.uses(Method.ABSENCE)) {
            for (String absence : detection.absenceStrings()) {
                if (!absence.isEmpty() && body.contains(absence)) {
                    return new Verdict(SiteStatus.NOT_FOUND, "page says \"" + BotWall.shorten(absence) + "\"");
                }
            }
        }
        if (detection.uses(Method.PRESENCE) && !detection.presenceStrings().isEmpty()
                && detection.presenceStrings().stream().noneMatch(body::contains)) {
            return new Verdict(SiteStatus.NOT_FOUND, "no profile marker in the page");
        }
        if (!detection.uses(Method.PRESENCE)) {
            String title = BotWall.title(body);
            if (title != null && SOFT_404_TITLE.matcher(title).find()
                    && !title.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
                return new Verdict(SiteStatus.NOT_FOUND, "soft 404: \"" + BotWall.shorten(title) + "\"");
            }
        }
        // a site marked ignore_403 serves its pages with 403; the content checks above have read it
        if (status >= 200 && status < 300 || status == 403 && detection.ignore403()) {
            return new Verdict(SiteStatus.FOUND, "status " + status + matchedBy(detection));
        }
        return new Verdict(SiteStatus.ERROR, "unexpected status " + status);
    }

    /** A redirect that left the profile: to a login page (a wall) or to a page that is not about the user. */
    private static Optional<Verdict> redirectedAway(Site site, String username, SiteAnswer answer) {
        String path = answer.answered().getRawPath() == null ? "" : answer.answered().getRawPath();
        String target = answer.answered().toString();
        if (LOGIN_PATH.matcher(path).find()) {
            return Optional.of(new Verdict(SiteStatus.BLOCKED, "redirected to a login page: " + target));
        }
        String name = username.toLowerCase(Locale.ROOT);
        String encodedName = Site.encode(username).toLowerCase(Locale.ROOT);
        String lowerTarget = target.toLowerCase(Locale.ROOT);
        if (!lowerTarget.contains(name) && !lowerTarget.contains(encodedName)) {
            return Optional.of(new Verdict(SiteStatus.NOT_FOUND, "redirected away from the profile to " + target));
        }
        String host = answer.answered().getHost() == null ? "" : answer.answered().getHost().toLowerCase(Locale.ROOT);
        boolean home = path.isEmpty() || path.equals("/");
        if (home && !host.contains(name)) {
            return Optional.of(new Verdict(SiteStatus.NOT_FOUND, "redirected to the home page " + target));
        }
        return Optional.empty();
    }

    private static String matchedBy(Detection detection) {
        return detection.methods().stream().map(Method::wireName).sorted()
                .reduce((a, b) -> a + "+" + b).map(m -> " (" + m + ")").orElse("");
    }

    /** A status and the few words that explain it. */
    record Verdict(SiteStatus status, String reason) {}
}
