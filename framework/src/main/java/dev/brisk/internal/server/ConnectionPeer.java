package dev.brisk.internal.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Who is at each end of one connection, for logs, URLs and proxy headers. Strings are made when first
 * asked for: every HTTP/2 stream gets a connection handler of its own, and formatting two addresses per
 * stream showed in h2c profiles while nothing read them.
 */
final class ConnectionPeer {
    private final ServerContext server;
    final InetSocketAddress remote;   // null on a Unix-domain, in-process or embedded channel
    private final boolean proxied;    // the peer is a trusted proxy: its X-Forwarded-*/Forwarded headers count
    private final SocketAddress localAddress; // what this connection reached, for URLs when Host is missing
    private String client;            // "ip:port" of the peer for logs

    ConnectionPeer(ServerContext server, SocketAddress remote, SocketAddress local) {
        this.server = server;
        this.remote = remote instanceof InetSocketAddress a ? a : null;
        this.proxied = server.proxies() != null && server.proxies().trusts(this.remote);
        this.localAddress = local;
    }

    String client() {
        String c = client;
        if (c == null) client = c = remote == null ? "-" : remote.getAddress().getHostAddress() + ":" + remote.getPort();
        return c;
    }

    /** The client, scheme and host of a request on this connection: proxy headers only from a trusted peer. */
    ForwardedHeaders.Resolved resolve(io.netty.handler.codec.http.HttpHeaders headers) {
        ForwardedHeaders.Resolved r = ForwardedHeaders.resolve(headers::getAll, remote, server.tls(),
                proxied ? server.proxies() : null);
        return r.host() == null ? new ForwardedHeaders.Resolved(r.client(), r.scheme(), local()) : r;
    }

    /** For the access log: the resolved client when behind a trusted proxy, else the peer. */
    String clientLabel(NettyExchange ex) {
        if (!proxied) return client();
        InetSocketAddress c = ex.client();
        return c == null ? client() : c.getAddress().getHostAddress() + ":" + c.getPort();
    }

    private String local() {
        return localAddress instanceof InetSocketAddress a ? hostPort(a) : server.config().host();
    }

    private static String hostPort(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
