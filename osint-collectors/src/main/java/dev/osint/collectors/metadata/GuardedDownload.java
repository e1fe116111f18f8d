package dev.osint.collectors.metadata;

import dev.osint.collectors.net.FailureKind;
import dev.osint.collectors.net.FetchedBytes;
import dev.osint.collectors.net.SsrfGuard;
import dev.osint.collectors.net.UpstreamFailureException;
import dev.osint.collectors.net.UpstreamUnavailableException;
import dev.osint.core.CollectorException;
import dev.osint.core.RetryableCollectorException;
import dev.osint.core.ScanContext;
import java.net.URI;

/**
 * Fetches a file from a user-supplied URL as bytes through the {@link SsrfGuard}'s own fetch: the connection pinned
 * to the address checked, every redirect hop checked again (at most {@value SsrfGuard#MAX_REDIRECTS}), the body
 * streamed and refused at the size cap, one deadline for all of it. Judges the status and names this collector's
 * settings in the errors that a person can act on.
 */
final class GuardedDownload {
    /** What the URL answered, after redirects. */
    record Downloaded(URI url, String declaredType, byte[] body) {}

    private final SsrfGuard guard;

    GuardedDownload(SsrfGuard guard) {
        this.guard = guard;
    }

    Downloaded fetch(ScanContext context, URI url, MetadataLimits limits) throws InterruptedException {
        FetchedBytes fetched;
        try {
            fetched = guard.fetchBytes(context, MetadataCollector.FILE_URL, url, limits.maxBytes(),
                    limits.fetchTimeout());
        } catch (UpstreamFailureException e) {
            if (e.kind() == FailureKind.TOO_LARGE) {
                throw FailureKind.TOO_LARGE.error("the file at " + shown(url) + " is larger"
                        + " than " + MetadataLimits.describe(limits.maxBytes()) + " (" + MetadataLimits.MAX_BYTES_SETTING
                        + "); it was not read");
            }
            throw e;
        } catch (UpstreamUnavailableException e) {
            if (e.kind() == FailureKind.TIMEOUT) {
                throw FailureKind.TIMEOUT.error(host(url) + " did not send the file within "
                        + limits.fetchTimeout().toSeconds() + " s (" + MetadataLimits.TIMEOUT_SETTING + ")");
            }
            throw e;
        }
        int status = fetched.status();
        if (status == 429 || status >= 500) {
            throw new RetryableCollectorException(host(fetched.url()) + " answered HTTP " + status + " for the file",
                    null, null);
        }
        if (status < 200 || status > 299) {
            throw new CollectorException(host(fetched.url()) + " answered HTTP " + status + " for "
                    + shown(fetched.url()) + "; there is no file to read");
        }
        return new Downloaded(fetched.url(), fetched.headers().firstValue("Content-Type").orElse(null),
                fetched.body());
    }

    private static String host(URI url) {
        return url.getHost() == null ? String.valueOf(url.getRawAuthority()) : url.getHost();
    }

    /** The URL without user info or query, which may carry credentials. */
    private static String shown(URI url) {
        return url.getScheme() + "://" + host(url) + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }
}
