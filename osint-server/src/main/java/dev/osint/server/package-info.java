/**
 * The HTTP API: Javalin routes, request validation, problem+json errors, server-sent events, OpenAPI and metrics.
 * Imports osint-core and osint-queue (through {@link dev.osint.queue.ScanService} and the Broker SPI), never a collector.
 */
package dev.osint.server;
