package dev.osint.collectors.social;

import dev.osint.core.ScanContext;
import java.util.Optional;

/**
 * One platform that publishes profiles without a key. An answer that says "no such user" is an empty result;
 * anything else that goes wrong throws, and the collector records it against this platform alone.
 */
interface ProfileSource {
    /** The name users pick in {@code options.platforms} and see in results ({@code github}). */
    String platform();

    /** The profile of {@code handle} on this platform, or empty when it has none. */
    Optional<Profile> lookup(ScanContext context, String handle) throws InterruptedException;
}
