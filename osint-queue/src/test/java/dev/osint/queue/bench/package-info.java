/**
 * Load drivers for {@code bench/queue/run.sh}: mains that measure, never run by the test suite. Imports
 * osint-core, osint-queue and its test fixtures.
 */
package dev.osint.queue.bench;
