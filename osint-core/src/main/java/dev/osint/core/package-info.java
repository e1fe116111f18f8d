/**
 * The domain: targets, tasks and their states, entities, and the collector SPI.
 * Imports nothing of the project; no network or storage code lives here.
 */
package dev.osint.core;
