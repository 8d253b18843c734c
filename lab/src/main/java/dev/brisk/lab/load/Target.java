package dev.brisk.lab.load;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * One parsed {@code http://} URL to load: where to connect and what to put on the request line.
 *
 * @param url          the URL as given
 * @param host         host to connect to (IPv6 literals without brackets)
 * @param port         TCP port (80 when absent)
 * @param pathAndQuery request target, already percent-encoded, never empty
 * @param hostHeader   value of the {@code Host} header
 */
public record Target(String url, String host, int port, String pathAndQuery, String hostHeader) {

    /**
     * Parses an {@code http://host[:port][/path][?query]} URL.
     *
     * @throws IllegalArgumentException with a one-line message for anything else
     */
    public static Target parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty URL");
        }
        if (!url.contains("://")) {
            throw new IllegalArgumentException("URL must start with http:// : '" + url + "'");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
            uri = new URI(uri.toASCIIString()); // percent-encode any non-ASCII characters
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if ("https".equals(scheme)) {
            throw new IllegalArgumentException("https is not supported, only http: '" + url + "'");
        }
        if (!"http".equals(scheme)) {
            throw new IllegalArgumentException("URL must start with http:// : '" + url + "'");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("URL has no host: '" + url + "'");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("URL port out of range: '" + url + "'");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String hostHeader = uri.getPort() == -1 ? host : host + ":" + port;
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new Target(url, bareHost, port, target, hostHeader);
    }

    /** {@code host:port}, the key that groups targets sharing connections. */
    public String endpoint() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
