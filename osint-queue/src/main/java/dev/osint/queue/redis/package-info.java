/**
 * The broker for many processes: state in Redis, every state change one Lua script (resources {@code lua/}, the
 * table of allowed moves rendered from {@code TaskState}), over Lettuce. Implements the SPI of
 * {@code dev.osint.queue} and keeps {@code BrokerContractTest}; imports only that package, osint-core and Lettuce.
 */
package dev.osint.queue.redis;
