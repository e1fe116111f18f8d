/**
 * The zero-setup broker: every task, lease and event in this process under one lock. Implements the SPI of
 * {@code dev.osint.queue} and keeps {@code BrokerContractTest}; imports only that package and osint-core.
 */
package dev.osint.queue.memory;
