/**
 * The {@code shodan} collector: Shodan's host and DNS lookups, and the keyless InternetDB for IPs.
 * Imports osint-core and {@code dev.osint.collectors.net} only.
 */
package dev.osint.collectors.shodan;
