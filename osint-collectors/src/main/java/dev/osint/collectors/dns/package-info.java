/**
 * The {@code dns} collector: records, SPF and DMARC, DNSSEC, zone transfers, wildcards and subdomain brute force.
 * Imports osint-core and dnsjava only.
 */
package dev.osint.collectors.dns;
