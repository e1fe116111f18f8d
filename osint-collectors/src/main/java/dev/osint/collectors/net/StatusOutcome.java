package dev.osint.collectors.net;

/**
 * What an HTTP status means for a scan. {@link UpstreamRequest} applies the defaults below; a collector whose
 * service uses a status differently overrides it with {@link UpstreamRequest#onStatus(int, StatusOutcome)}.
 */
public enum StatusOutcome {
    /** Parse the body as the answer (default for 2xx). */
    BODY,
    /** Nothing found: an {@link UpstreamAnswer} with {@link UpstreamAnswer#isFound()} false (default for 404). */
    NOT_FOUND,
    /** A final error saying the API key was refused (default for 401 and 403 when the upstream takes a key). */
    KEY_REFUSED,
    /** A retryable error honouring Retry-After (default for 408, 425, 429 and 5xx). */
    RETRY,
    /** A final error quoting the start of the body (default for every other status). */
    FAILURE;

    /** The mapping every upstream starts with. */
    static StatusOutcome byDefault(int status, boolean upstreamTakesKey) {
        if (status >= 200 && status < 300) {
            return BODY;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if ((status == 401 || status == 403) && upstreamTakesKey) {
            return KEY_REFUSED;
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return RETRY;
        }
        return FAILURE;
    }
}
