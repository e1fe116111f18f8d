/**
 * What every HTTP collector shares: upstream settings, one client that maps HTTP answers to results and errors,
 * and the SSRF guard for user-supplied URLs. Imports only {@code dev.osint.core}, Jackson and the JDK.
 */
package dev.osint.collectors.net;
