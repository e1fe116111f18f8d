/**
 * The metadata collector: what a photo, video or document says about where, when, on what and by whom it was made,
 * read from an uploaded file or one fetched from a URL. Imports {@code dev.osint.core},
 * {@code dev.osint.collectors.net}, metadata-extractor and PDFBox.
 */
package dev.osint.collectors.metadata;
