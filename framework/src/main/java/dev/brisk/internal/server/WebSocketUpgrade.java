package dev.brisk.internal.server;

import dev.brisk.Response;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketOptions;
import dev.brisk.internal.dispatch.WebSocketDispatch;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionUtil;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One upgrade request, from the moment {@link ConnectionHandler} recognises it until the endpoint
 * accepts (101, the pipeline switches to frames) or refuses (an HTTP answer, then close). The
 * handshake is delayed until the endpoint's {@code accept()}, so an endpoint can still refuse with 403
 * (FastAPI's close-before-accept); meanwhile the connection reads nothing more.
 */
final class WebSocketUpgrade {
    final ServerContext server;
    private final ConnectionHandler connection;
    private final ChannelHandlerContext ctx;
    private final NettyExchange exchange;
    private final HttpRequest request;

    private WebSocketUpgrade(ServerContext server, ConnectionHandler connection, ChannelHandlerContext ctx,
                             NettyExchange exchange, HttpRequest request) {
        this.server = server;
        this.connection = connection;
        this.ctx = ctx;
        this.exchange = exchange;
        this.request = request;
    }

    /** Whether this is a WebSocket upgrade; if so it is handled here (the dispatcher never sees it). */
    static boolean offer(ServerContext server, ConnectionHandler connection, ChannelHandlerContext ctx,
                         NettyExchange ex, HttpRequest req) {
        WebSocketDispatch sockets = server.webSockets();
        if (sockets == null || !tokenIn(req.headers().get(HttpHeaderNames.UPGRADE), "websocket")) return false;
        connection.holdInput();
        ctx.channel().config().setAutoRead(false);
        WebSocketUpgrade u = new WebSocketUpgrade(server, connection, ctx, ex, req);
        WebSocketDispatch.Target target = sockets.match(req.uri());
        Response refusal = u.check(target);
        if (refusal != null) {
            u.refuse(refusal);
            return true;
        }
        WebSocketSession s = new WebSocketSession(u, connection.loop(), server.config().webSockets(), server.config().json(),
                target.endpoint().label());
        server.socketStarted();
        ex.onAbort(() -> s.ended(new WebSocketDisconnect(1006, "client left before accept")));
        sockets.start(ex, target, s);
        return true;
    }

    /** The HTTP answer for a handshake that cannot go on, or {@code null}. */
    private Response check(WebSocketDispatch.Target target) {
        HttpHeaders h = request.headers();
        if (!request.method().name().equals("GET")) return WebSocketDispatch.detail(400, "WebSocket upgrade needs GET");
        if (target == null) return WebSocketDispatch.detail(404, "Not Found");
        if (!connection.onlyPending(exchange)) return WebSocketDispatch.detail(400, "WebSocket upgrade behind pipelined requests");
        if (!"13".equals(h.get("sec-websocket-version"))) {
            return WebSocketDispatch.detail(426, "Unsupported WebSocket version").withHeader("sec-websocket-version", "13");
        }
        if (!validKey(h.get("sec-websocket-key"))) return WebSocketDispatch.detail(400, "Missing or invalid Sec-WebSocket-Key");
        if (!tokenIn(h.get("connection"), "upgrade")) return WebSocketDispatch.detail(400, "Connection header lacks Upgrade");
        List<String> origins = server.config().webSockets().allowedOrigins();
        String origin = h.get("origin");
        if (origin != null && !origins.isEmpty() && !origins.contains(origin)) {
            return WebSocketDispatch.detail(403, "Origin not allowed");
        }
        return null;
    }

    List<String> offeredSubprotocols() {
        List<String> out = new ArrayList<>();
        for (String v : request.headers().getAll("sec-websocket-protocol")) {
            for (String p : v.split(",")) if (!p.isBlank()) out.add(p.trim());
        }
        return out;
    }

    Channel channel() {
        return ctx.channel();
    }

    /** On the loop: answers the upgrade request over HTTP and closes after it. */
    void refuse(Response r) {
        exchange.closeAfter = true;
        connection.respond(exchange, r);
    }

    /** On the loop: writes the 101 and switches the pipeline from HTTP to frames. */
    void handshake(WebSocketSession session, String subprotocol, CompletableFuture<Void> done) {
        Channel ch = ctx.channel();
        if (!ch.isActive()) {
            done.completeExceptionally(new WebSocketDisconnect(1006, "client left before accept"));
            return;
        }
        if (server.shuttingDown()) {
            done.completeExceptionally(new WebSocketDisconnect(1001, "server shutting down"));
            refuse(WebSocketDispatch.detail(503, "Server shutting down"));
            session.ended(new WebSocketDisconnect(1001, "server shutting down"));
            return;
        }
        connection.upgraded(exchange);
        WebSocketOptions o = server.config().webSockets();
        HttpHeaders extra = new DefaultHttpHeaders();
        WebSocketServerExtension deflate = o.compression() ? negotiateDeflate(o) : null;
        ChannelPipeline p = ch.pipeline();
        WebSocketFrames frames = new WebSocketFrames(session);
        p.replace(ConnectionHandler.class, "ws", frames);
        if (p.get("idle") != null) p.remove("idle"); // the socket's own ping and idle timers replace HTTP's
        // The rest of the HTTP/1 stack goes too (the handshaker removes only the codec): left in place, the
        // head guard scanned every frame's bytes as if they were a request head and, its deadline armed by
        // the first frame, closed the socket headTimeout (30 s) later; the h2c upgrade handler inspected every frame.
        RequestGuard.uninstall(p);
        if (p.get(Http2Setup.UPGRADE) != null) p.remove(Http2Setup.UPGRADE);
        if (deflate != null) {
            extra.add("sec-websocket-extensions", header(deflate.newReponseData()));
            p.addBefore("ws", "ws-inflate", deflate.newExtensionDecoder());
            p.addBefore("ws", "ws-deflate", deflate.newExtensionEncoder());
        }
        p.addBefore("ws", "ws-utf8", new Utf8FrameValidator(false));
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(o.maxMessageSize()).expectMaskedFrames(true).allowMaskMismatch(false)
                .allowExtensions(deflate != null).closeOnProtocolViolation(false).withUTF8Validator(true).build();
        // Netty's handshaker finds the HTTP codec by type (HttpServerCodec, or a separate HttpRequestDecoder),
        // and Brisk's combined one is neither: a fresh HttpServerCodec stands in for it. Its queue is empty and
        // a 101 takes nothing from it; the handshaker removes it after the 101, as it removed the old codec.
        if (p.get(Http1Codec.class) != null) p.replace(Http1Codec.class, "codec", new HttpServerCodec());
        var handshaker = new WebSocketServerHandshaker13(request.uri(), subprotocol, decoder);
        var full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
        handshaker.handshake(ch, full, extra, ch.newPromise()).addListener(f -> {
            if (!f.isSuccess()) {
                done.completeExceptionally(new WebSocketDisconnect(1006, "handshake failed: " + f.cause()));
                ch.close();
                return;
            }
            session.opened(frames);
            if (server.config().accessLog() && AccessLog.enabled()) {
                AccessLog.log(connection.client(), "WS", request.uri(), request.protocolVersion().text(), 101, "accepted");
            }
            ch.config().setAutoRead(true);
            ch.read();
            done.complete(null);
        });
    }

    private WebSocketServerExtension negotiateDeflate(WebSocketOptions o) {
        String offered = request.headers().get("sec-websocket-extensions");
        if (offered == null) return null;
        // window bits and context takeover as the client asks; inflated frames capped at the message limit
        var handshaker = new PerMessageDeflateServerExtensionHandshaker(6, false, 15, false, false, o.maxMessageSize());
        for (WebSocketExtensionData d : WebSocketExtensionUtil.extractExtensions(offered)) {
            WebSocketServerExtension e = handshaker.handshakeExtension(d);
            if (e != null) return e;
        }
        return null;
    }

    private static String header(WebSocketExtensionData d) {
        StringBuilder sb = new StringBuilder(d.name());
        for (Map.Entry<String, String> e : d.parameters().entrySet()) {
            sb.append("; ").append(e.getKey());
            if (e.getValue() != null) sb.append('=').append(e.getValue());
        }
        return sb.toString();
    }

    private static boolean validKey(String key) {
        if (key == null) return false;
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean tokenIn(String header, String token) {
        if (header == null) return false;
        for (String t : header.split(",")) if (t.trim().toLowerCase(Locale.ROOT).equals(token)) return true;
        return false;
    }
}
