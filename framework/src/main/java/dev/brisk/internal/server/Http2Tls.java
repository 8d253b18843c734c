package dev.brisk.internal.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/2 over TLS: ALPN offers {@code h2} and {@code http/1.1}, and the pipeline is chosen once the
 * handshake says which the client picked. {@link TlsContext} puts the protocol list into the server's
 * context ({@link #alpn}); {@link HttpServer} adds {@link #negotiation} right after the TLS handler and
 * the idle timer, before the HTTP/1 stack (request guard, codec, connection handler), which it builds
 * as for any connection.
 *
 * <p>After the handshake, {@code http/1.1} (or a client without ALPN) keeps the HTTP/1 stack as it is;
 * {@code h2} replaces everything after the negotiation handler by the HTTP/2 handlers of
 * {@link Http2Setup}, so both protocols reach the same dispatcher, lanes and middleware. TLS has no
 * h2c: neither the prior-knowledge check nor the {@code Upgrade: h2c} handler is installed under TLS.
 * Files are sent in chunks under TLS either way (a region cannot be encrypted), see {@code BodyStreams}.
 */
final class Http2Tls {
    private static final Logger log = LoggerFactory.getLogger("brisk.tls");
    static final String NEGOTIATE = "alpn";

    private Http2Tls() {}

    /** The protocols to offer by ALPN, most preferred first: {@code h2} when HTTP/2 is on, then {@code http/1.1}. */
    static List<String> protocols(boolean http2) {
        return http2 ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
                : List.of(ApplicationProtocolNames.HTTP_1_1);
    }

    /** Adds ALPN to a server context: {@code h2} first when HTTP/2 is on, then {@code http/1.1}. */
    static SslContextBuilder alpn(SslContextBuilder builder, boolean http2) {
        return builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                ApplicationProtocolConfig.Protocol.ALPN,
                // the two behaviours both the JDK and the OpenSSL provider support: a client offering
                // neither protocol gets no ALPN answer and is served HTTP/1.1
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                protocols(http2)));
    }

    /**
     * The handler that picks the pipeline after the TLS handshake; it holds the connection's reads
     * until then. Failures stay what they were without it: a failed handshake is one DEBUG line (the
     * TLS handler closes the connection), other errors go on to the connection handler.
     */
    static ChannelHandler negotiation(ServerContext server) {
        return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) Http2Setup.switchToHttp2(ctx, server);
                // http/1.1: the HTTP/1 stack after this handler stays as it is
            }

            @Override
            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                log.debug("{}: TLS handshake failed: {}", ctx.channel().remoteAddress(), cause.toString());
                ctx.close();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.fireExceptionCaught(cause);
            }
        };
    }
}
