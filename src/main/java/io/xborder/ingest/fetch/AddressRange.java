package io.xborder.ingest.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An IPv4 or IPv6 CIDR block ({@code 10.0.0.0/8}, {@code fe80::/10}; a bare address is a /32 or /128). */
public record AddressRange(byte[] network, int prefixLength, String label) {

    /**
     * Parses a CIDR or bare IP literal (no DNS lookup).
     *
     * @throws IllegalArgumentException when {@code cidr} is not an IP literal with an optional prefix length
     */
    public static AddressRange parse(String cidr, String label) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!isIpLiteral(address)) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + cidr + "'");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: '" + cidr + "'", e);
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in '" + cidr + "'", e);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
        }
        return new AddressRange(bytes, prefix, label);
    }

    /** Digits, dots, hex and colons only: never triggers a DNS lookup in {@link InetAddress#getByName}. */
    static boolean isIpLiteral(String s) {
        if (s.isEmpty()) {
            return false;
        }
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') && s.split("\\.", -1).length == 4;
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + prefixLength;
        }
    }
}
