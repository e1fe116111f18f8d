/**
 * The {@code osint} command line (picocli) and the wiring of a running process: broker, workers, API.
 * May import every other module; nothing imports it.
 */
package dev.osint.cli;
