package dev.osint.collectors.username;

/** What one site said about the username. */
public enum SiteStatus {
    /** The profile exists. */
    FOUND,
    /** The site says there is no such user. */
    NOT_FOUND,
    /** The site does not allow this name; no request was sent. */
    INVALID_USERNAME,
    /** A WAF, captcha, login or rate-limit wall answered instead of the site: nothing can be said. */
    BLOCKED,
    /** The request failed or the answer made no sense (connection refused, 5xx after a retry). */
    ERROR,
    /** No complete answer within the per-request timeout. */
    TIMEOUT
}
