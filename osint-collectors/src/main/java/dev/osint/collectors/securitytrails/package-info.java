/**
 * The {@code securitytrails} collector: SecurityTrails API v1 domain details, subdomains and DNS history.
 * Imports osint-core and {@code dev.osint.collectors.net} only.
 */
package dev.osint.collectors.securitytrails;
