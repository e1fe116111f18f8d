/**
 * The {@code haveibeenpwned} collector: HIBP v3 breaches and Pwned Passwords' k-anonymity range search.
 * Imports osint-core and the shared net code.
 */
package dev.osint.collectors.haveibeenpwned;
