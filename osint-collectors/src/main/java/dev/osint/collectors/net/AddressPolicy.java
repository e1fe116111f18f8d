package dev.osint.collectors.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Which IP addresses a user-supplied URL may not reach, and why: everything that is not the public internet. */
final class AddressPolicy {
    private record Rule(IpRange range, String reason) {}

    private static final List<Rule> V4 = List.of(
            rule("0.0.0.0/8", "unspecified ('this network')"),
            rule("127.0.0.0/8", "loopback"),
            rule("10.0.0.0/8", "private"),
            rule("172.16.0.0/12", "private"),
            rule("192.168.0.0/16", "private"),
            rule("169.254.0.0/16", "link-local (cloud metadata services live at 169.254.169.254)"),
            rule("100.64.0.0/10", "carrier-grade NAT (shared address space)"),
            rule("192.0.0.0/24", "reserved for protocol assignments"),
            rule("198.18.0.0/15", "reserved for benchmarking"),
            rule("224.0.0.0/4", "multicast"),
            rule("255.255.255.255/32", "broadcast"),
            rule("240.0.0.0/4", "reserved"));

    private static final List<Rule> V6 = List.of(
            rule("::/128", "unspecified"),
            rule("::1/128", "loopback"),
            rule("fe80::/10", "link-local"),
            rule("fec0::/10", "site-local"),
            rule("fc00::/7", "private (unique local)"),
            rule("ff00::/8", "multicast"));

    /** IPv6 blocks that carry an IPv4 address, and where in the 16 bytes it sits. */
    private record Embedding(IpRange range, int offset, String name) {}

    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(IpRange.parse("::ffff:0:0/96"), 12, "IPv4-mapped IPv6"),
            new Embedding(IpRange.parse("::/96"), 12, "IPv4-compatible IPv6"),
            new Embedding(IpRange.parse("64:ff9b::/96"), 12, "NAT64 IPv6"),
            new Embedding(IpRange.parse("2002::/16"), 2, "6to4 IPv6"));

    private AddressPolicy() {}

    private static Rule rule(String cidr, String reason) {
        return new Rule(IpRange.parse(cidr), reason);
    }

    /** Why {@code address} is refused, or empty when it is a public address. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Rule rule : bytes.length == 4 ? V4 : V6) {
            if (rule.range().contains(bytes)) {
                return Optional.of(rule.reason());
            }
        }
        if (bytes.length == 16) {
            for (Embedding embedding : EMBEDDINGS) {
                if (embedding.range().contains(bytes)) {
                    InetAddress inner = v4(Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4));
                    return refusal(inner).map(reason -> embedding.name() + " of " + inner.getHostAddress() + ", which is "
                            + reason);
                }
            }
        }
        return Optional.empty();
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }
}
