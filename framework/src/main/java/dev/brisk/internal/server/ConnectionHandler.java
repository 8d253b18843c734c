package dev.brisk.internal.server;

import dev.brisk.Response;
import dev.brisk.StreamingBody;
import dev.brisk.internal.dispatch.Dispatcher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.1 connection: reads requests (bodies copied out of Netty buffers at once, so nothing
 * reference-counted escapes this class), enforces the size limits, hands each request to the
 * dispatcher, and writes answers strictly in request order (pipelining), whatever order the lanes
 * finish in. Flushes are batched: answers produced while a read batch is being processed are
 * flushed once in {@link #channelReadComplete}.
 */
final class ConnectionHandler extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger("brisk.server");

    private final ServerContext server;
    private final Dispatcher dispatcher;
    private ChannelHandlerContext ctx;
    private NettyLoop loop;
    private ConnectionPeer peer;
    // A client pipelining without reading: each waiting request holds an exchange. Netty's HttpServerCodec drew
    // the same line at the same depth before Brisk's codec replaced it.
    static final int MAX_PIPELINED = 128;
    private ChannelHandlerContext codec;  // HTTP/1 with Brisk's codec: full answers go out as ready bytes from here
    private Http1Codec.Encoder encoder;
    private RequestGuard guard;   // HTTP/1: the pipeline's front stage (head deadline, raw head scan); null on HTTP/2
    private volatile boolean open = true;
    private boolean http2; // this is one HTTP/2 stream (a child channel), see Http2Setup

    private final ArrayDeque<NettyExchange> pending = new ArrayDeque<>(4);
    private HttpRequest current;
    private BodyBuffer body;           // the current request's body while it arrives
    private boolean discarding;   // after a rejection: ignore the rest of the input
    private boolean reading;
    private boolean needsFlush;
    private BodyStreams streaming;     // a body being streamed: later answers wait for it
    private boolean keepAfterStream;

    ConnectionHandler(ServerContext server) {
        this.server = server;
        this.dispatcher = server.dispatcher();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        this.loop = server.loopOf(context.channel().eventLoop());
        this.http2 = context.channel() instanceof io.netty.handler.codec.http2.Http2StreamChannel;
        this.peer = new ConnectionPeer(server, context.channel().remoteAddress(), context.channel().localAddress());
        if (guard == null && !http2) guard = context.pipeline().get(RequestGuard.class);
        this.codec = http2 ? null : context.pipeline().context(Http1Codec.Encoder.class);
        this.encoder = codec == null ? null : (Http1Codec.Encoder) codec.handler();
    }

    /** Set by {@link RequestGuard#install} when the guard joins the pipeline after this handler. */
    void guard(RequestGuard g) {
        this.guard = g;
    }

    ForwardedHeaders.Resolved resolve(io.netty.handler.codec.http.HttpHeaders headers) {
        return peer.resolve(headers);
    }

    String rootPath() {
        return server.config().deployment().rootPath();
    }

    ServerContext server() {
        return server;
    }

    NettyLoop loop() {
        return loop;
    }

    boolean http2() {
        return http2;
    }

    InetSocketAddress remoteAddress() {
        return peer.remote;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        reading = true;
        try {
            // the guard's part of the head checks, here rather than in a pipeline stage of its own (a hop per read)
            RequestGuard.Refused scanned = null;
            if (guard != null) {
                if (msg instanceof HttpRequest) scanned = guard.headDone();
                if (msg instanceof LastHttpContent) guard.awaitHead();
            }
            if (discarding) return;
            if (msg instanceof HttpRequest req) {
                onRequest(req, scanned);
            }
            if (msg instanceof HttpContent content && current != null) {
                onContent(content);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(HttpRequest req, RequestGuard.Refused scanned) {
        RequestGuard.Refused refused = HeadRules.refusal(req, guard != null, scanned, server.config());
        if (refused == null && pending.size() >= MAX_PIPELINED) {
            refused = new RequestGuard.Refused(503, "more than " + MAX_PIPELINED + " requests pipelined without reading an answer");
        }
        if (refused != null) {
            reject(req, refused.status, refused.getMessage());
            return;
        }
        if (HttpUtil.is100ContinueExpected(req)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        current = req;
        body = null;
    }

    private void onContent(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // a bad chunk size or a broken chunked body: the request cannot be trusted, whatever was read
            HttpRequest req = current;
            current = null;
            Throwable cause = content.decoderResult().cause();
            reject(req, cause instanceof TooLongFrameException ? 413 : 400, String.valueOf(cause));
            return;
        }
        ByteBuf buf = content.content();
        int n = buf.readableBytes();
        if (n > 0) {
            long size = body == null ? 0 : body.size();
            if (size + n > server.config().maxBodySize()) {
                HttpRequest req = current;
                current = null;
                reject(req, 413, "body over the limit of " + server.config().maxBodySize() + " bytes");
                return;
            }
            if (body == null) body = new BodyBuffer(server.config().spillThreshold());
            try {
                body.append(buf);
            } catch (IOException e) {
                log.warn("{}: cannot write a large request body to a temporary file: {}", client(), e.toString());
                HttpRequest req = current;
                current = null;
                reject(req, 500, "temporary file: " + e);
                return;
            }
        }
        if (content instanceof LastHttpContent) {
            HttpRequest req = current;
            current = null;
            BodyBuffer.Body received;
            try {
                received = body == null ? BodyBuffer.Body.EMPTY : body.finish();
            } catch (IOException e) {
                log.warn("{}: cannot finish a request body's temporary file: {}", client(), e.toString());
                reject(req, 500, "temporary file: " + e);
                return;
            } finally {
                body = null;
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req) && !server.shuttingDown();
            NettyExchange ex = new NettyExchange(this, req, received, keepAlive);
            pending.addLast(ex);
            if (WebSocketUpgrade.offer(server, this, ctx, ex, req)) return; // issue 13: upgrades go to the socket layer
            dispatcher.handle(ex);
        }
    }

    // ---- WebSocket upgrade hooks (issue 13): the upgrade owns the connection from here

    /** Ignore further input: the next bytes belong to the socket (or nothing, after a refusal). */
    void holdInput() {
        discarding = true;
    }

    boolean onlyPending(NettyExchange ex) {
        return pending.size() == 1 && pending.peekFirst() == ex && streaming == null;
    }

    /** The upgrade was accepted: its request leaves the HTTP queue (this handler is about to be replaced). */
    void upgraded(NettyExchange ex) {
        pending.remove(ex);
        ex.body.delete();
        open = false;
    }

    String client() {
        return peer.client();
    }

    /** Answers a request the server refuses (bad, too large) and closes the connection after it. */
    private void reject(HttpRequest req, int status, String why) {
        log.debug("{}: answering {} and closing: {}", client(), status, why);
        discarding = true;
        current = null;
        if (body != null) body.discard();
        body = null;
        NettyExchange ex = new NettyExchange(this, req, BodyBuffer.Body.EMPTY, false);
        ex.closeAfter = true;
        pending.addLast(ex);
        // A 413 comes from a well-formed head: it goes through the app's middleware like any answer (a
        // browser needs its CORS headers to read it). A head that did not parse never reaches the app.
        if (status == 413 && req.decoderResult().isSuccess()) dispatcher.reject(ex, status);
        else respond(ex, dispatcher.errorResponse(status));
    }

    /** From any thread; writes happen on the loop, in request order. */
    void respond(NettyExchange ex, Response r) {
        if (loop.inLoop()) {
            write(ex, r);
        } else {
            loop.execute(() -> write(ex, r));
        }
    }

    private void write(NettyExchange ex, Response r) {
        if (ex.response != null || !open) return;
        ex.response = r;
        drain();
    }

    /** Writes every answered exchange at the head of the queue, in order, stopping at a stream. */
    private void drain() {
        NettyExchange head;
        while (streaming == null && open && (head = pending.peekFirst()) != null && head.response != null) {
            pending.pollFirst();
            head.body.delete(); // the handler is done with it: a spilled body's file goes now
            boolean keepAlive = head.keepAlive && !head.closeAfter && !server.shuttingDown();
            boolean isHead = "HEAD".equals(head.method);
            boolean http10 = head.protocol.equals("HTTP/1.0");
            Response r = head.response;
            if (server.config().accessLog() && AccessLog.enabled()) {
                AccessLog.log(server.config().accessLogJson(), peer.clientLabel(head), head, r);
            }
            if (r.streaming() != null) {
                startStream(head, r, keepAlive, isHead, http10);
                continue;
            }
            if (codec != null && AnswerBytes.fits(r, keepAlive, http10) && !codec.isRemoved()) {
                ChannelFuture last = AnswerBytes.write(codec, r, isHead, keepAlive, http10, server.encoder().server());
                if (last != null) {
                    closeWhenWritten(last);
                    return;
                }
                needsFlush = true;
                continue;
            }
            FullHttpResponse res = server.encoder().encode(r, isHead, keepAlive, http10);
            if (encoder != null) encoder.nextAnswersHead(isHead);   // Brisk's codec has no queue of request methods
            if (!keepAlive) {
                closeWhenWritten(ctx.writeAndFlush(res));
                return;
            }
            ctx.write(res, ctx.voidPromise());
            needsFlush = true;
        }
        if (needsFlush && !reading) {
            needsFlush = false;
            ctx.flush();
        }
    }

    private void startStream(NettyExchange ex, Response r, boolean keepAlive, boolean isHead, boolean http10) {
        StreamingBody body = r.streaming();
        long length = body instanceof StreamingBody.FileBody f ? f.length() : -1;
        boolean keep = keepAlive && (length >= 0 || !http10); // HTTP/1.0 has no chunking: the close ends the body
        if (encoder != null) encoder.nextAnswersHead(isHead);   // Brisk's codec has no queue of request methods
        ctx.write(server.encoder().encodeHead(r, keep, http10, length), ctx.voidPromise());
        if (isHead) {
            BodyStreams.discard(body, dispatcher.workerExecutor());
            var done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keep) closeWhenWritten(done);
            return;
        }
        needsFlush = false;
        ctx.flush();
        keepAfterStream = keep;
        streaming = BodyStreams.start(body, this, ctx, dispatcher.workerExecutor(), ex.method + " " + ex.uri);
    }

    /** On the loop, once per stream: continue with the next answers, or close. */
    void streamFinished(BodyStreams stream, boolean ok) {
        if (streaming != stream) return;
        streaming = null;
        if (!ok || !keepAfterStream) {
            if (open) closeWhenWritten(ctx.writeAndFlush(Unpooled.EMPTY_BUFFER));
            return;
        }
        drain();
    }

    private void closeWhenWritten(ChannelFuture last) {
        open = false;
        last.addListener(http2 ? Http2Setup.END_STREAM : ChannelFutureListener.CLOSE);
        abortAll();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        reading = false;
        if (needsFlush) {
            needsFlush = false;
            context.flush();
        }
        context.fireChannelReadComplete();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object evt) {
        if (evt instanceof IdleStateEvent && pending.isEmpty() && streaming == null && !stillSending(context)) {
            open = false;
            context.close();
            return;
        }
        context.fireUserEventTriggered(evt);
    }

    /** Whether a written answer is still leaving (a slow reader of a large body is not idle). */
    private static boolean stillSending(ChannelHandlerContext context) {
        var out = context.channel().unsafe().outboundBuffer();
        return out != null && out.totalPendingWriteBytes() > 0;
    }

    /** Called on the loop when the server shuts down: close now if idle, else after the last answer. */
    void closeIfIdle() {
        if (pending.isEmpty() && current == null && streaming == null) {
            open = false;
            ctx.close();
        }
    }

    boolean idle() {
        return pending.isEmpty() && streaming == null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        open = false;
        BodyStreams s = streaming;
        streaming = null;
        if (s != null) s.cancel();
        abortAll();
        if (body != null) body.discard(); // a body cut off mid-upload
        body = null;
        context.fireChannelInactive();
    }

    private void abortAll() {
        NettyExchange ex;
        while ((ex = pending.pollFirst()) != null) {
            if (ex.response == null) ex.abort();
            ex.body.delete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) {
        if (streaming != null) streaming.writabilityChanged();
        context.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        // Connection resets and the like: one line at DEBUG, never a stack at WARN.
        log.debug("{}: connection error: {}", client(), cause.toString());
        open = false;
        context.close();
    }
}
