package dev.osint.collectors.crtsh;

import java.time.LocalDateTime;

/**
 * One row of crt.sh's JSON search answer ({@code /?q=%.example.com&output=json}); times are UTC without a zone.
 *
 * @param nameValue the certificate's identities, one per line ({@code "*.example.com\nexample.com"})
 */
record CrtshEntry(long issuerCaId, String issuerName, String commonName, String nameValue, long id,
                  LocalDateTime entryTimestamp, LocalDateTime notBefore, LocalDateTime notAfter, String serialNumber) {}
