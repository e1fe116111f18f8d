package dev.osint.collectors.username;

import dev.osint.collectors.username.Detection.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a site's answer into a {@link Verdict}. Walls are recognised first; then every catalogue description of
 * the site gets its say, and any one of them finding "no such user" settles it; a FOUND needs all of them, a 2xx,
 * and the project's own doubts (a redirect away from the profile, a "not found" title) cleared. Anything doubtful
 * leans to NOT_FOUND: a false positive costs an analyst more than a missed profile.
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

    /**
     * What the answer means for {@code username} on {@code site}.
     *
     * @param strict also require the presence strings of other catalogues' descriptions of the page
     */
    static Verdict classify(Site site, String username, SiteAnswer answer, boolean strict) {
        Optional<Verdict> wall = BotWall.recognise(site, answer);
        if (wall.isPresent()) {
            return wall.get();
        }
        int status = answer.status();
        if (status >= 500) {
            return Verdict.of(SiteStatus.ERROR, "server error (" + status + ")", Verdict.OWN, "status", answer, null);
        }
        if (answer.isRedirect()) {
            return redirect(site, answer);
        }
        if (answer.redirected()) {
            Optional<Verdict> away = redirectedAway(username, answer);
            if (away.isPresent()) {
                return away.get();
            }
        }
        boolean success = answer.isSuccess(site.ignore403());
        for (Detection detection : site.detections()) {
            Optional<Verdict> missing = notFound(detection, answer, success, strict);
            if (missing.isPresent()) {
                return missing.get();
            }
        }
        if (!success) {
            return Verdict.of(SiteStatus.NOT_FOUND, "status " + status + ", not a 2xx", Verdict.OWN, "status", answer,
                    null);
        }
        boolean presenceRead = site.detections().stream().anyMatch(d -> d.requiresPresence(strict));
        String title = BotWall.title(answer.body());
        if (!presenceRead && title != null && SOFT_404_TITLE.matcher(title).find()
                && !title.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            return Verdict.of(SiteStatus.NOT_FOUND, "soft 404: \"" + BotWall.shorten(title) + "\"", Verdict.OWN,
                    "soft_404_title", answer, title);
        }
        String presence = site.detections().stream().flatMap(d -> d.presenceStrings().stream())
                .filter(answer.body()::contains).findFirst().orElse(null);
        String checks = site.detections().stream().map(Detection::check).distinct().collect(Collectors.joining("+"));
        return Verdict.of(SiteStatus.FOUND, "status " + status + " (" + checks + ")"
                        + (presence == null ? "" : ", page holds \"" + BotWall.shorten(presence) + "\""),
                site.catalogues(), checks, answer, presence == null ? null : BotWall.shorten(presence));
    }

    /** A redirect seen because it was not followed: "not found" to the description that reads redirects. */
    private static Verdict redirect(Site site, SiteAnswer answer) {
        Detection reader = site.detections().stream().filter(d -> d.uses(Method.REDIRECT)).findFirst()
                .orElse(site.detections().get(0));
        String location = answer.header("location").strip();
        try {
            location = answer.requested().resolve(location).toString();
        } catch (IllegalArgumentException e) {
            // a Location that is not a URL: shown as it came
        }
        return new Verdict(SiteStatus.NOT_FOUND, "redirected to " + location, reader.catalogue(), reader.check(),
                answer.status(), null, location, null);
    }

    /** One description's reasons to say "no such user", in the order that description reads the answer. */
    private static Optional<Verdict> notFound(Detection detection, SiteAnswer answer, boolean success,
                                              boolean strict) {
        int status = answer.status();
        if (detection.notFoundStatuses().contains(status)) {
            return Optional.of(Verdict.of(SiteStatus.NOT_FOUND, "status " + status, detection.catalogue(),
                    detection.check(), answer, null));
        }
        if ((detection.uses(Method.STATUS) || detection.uses(Method.REDIRECT)) && !success) {
            return Optional.of(Verdict.of(SiteStatus.NOT_FOUND, "status " + status, detection.catalogue(),
                    detection.check(), answer, null));
        }
        String body = answer.body();
        for (String absence : detection.absenceStrings()) {
            if (body.contains(absence)) {
                return Optional.of(Verdict.of(SiteStatus.NOT_FOUND, "page says \"" + BotWall.shorten(absence) + "\"",
                        detection.catalogue(), detection.check(), answer, BotWall.shorten(absence)));
            }
        }
        if (detection.requiresPresence(strict) && detection.presenceStrings().stream().noneMatch(body::contains)) {
            return Optional.of(Verdict.of(SiteStatus.NOT_FOUND, "no profile marker in the page",
                    detection.catalogue(), detection.check(), answer, null));
        }
        return Optional.empty();
    }

    /** A redirect that left the profile: to a login page (a wall) or to a page that is not about the user. */
    private static Optional<Verdict> redirectedAway(String username, SiteAnswer answer) {
        String path = answer.answered().getRawPath() == null ? "" : answer.answered().getRawPath();
        String target = answer.answered().toString();
        if (LOGIN_PATH.matcher(path).find()) {
            return Optional.of(Verdict.of(SiteStatus.BLOCKED, "redirected to a login page: " + target, Verdict.OWN,
                    "login_wall", answer, null));
        }
        String name = username.toLowerCase(Locale.ROOT);
        String encodedName = NameTemplate.encode(username).toLowerCase(Locale.ROOT);
        String lowerTarget = target.toLowerCase(Locale.ROOT);
        if (!lowerTarget.contains(name) && !lowerTarget.contains(encodedName)) {
            return Optional.of(Verdict.of(SiteStatus.NOT_FOUND, "redirected away from the profile to " + target,
                    Verdict.OWN, "redirect_away", answer, null));
        }
        String host = answer.answered().getHost() == null ? "" : answer.answered().getHost().toLowerCase(Locale.ROOT);
        boolean home = path.isEmpty() || path.equals("/");
        if (home && !host.contains(name)) {
            return Optional.of(Verdict.of(SiteStatus.NOT_FOUND, "redirected to the home page " + target, Verdict.OWN,
                    "redirect_away", answer, null));
        }
        return Optional.empty();
    }
}
