package dev.brisk.internal.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Who the client really is behind trusted proxies: the client address, scheme and host from RFC 7239
 * {@code Forwarded} or, without it, {@code X-Forwarded-For/-Proto/-Host}, believed only when the TCP
 * peer is in {@link TrustedProxies} (uvicorn's {@code --proxy-headers} with {@code --forwarded-allow-ips}).
 *
 * <p>As uvicorn does, the hop list is read from the right (the nearest proxy) leftwards, skipping
 * trusted proxies; the first untrusted hop is the client, and the scheme and host are taken from that
 * same hop. If every hop is trusted, the leftmost is the client. Values that are not an IP literal, a
 * known scheme or a well-formed host are ignored (the connection's own value stays), so nothing a
 * client forged reaches a log, a URL or a redirect unchecked. Pure logic over a header lookup: no
 * Netty types, so the lead's request pipeline can call it wherever the request head is.
 */
public final class ForwardedHeaders {
    /** The resolved view of one request. */
    public record Resolved(InetSocketAddress client, String scheme, String host) {}

    private static final int MAX_HOPS = 32;
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]{2,45}]|[A-Za-z0-9.-]{1,253})(:\\d{1,5})?");

    private ForwardedHeaders() {}

    /**
     * Resolves a request's client, scheme and host.
     *
     * @param headers all values of a header by lower-case name
     * @param peer the TCP peer ({@code null} on a non-IP channel)
     * @param tls whether the connection itself is TLS
     * @param trust the trusted proxies, or {@code null} when proxy headers are off
     */
    public static Resolved resolve(Function<String, List<String>> headers, InetSocketAddress peer, boolean tls,
                                   TrustedProxies trust) {
        String scheme = tls ? "https" : "http";
        String host = validHost(first(headers.apply("host")));
        if (trust == null || !trust.trusts(peer)) return new Resolved(peer, scheme, host);
        List<String> forwarded = headers.apply("forwarded");
        List<Hop> hops = forwarded.isEmpty() ? xForwarded(headers) : rfc7239(forwarded);
        Hop chosen = null;
        InetSocketAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Hop h = hops.get(i);
            InetSocketAddress a = node(h.forNode);
            if (a == null) {
                // no 'for', "unknown" or obfuscated: the hop was still written by a trusted proxy, so its
                // proto/host hold, but the client behind it stays unknown and nothing further left is believed
                chosen = h;
                break;
            }
            chosen = h;
            client = a;
            if (!trust.trusts(a.getAddress())) break;
        }
        if (chosen != null) {
            String p = validScheme(chosen.proto);
            if (p != null) scheme = p;
            String hh = validHost(chosen.host);
            if (hh != null) host = hh;
        }
        return new Resolved(client, scheme, host);
    }

    private record Hop(String forNode, String proto, String host) {}

    private static List<Hop> xForwarded(Function<String, List<String>> headers) {
        List<String> fors = split(headers.apply("x-forwarded-for"));
        List<String> protos = split(headers.apply("x-forwarded-proto"));
        List<String> hosts = split(headers.apply("x-forwarded-host"));
        int n = Math.max(1, fors.size());
        List<Hop> hops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            // a proxy that appends sets one value per hop; one that overwrites leaves a single value for all
            hops.add(new Hop(i < fors.size() ? fors.get(i) : null, pick(protos, i, n), pick(hosts, i, n)));
        }
        return hops;
    }

    private static String pick(List<String> values, int i, int n) {
        if (values.isEmpty()) return null;
        return values.size() == n ? values.get(i) : values.get(0);
    }

    private static List<String> split(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String part : v.split(",")) {
                String p = part.strip();
                if (!p.isEmpty() && out.size() < MAX_HOPS) out.add(p);
            }
        }
        return out;
    }

    /** RFC 7239: elements separated by commas, pairs by semicolons, values tokens or quoted strings. */
    private static List<Hop> rfc7239(List<String> values) {
        List<Hop> hops = new ArrayList<>();
        for (String v : values) {
            String forNode = null, proto = null, host = null;
            StringBuilder key = new StringBuilder(), val = new StringBuilder();
            boolean inValue = false, quoted = false;
            for (int i = 0; i <= v.length() && hops.size() < MAX_HOPS; i++) {
                char c = i < v.length() ? v.charAt(i) : ',';
                if (quoted) {
                    if (c == '\\' && i + 1 < v.length()) val.append(v.charAt(++i));
                    else if (c == '"') quoted = false;
                    else val.append(c);
                } else if (c == '"' && inValue) {
                    quoted = true;
                } else if (c == '=' && !inValue) {
                    inValue = true;
                } else if (c == ';' || c == ',') {
                    String k = key.toString().strip().toLowerCase(Locale.ROOT);
                    String value = val.toString().strip();
                    switch (k) {
                        case "for" -> forNode = value;
                        case "proto" -> proto = value;
                        case "host" -> host = value;
                        default -> { }
                    }
                    key.setLength(0);
                    val.setLength(0);
                    inValue = false;
                    if (c == ',') {
                        if (forNode != null || proto != null || host != null) hops.add(new Hop(forNode, proto, host));
                        forNode = proto = host = null;
                    }
                } else if (inValue) {
                    val.append(c);
                } else {
                    key.append(c);
                }
            }
        }
        return hops;
    }

    /** An IP node ({@code 1.2.3.4}, {@code 1.2.3.4:80}, {@code [::1]}, {@code [::1]:80}, bare IPv6), else {@code null}. */
    static InetSocketAddress node(String s) {
        if (s == null || s.isEmpty()) return null;
        String addr = s;
        int port = 0;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) return null;
            addr = s.substring(1, end);
            String rest = s.substring(end + 1);
            if (rest.startsWith(":")) port = port(rest.substring(1));
            else if (!rest.isEmpty()) return null;
        } else if (s.indexOf(':') == s.lastIndexOf(':') && s.indexOf(':') > 0) {
            addr = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1));
        }
        if (port < 0) return null;
        InetAddress a = TrustedProxies.address(addr);
        return a == null ? null : new InetSocketAddress(a, port);
    }

    private static int port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) return -1; // "_obf" ports too
        int p = Integer.parseInt(s);
        return p > 65535 ? -1 : p;
    }

    private static String validScheme(String s) {
        if (s == null) return null;
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> null;
        };
    }

    private static String validHost(String s) {
        return s != null && HOST.matcher(s).matches() ? s : null;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
