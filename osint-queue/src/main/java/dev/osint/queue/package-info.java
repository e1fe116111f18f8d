/**
 * The broker SPI: {@link dev.osint.queue.Broker} and what travels through it (leases, events, listings, quotas,
 * statistics), {@link dev.osint.queue.ScanService} that validates and queues scans, and {@link dev.osint.queue.Brokers}
 * that opens the broker the settings ask for. The brokers live in {@code memory} and {@code redis}, the worker
 * runtime in {@code worker}. Imports only osint-core; {@code Brokers} alone names the two brokers, to open one.
 */
package dev.osint.queue;
