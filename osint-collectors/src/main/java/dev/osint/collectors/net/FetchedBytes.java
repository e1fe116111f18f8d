package dev.osint.collectors.net;

import java.net.URI;
import java.net.http.HttpHeaders;

/**
 * A file fetched from a user-supplied URL by {@link SsrfGuard#fetchBytes}: the status is the caller's to judge.
 *
 * @param url the address that answered, after redirects
 */
public record FetchedBytes(URI url, int status, HttpHeaders headers, byte[] body) {}
