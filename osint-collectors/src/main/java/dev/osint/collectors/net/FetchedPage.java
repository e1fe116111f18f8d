package dev.osint.collectors.net;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A page fetched from a user-supplied URL by {@link SsrfGuard#fetch}: the status is the caller's to judge
 * (a profile page's 404 means "no such user", not an error).
 *
 * @param url the address that answered, after redirects
 */
public record FetchedPage(URI url, int status, HttpHeaders headers, String body) {}
