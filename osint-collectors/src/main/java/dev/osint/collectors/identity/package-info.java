/**
 * The identity collector: fans out child scans for an email, username, name or phone, follows what they reveal,
 * and links the findings into a graph of evidence. Imports {@code dev.osint.core} only.
 */
package dev.osint.collectors.identity;
