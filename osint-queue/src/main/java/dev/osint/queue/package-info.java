/**
 * The task queue: the {@link dev.osint.queue.Broker} SPI, its in-memory and Redis implementations, and the
 * worker runtime that runs collectors under leases, time limits and retries. Imports only osint-core.
 */
package dev.osint.queue;
