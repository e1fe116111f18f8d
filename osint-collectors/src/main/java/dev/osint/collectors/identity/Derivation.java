package dev.osint.collectors.identity;

/**
 * A new identifier read out of something already known, and why.
 *
 * @param from     the graph node it was read from (an identifier's or an account's key)
 * @param evidence what was read, as a person would quote it ({@code "bio: follow @jdoe"})
 */
public record Derivation(String from, Identifier identifier, Rule rule, String evidence) {}
