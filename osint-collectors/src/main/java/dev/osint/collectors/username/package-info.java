/**
 * The {@code username} collector: one username checked across a catalogue of sites, Sherlock-style.
 * Imports osint-core, Jackson and the JDK's HTTP client only.
 */
package dev.osint.collectors.username;
