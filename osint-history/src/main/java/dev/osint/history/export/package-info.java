/**
 * Exports of finished scans: JSON as stored, CSV with one row per entity, STIX 2.1 bundles and GEXF 1.3 graphs.
 * Pure functions of the records; no I/O but the stream they write to.
 */
package dev.osint.history.export;
