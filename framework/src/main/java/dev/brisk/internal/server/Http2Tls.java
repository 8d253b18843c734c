package dev.brisk.internal.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContextBuilder;
import java.util.List;

/**
 * HTTP/2 over TLS: ALPN offers {@code h2} and {@code http/1.1}, and the pipeline is chosen once the
 * handshake says which the client picked. The seam for the TLS set-up:
 *
 * <pre>{@code
 * SslContext ssl = Http2Tls.alpn(SslContextBuilder.forServer(keyManagers), config.http2()).build();
 * //   (or a builder that takes the protocol list: Http2Tls.protocols(config.http2()))
 * // in the channel initializer, instead of Http2Setup.addCleartext (TLS has no h2c):
 * pipeline.addLast("tls", ssl.newHandler(ch.alloc()))
 *         .addLast("idle", ...).addLast("codec", ...).addLast("brisk", ...);   // the HTTP/1 stack, as today
 * if (config.http2()) pipeline.addBefore("codec", Http2Tls.NEGOTIATE, Http2Tls.negotiation(context));
 * }</pre>
 *
 * <p>The negotiation handler goes right before the HTTP/1 codec (after TLS and the idle timer, which
 * both stay for HTTP/2). After the handshake, {@code http/1.1} (or a client without ALPN) keeps the HTTP/1 stack; {@code h2}
 * replaces everything after the negotiation handler by the HTTP/2 handlers of {@link Http2Setup}.
 * Files are sent in chunks under TLS either way (a region cannot be encrypted), see {@code BodyStreams}.
 */
final class Http2Tls {
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
                // both JDK and OpenSSL providers support these two behaviours
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                protocols(http2)));
    }

    /** The handler that picks the pipeline after the TLS handshake (add it right after the SslHandler). */
    static ChannelHandler negotiation(ServerContext server) {
        return new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) Http2Setup.switchToHttp2(ctx, server);
                // http/1.1: the HTTP/1 stack after this handler stays as it is
            }
        };
    }
}
