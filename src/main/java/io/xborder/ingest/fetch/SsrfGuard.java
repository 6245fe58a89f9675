package io.xborder.ingest.fetch;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides whether a URL may be fetched: only http and https, and only hosts whose every resolved address lies
 * outside the loopback, private, link-local, unique-local, CGNAT, multicast, unspecified and reserved ranges —
 * unless the host name or an address range is allow-listed.
 *
 * <p>IPv4-mapped IPv6 literals ({@code [::ffff:127.0.0.1]}) are checked as the IPv4 address they map to (the JDK
 * resolves them so). Every address the name resolves to is checked, so a name with one public and one private address is refused.
 * {@link #check} only says yes or no: a client that resolves the name again when it connects can be sent elsewhere by
 * a DNS answer that changes between the two lookups (DNS rebinding with a zero TTL). {@link #approve} answers the
 * addresses it checked, so that a client connects to exactly those ({@link PinnedConnection}: the URL fetcher and
 * the webhook sender).
 */
public final class SsrfGuard {

    private static final List<AddressRange> REFUSED = List.of(
            AddressRange.parse("0.0.0.0/8", "an unspecified ('this network') address"),
            AddressRange.parse("10.0.0.0/8", "a private address"),
            AddressRange.parse("100.64.0.0/10", "a carrier-grade NAT address"),
            AddressRange.parse("127.0.0.0/8", "a loopback address"),
            AddressRange.parse("169.254.0.0/16", "a link-local address"),
            AddressRange.parse("172.16.0.0/12", "a private address"),
            AddressRange.parse("192.0.0.0/24", "an IETF protocol address"),
            AddressRange.parse("192.168.0.0/16", "a private address"),
            AddressRange.parse("198.18.0.0/15", "a benchmarking address"),
            AddressRange.parse("224.0.0.0/4", "a multicast address"),
            AddressRange.parse("240.0.0.0/4", "a reserved address"),
            AddressRange.parse("::/128", "an unspecified address"),
            AddressRange.parse("::1/128", "a loopback address"),
            AddressRange.parse("64:ff9b::/96", "a NAT64 address"),
            AddressRange.parse("fc00::/7", "a unique-local address"),
            AddressRange.parse("fe80::/10", "a link-local address"),
            AddressRange.parse("fec0::/10", "a site-local address"),
            AddressRange.parse("ff00::/8", "a multicast address"));

    /** Resolves a host name to its addresses; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {

        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<AddressRange> allowedRanges;
    private final Set<String> allowedHosts;
    private final Resolver resolver;

    /**
     * @param allow CIDR blocks ({@code 127.0.0.1/32}), IP literals or host names ({@code intranet.example.com},
     *     or {@code *.example.com} for every subdomain) that may be fetched even when they are in a refused range
     */
    public SsrfGuard(List<String> allow) {
        this(allow, InetAddress::getAllByName);
    }

    public SsrfGuard(List<String> allow, Resolver resolver) {
        List<AddressRange> ranges = new ArrayList<>();
        Set<String> hosts = new TreeSet<>();
        for (String entry : allow) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String address = e.contains("/") ? e.substring(0, e.indexOf('/')) : e;
            if (AddressRange.isIpLiteral(address.replace("[", "").replace("]", ""))) {
                ranges.add(AddressRange.parse(e.replace("[", "").replace("]", ""), "allow-listed"));
            } else {
                hosts.add(e.toLowerCase(Locale.ROOT));
            }
        }
        this.allowedRanges = List.copyOf(ranges);
        this.allowedHosts = Set.copyOf(hosts);
        this.resolver = resolver;
    }

    /**
     * Checks the URL's scheme and host; returns nothing when it may be fetched.
     *
     * @throws FetchRefusedException with a message saying why it may not
     * @throws FetchException (UNREACHABLE) when the host does not resolve
     */
    public void check(URI uri) throws FetchException {
        approve(uri);
    }

    /**
     * Checks the URL's scheme and host as {@link #check} does and answers the addresses the host resolved to, every
     * one of them allowed: connect to one of these rather than resolving the name again. An allow-listed host name
     * is resolved too (once, here), its addresses not checked.
     *
     * @throws FetchRefusedException with a message saying why it may not be fetched
     * @throws FetchException (UNREACHABLE) when the host does not resolve
     */
    public List<InetAddress> approve(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchRefusedException("only http and https URLs are fetched, not '" + scheme + ":'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchRefusedException("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new FetchRefusedException("URLs with user information (user:password@) are not fetched");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean allowedHost = isAllowedHost(bareHost.toLowerCase(Locale.ROOT));
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bareHost);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.UNREACHABLE, "the host " + host + " cannot be resolved", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new FetchException(FetchException.Kind.UNREACHABLE, "the host " + host + " has no address", null);
        }
        if (!allowedHost) {
            for (InetAddress address : addresses) {
                String why = refusal(address);
                if (why != null) {
                    throw new FetchRefusedException("the host " + host + " resolves to " + address.getHostAddress()
                            + ", " + why
                            + "; such addresses are not fetched unless allow-listed (xborder.fetch.allow)");
                }
            }
        }
        return List.of(addresses);
    }

    /** Why this address is refused, or null when it may be fetched. */
    String refusal(InetAddress address) {
        for (AddressRange allowed : allowedRanges) {
            if (allowed.contains(address)) {
                return null;
            }
        }
        for (AddressRange range : REFUSED) {
            if (range.contains(address)) {
                return range.label();
            }
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return "a non-public address";
        }
        return null;
    }

    private boolean isAllowedHost(String host) {
        if (allowedHosts.contains(host)) {
            return true;
        }
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") && host.endsWith(allowed.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
