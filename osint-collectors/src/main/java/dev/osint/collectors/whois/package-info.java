/**
 * The {@code whois} collector: registration data of a domain or an IP address, from RDAP (RFC 9083) first and
 * port-43 WHOIS (RFC 3912) with its referral chain second. Imports osint-core, the shared net code and Jackson.
 */
package dev.osint.collectors.whois;
