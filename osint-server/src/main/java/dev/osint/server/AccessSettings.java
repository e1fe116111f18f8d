package dev.osint.server;

import dev.osint.core.Settings;
import dev.osint.queue.SubmissionQuotas;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may call the API and how much: the API keys, whether callers without one are let in, and the submission
 * quotas. The per-caller quotas are on by default whenever the API is not a private loopback service.
 *
 * @param allowAnonymous {@code OSINT_ALLOW_ANONYMOUS}: callers without a key are let in even when keys are set,
 *                       and the server may serve other machines without keys
 */
public record AccessSettings(ApiKeys keys, boolean allowAnonymous, SubmissionQuotas quotas) {
    public static final String ALLOW_ANONYMOUS_SETTING = "OSINT_ALLOW_ANONYMOUS";

    /**
     * @throws IllegalArgumentException a setting is malformed, or the server would serve other machines with no key
     *                                  and {@code OSINT_ALLOW_ANONYMOUS} is not set: the message says what to set
     */
    public static AccessSettings from(Settings settings, ServerSettings server) {
        ApiKeys keys = ApiKeys.from(settings);
        boolean allowAnonymous = settings.bool(ALLOW_ANONYMOUS_SETTING, false);
        boolean loopback = isLoopback(server.host());
        if (keys.isEmpty() && !loopback && !allowAnonymous) {
            throw new IllegalArgumentException("OSINT_HOST=" + server.host() + " lets other machines reach the API,"
                    + " but no API key is set, so anyone who reaches the port could run scans. Set "
                    + ApiKeys.KEYS_SETTING + " (make a key with `osint keys create`) or " + ApiKeys.KEYS_FILE_SETTING
                    + "; or set " + ALLOW_ANONYMOUS_SETTING + "=true to serve without keys (behind a proxy that"
                    + " authenticates); or bind a loopback address (OSINT_HOST=127.0.0.1).");
        }
        return new AccessSettings(keys, allowAnonymous, SubmissionQuotas.from(settings, !keys.isEmpty() || !loopback));
    }

    /** No keys, anonymous callers, no quotas: a private API on loopback, as tests want it. */
    public static AccessSettings open() {
        return new AccessSettings(ApiKeys.NONE, false, SubmissionQuotas.NONE);
    }

    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false; // the bind fails anyway; never assume it is private
        }
    }
}
