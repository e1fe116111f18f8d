/**
 * The {@code virustotal} collector: VirusTotal API v3 reports on domains, IP addresses, URLs and files.
 * Imports osint-core and {@code dev.osint.collectors.net} only.
 */
package dev.osint.collectors.virustotal;
