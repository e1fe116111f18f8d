package dev.osint.core;

/**
 * A secret a collector reads from the environment ({@code NAME} or {@code NAME_FILE}).
 *
 * @param required false when the collector still works (less well) without it
 * @param howToGet where a user obtains one
 */
public record SecretSpec(String name, boolean required, String howToGet) {}
