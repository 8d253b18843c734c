package dev.brisk.internal.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * uvicorn's {@code --forwarded-allow-ips}: addresses and CIDR ranges whose proxy headers are believed.
 * Written here rather than taken from a library because it is twenty lines over the JDK's
 * {@link InetAddress}, and it must never resolve a name: only literals are accepted.
 */
public final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] a) {
            if (a.length != network.length) return false;
            int full = bits / 8;
            for (int i = 0; i < full; i++) if (a[i] != network[i]) return false;
            int rest = bits % 8;
            if (rest == 0) return true;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    private final boolean any;
    private final List<Range> ranges;

    private TrustedProxies(boolean any, List<Range> ranges) {
        this.any = any;
        this.ranges = ranges;
    }

    /**
     * Parses entries such as {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code *}; each entry
     * may itself be a comma-separated list.
     *
     * @throws IllegalArgumentException naming the first malformed entry
     */
    public static TrustedProxies parse(List<String> entries) {
        boolean any = false;
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            for (String raw : entry.split(",")) {
                String e = raw.strip();
                if (e.isEmpty()) continue;
                if (e.equals("*")) {
                    any = true;
                    continue;
                }
                int slash = e.indexOf('/');
                byte[] addr = literal(slash < 0 ? e : e.substring(0, slash));
                if (addr == null) throw new IllegalArgumentException("forwarded-allow-ips: not an IP address or CIDR: " + e);
                int bits = addr.length * 8;
                if (slash >= 0) {
                    try {
                        bits = Integer.parseInt(e.substring(slash + 1));
                    } catch (NumberFormatException x) {
                        bits = -1;
                    }
                    if (bits < 0 || bits > addr.length * 8) {
                        throw new IllegalArgumentException("forwarded-allow-ips: bad prefix length in " + e);
                    }
                }
                ranges.add(new Range(addr, bits));
            }
        }
        return new TrustedProxies(any, List.copyOf(ranges));
    }

    /** Whether headers from this peer are believed. */
    public boolean trusts(InetSocketAddress peer) {
        return peer != null && trusts(peer.getAddress());
    }

    boolean trusts(InetAddress address) {
        if (any) return true;
        if (address == null) return false;
        byte[] a = address.getAddress();
        for (Range r : ranges) if (r.contains(a)) return true;
        return false;
    }

    /**
     * The bytes of an IPv4 or IPv6 literal, or {@code null} if {@code s} is anything else. The pattern
     * check comes first so that {@link InetAddress#getByName} never sees a host name (no DNS lookup).
     */
    static byte[] literal(String s) {
        InetAddress a = address(s);
        return a == null ? null : a.getAddress();
    }

    static InetAddress address(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) return null;
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) return null;
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
