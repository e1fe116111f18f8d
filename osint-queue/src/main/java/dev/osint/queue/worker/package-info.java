/**
 * The worker runtime: a {@link dev.osint.queue.worker.FetchLoop} takes tasks into free slots, a
 * {@link dev.osint.queue.worker.TaskRunner} runs each collector under its lease, time limits and retries. Works
 * with any broker through the SPI of {@code dev.osint.queue}; never names a broker type.
 */
package dev.osint.queue.worker;
