package dev.osint.collectors.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block ({@code 10.0.0.0/8}, {@code fc00::/7}), given as a literal and never looked up. */
record IpRange(byte[] network, int prefixLength, String text) {

    static IpRange parse(String cidr) {
        String trimmed = cidr.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.contains(":") && !address.matches("[0-9.]+")) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR block");
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (address.contains(":") && bytes.length == 4) {
                // the JDK turns ::ffff:a.b.c.d into an IPv4 address; a range written in IPv6 stays IPv6
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + trimmed + "' has a prefix length out of range");
            }
            return new IpRange(bytes, bits, trimmed);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR block");
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }
}
