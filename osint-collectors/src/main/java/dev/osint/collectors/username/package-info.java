/**
 * The {@code username} collector: one username checked across a catalogue of sites imported from Sherlock's and
 * Maigret's, with the project's overlay. Imports osint-core, the collectors' {@code net} package and Jackson.
 */
package dev.osint.collectors.username;
