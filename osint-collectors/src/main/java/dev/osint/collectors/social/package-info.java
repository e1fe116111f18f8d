/**
 * The {@code social} collector: public profiles from platforms that publish them without a key, one
 * {@link dev.osint.collectors.social.ProfileSource} per platform. Imports osint-core, the shared net code and jsoup.
 */
package dev.osint.collectors.social;
