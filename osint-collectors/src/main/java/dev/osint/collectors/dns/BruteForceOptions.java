package dev.osint.collectors.dns;

import dev.osint.core.Options;

/**
 * The brute-force options of a scan, typed. Their rules (the rate and concurrency bounds that keep one scan from
 * flooding a resolver, wordlists by name only) are in the collector's spec and were checked before it was queued.
 */
record BruteForceOptions(boolean enabled, String wordlist, int rate, int concurrency) {
    static BruteForceOptions from(Options options) {
        return new BruteForceOptions(options.bool("bruteforce"), options.string("wordlist"),
                (int) options.integer("bruteforce_rate"), (int) options.integer("bruteforce_concurrency"));
    }
}
