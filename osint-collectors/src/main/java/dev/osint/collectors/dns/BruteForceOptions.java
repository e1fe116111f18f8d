package dev.osint.collectors.dns;

import dev.osint.core.CollectorException;
import dev.osint.core.Options;

/** The brute-force options of a scan, checked: bounds that keep one scan from flooding a server or the worker. */
record BruteForceOptions(boolean enabled, String wordlist, int rate, int concurrency) {
    static BruteForceOptions from(Options options) {
        long rate = options.integer("bruteforce_rate");
        long concurrency = options.integer("bruteforce_concurrency");
        if (rate < 1 || rate > 100_000) {
            throw new CollectorException("options.bruteforce_rate: must be from 1 to 100000 queries per second, got "
                    + rate);
        }
        if (concurrency < 1 || concurrency > 10_000) {
            throw new CollectorException("options.bruteforce_concurrency: must be from 1 to 10000, got " + concurrency);
        }
        return new BruteForceOptions(options.bool("bruteforce"), options.string("wordlist"), (int) rate,
                (int) concurrency);
    }
}
