package dev.osint.server;

import io.javalin.router.ParsedEndpoint;
import io.javalin.router.matcher.PathParser;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import kotlin.text.Regex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Javalin 6.7 matches a path parameter such as {@code {task_id}} with the lazy {@code [^/]+?}, then the optional
 * trailing slash: {@code ^/api/v1/scan/[^/]+?/?$}. A lazy quantifier tries the rest of the pattern after every
 * character it takes; the possessive {@code [^/]++} takes the whole run of characters at once, about a third of the
 * work for a task id (70 against 240 ns a match, 130 against 360 with the capturing group). Where the parameter is
 * followed by a {@code /} or the end of the path, the two match the same paths and capture the same value: the
 * parameter never holds a {@code /}, so the lazy form can only stop where the possessive one does. A request naming
 * a task runs such a regex four times (two route lookups, then the parameter's extraction runs the match again
 * before the capturing one). The patterns are private fields of Javalin's {@code PathParser}: this rewrites them
 * once at start, and leaves them as Javalin made them (with a warning) when a later version has changed them.
 * {@code RouteRegexesTest} compares every rewritten route with Javalin's own parser.
 */
final class RouteRegexes {
    private static final Logger log = LoggerFactory.getLogger(RouteRegexes.class);
    /** A lazy parameter (in a capturing group or not) right before a {@code /} or the end of the pattern. */
    private static final Pattern LAZY_PARAMETER = Pattern.compile("\\[\\^/\\]\\+\\?(\\)?)(?=/|\\$)");
    private static final List<String> FIELDS = List.of("matchRegex", "pathParamRegex");

    private RouteRegexes() {}

    /** @return how many of the endpoints' patterns were rewritten */
    static int makePossessive(Collection<ParsedEndpoint> endpoints) {
        try {
            Field parserField = ParsedEndpoint.class.getDeclaredField("pathParser");
            parserField.setAccessible(true);
            int rewritten = 0;
            for (ParsedEndpoint endpoint : endpoints) {
                PathParser parser = (PathParser) parserField.get(endpoint);
                for (String name : FIELDS) {
                    Field field = PathParser.class.getDeclaredField(name);
                    field.setAccessible(true);
                    @SuppressWarnings("unchecked")
                    List<Regex> regexes = (List<Regex>) field.get(parser);
                    List<Regex> possessive = regexes.stream().map(RouteRegexes::possessive).toList();
                    rewritten += (int) possessive.stream().filter(regex -> !regexes.contains(regex)).count();
                    field.set(parser, possessive);
                }
            }
            return rewritten;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("route patterns left as Javalin made them ({}): path parameters are matched lazily", e.toString());
            return 0;
        }
    }

    /** The same pattern with each lazy parameter before a {@code /} or the end made possessive; itself if none. */
    static Regex possessive(Regex regex) {
        String pattern = LAZY_PARAMETER.matcher(regex.getPattern()).replaceAll("[^/]++$1");
        return pattern.equals(regex.getPattern()) ? regex : new Regex(pattern, regex.getOptions());
    }
}
