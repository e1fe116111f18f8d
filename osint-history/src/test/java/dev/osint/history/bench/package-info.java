/** Benchmark drivers run by {@code bench/history/run.sh}; never part of the test suite. */
package dev.osint.history.bench;
