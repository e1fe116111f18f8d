/**
 * Test fixtures other modules reuse through osint-queue's test-jar: a real Redis ({@code TestRedis}, {@code
 * RedisProcess}) and a worker in a process of its own ({@code WorkerProcess}). Imports osint-core and osint-queue.
 */
package dev.osint.queue.testing;
