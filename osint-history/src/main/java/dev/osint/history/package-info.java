/**
 * Scan history: every finished task kept in a database (SQLite under the data directory, or PostgreSQL), written
 * from the broker's finished tasks, searched, pivoted on by entity, compared over time and exported. Imports
 * osint-core and osint-queue; knows nothing of HTTP.
 */
package dev.osint.history;
