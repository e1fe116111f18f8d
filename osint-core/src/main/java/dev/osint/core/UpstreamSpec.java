package dev.osint.core;

/**
 * An outside service a collector calls, as its {@link CollectorSpec} declares it: the API lists it with the state
 * of its circuit breaker, and metrics count its answers under {@code name}.
 *
 * @param name        the settings prefix in lower case ({@code crtsh} for {@code OSINT_CRTSH_*}); a circuit of an
 *                    upstream with many servers is named {@code name:host} ({@code rdap:rdap.verisign.com})
 * @param displayName the name people know it by ({@code crt.sh})
 */
public record UpstreamSpec(String name, String displayName) {}
