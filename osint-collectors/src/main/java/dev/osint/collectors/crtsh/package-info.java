/**
 * The crtsh collector: Certificate Transparency search through crt.sh. Imports {@code dev.osint.core} and
 * {@code dev.osint.collectors.net}.
 */
package dev.osint.collectors.crtsh;
