package dev.brisk.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ceiling of Brisk's own stack: the benchmark routes of the seed contract on bare
 * Netty 4.2, written the way TechEmpower's netty entry is tuned, so that the distance
 * between it and Brisk is what the framework costs.
 *
 * <ul>
 *   <li>native transport (io_uring, else epoll, else NIO; {@code --transport} forces one),
 *       {@code --loops} event-loop threads (default 1);
 *   <li>{@link HttpServerCodec} and one handler, nothing else: no aggregator, no
 *       keep-alive handler; header validation off;
 *   <li>pre-encoded {@link AsciiString} header names and values, a Date header rebuilt
 *       once a second, a static heap body for /plaintext;
 *   <li>writes with the void promise, one flush per read batch in
 *       {@code channelReadComplete};
 *   <li>JSON with Jackson 3 (as Brisk does);
 *   <li>/sync-test/{id} sleeps on a virtual thread per request and is answered back on
 *       the connection's event loop;
 *   <li>with {@code --static-dir DIR}, /static/{name} sends DIR/name as one
 *       {@link DefaultFileRegion} (sendfile), the ceiling for Brisk's static files.
 * </ul>
 *
 * <p>Not a general server: no pipelining guarantee for the blocking route (a response
 * may overtake an earlier one on the same connection), no request bodies.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.brisk.bench.RawNettyServer --port 8080
 * [--host 127.0.0.1] [--loops 1] [--transport auto|io_uring|epoll|nio] [--sleep-seconds 0.1]
 * [--static-dir DIR]}
 */
public final class RawNettyServer {

    private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain; charset=utf-8");
    private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");
    private static final AsciiString SERVER_NAME = AsciiString.cached("raw-netty");
    private static final AsciiString OCTET_STREAM = AsciiString.cached("application/octet-stream");
    private static final byte[] PLAINTEXT = "Hello, World!".getBytes(StandardCharsets.US_ASCII);
    private static final AsciiString PLAINTEXT_LENGTH = AsciiString.cached(Integer.toString(PLAINTEXT.length));
    private static final byte[] NOT_FOUND = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.US_ASCII);

    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectWriter MESSAGE_WRITER = MAPPER.writerFor(Message.class);
    private static final ObjectWriter ITEM_WRITER = MAPPER.writerFor(Item.class);
    private static final ObjectWriter USER_WRITER = MAPPER.writerFor(UserStatus.class);
    private static final ObjectWriter ERROR_WRITER = MAPPER.writerFor(ValidationError.class);

    /** Rebuilt once a second by a task on the event loop group; read by every response. */
    private static volatile AsciiString date = formatDate();

    record Message(String message) {}

    record Item(int item_id, String q, int limit) {}

    record UserStatus(String user, String status) {}

    /** FastAPI 0.92 / pydantic 1's 422 body, as the FastAPI peer answers it. */
    record ValidationError(java.util.List<Detail> detail) {
        record Detail(java.util.List<String> loc, String msg, String type) {}

        static ValidationError notAnInteger(String where, String name) {
            return new ValidationError(java.util.List.of(new Detail(
                    java.util.List.of(where, name), "value is not a valid integer", "type_error.integer")));
        }
    }

    private RawNettyServer() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        String host = args.string("host", "127.0.0.1");
        int port = args.integer("port", 8080);
        int loops = args.integer("loops", 1);
        long sleepMillis = args.millis("sleep-seconds", 0.1);
        String transport = args.string("transport", "auto");
        String staticDir = args.string("static-dir", null);

        IoHandlerFactory ioFactory;
        Class<? extends ServerChannel> channelClass;
        if ((transport.equals("auto") && IoUring.isAvailable()) || transport.equals("io_uring")) {
            ioFactory = IoUringIoHandler.newFactory();
            channelClass = IoUringServerSocketChannel.class;
            transport = "io_uring";
        } else if ((transport.equals("auto") && Epoll.isAvailable()) || transport.equals("epoll")) {
            ioFactory = EpollIoHandler.newFactory();
            channelClass = EpollServerSocketChannel.class;
            transport = "epoll";
        } else {
            ioFactory = NioIoHandler.newFactory();
            channelClass = NioServerSocketChannel.class;
            transport = "nio";
        }

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(loops, new DefaultThreadFactory("raw-netty-loop"), ioFactory);
        group.scheduleAtFixedRate(() -> date = formatDate(), 1000, 1000, TimeUnit.MILLISECONDS);
        Handler handler = new Handler(sleepMillis, staticDir == null ? null : Path.of(staticDir).toRealPath());
        HttpDecoderConfig decoderConfig = new HttpDecoderConfig().setHeadersFactory(HEADERS).setValidateHeaders(false);

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(decoderConfig), handler);
                    }
                });
        Channel server = bootstrap.bind(host, port).sync().channel();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close().syncUninterruptibly();
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }));
        System.out.printf("raw-netty running on http://%s:%d (transport %s, %d event loop(s), Netty %s)%n",
                host, port, transport, loops, nettyVersion());
        server.closeFuture().sync();
    }

    private static String nettyVersion() {
        io.netty.util.Version v = io.netty.util.Version.identify().get("netty-common");
        return v == null ? "?" : v.artifactVersion();
    }

    private static AsciiString formatDate() {
        return new AsciiString(DateFormatter.format(new Date()));
    }

    @ChannelHandler.Sharable
    static final class Handler extends ChannelInboundHandlerAdapter {
        private final long sleepMillis;
        private final Path staticDir;

        Handler(long sleepMillis, Path staticDir) {
            this.sleepMillis = sleepMillis;
            this.staticDir = staticDir;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                // Exact-class check first: the hot path avoids an instanceof on an interface.
                if (msg.getClass() == DefaultHttpRequest.class || msg instanceof HttpRequest) {
                    handle(ctx, (HttpRequest) msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void handle(ChannelHandlerContext ctx, HttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (req.decoderResult().isFailure()) {
                send(ctx, respond(HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER, TEXT_PLAIN), false, false);
                return;
            }
            boolean http10 = req.protocolVersion() == HttpVersion.HTTP_1_0;
            String uri = req.uri();
            int qmark = uri.indexOf('?');
            String path = qmark < 0 ? uri : uri.substring(0, qmark);
            FullHttpResponse resp;
            if (path.equals("/plaintext")) {
                resp = plaintext();
            } else if (path.equals("/json")) {
                resp = json(HttpResponseStatus.OK, MESSAGE_WRITER.writeValueAsBytes(new Message("Hello, World!")));
            } else if (path.startsWith("/items/") && path.indexOf('/', 7) < 0 && path.length() > 7) {
                resp = item(path.substring(7), qmark < 0 ? null : uri.substring(qmark + 1));
            } else if (path.startsWith("/sync-test/") && path.indexOf('/', 11) < 0 && path.length() > 11) {
                blocking(ctx, path.substring(11), keepAlive, http10);
                return;
            } else if (staticDir != null && path.startsWith("/static/") && sendFile(ctx, path.substring(8), keepAlive)) {
                return;
            } else {
                resp = json(HttpResponseStatus.NOT_FOUND, NOT_FOUND);
            }
            send(ctx, resp, keepAlive, http10);
        }

        /** A file of the static directory (one plain name, nothing else) as head + region; false if absent. */
        private boolean sendFile(ChannelHandlerContext ctx, String name, boolean keepAlive) {
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) return false;
            Path file = staticDir.resolve(name);
            FileChannel ch;
            long length;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
                length = ch.size();
            } catch (IOException e) {
                return false;
            }
            DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, HEADERS.newHeaders());
            head.headers().add(HttpHeaderNames.CONTENT_TYPE, OCTET_STREAM)
                    .add(HttpHeaderNames.CONTENT_LENGTH, length)
                    .add(HttpHeaderNames.SERVER, SERVER_NAME)
                    .add(HttpHeaderNames.DATE, date);
            if (!keepAlive) head.headers().add(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.write(head, ctx.voidPromise());
            ctx.write(new DefaultFileRegion(ch, 0, length), ctx.voidPromise());
            var last = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) last.addListener(ChannelFutureListener.CLOSE);
            return true;
        }

        /** The worker lane: sleep on a virtual thread, then write on the connection's loop. */
        private void blocking(ChannelHandlerContext ctx, String userId, boolean keepAlive, boolean http10) {
            EventLoop loop = ctx.channel().eventLoop();
            Thread.startVirtualThread(() -> {
                try {
                    Thread.sleep(sleepMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = USER_WRITER.writeValueAsBytes(new UserStatus(userId, "done"));
                loop.execute(() -> {
                    send(ctx, json(HttpResponseStatus.OK, body), keepAlive, http10);
                    ctx.flush();
                });
            });
        }
    }

    private static FullHttpResponse item(String rawId, String query) {
        int itemId;
        try {
            itemId = Integer.parseInt(rawId);
        } catch (NumberFormatException e) {
            return unprocessable("path", "item_id");
        }
        String q = null;
        int limit = 10;
        if (query != null) {
            int start = 0;
            while (start <= query.length()) {
                int amp = query.indexOf('&', start);
                int end = amp < 0 ? query.length() : amp;
                int eq = query.indexOf('=', start);
                if (eq > start && eq < end) {
                    String name = query.substring(start, eq);
                    String value = query.substring(eq + 1, end);
                    if (name.equals("q")) {
                        q = decode(value);
                    } else if (name.equals("limit")) {
                        try {
                            limit = Integer.parseInt(decode(value));
                        } catch (NumberFormatException e) {
                            return unprocessable("query", "limit");
                        }
                    }
                }
                start = end + 1;
            }
        }
        return json(HttpResponseStatus.OK, ITEM_WRITER.writeValueAsBytes(new Item(itemId, q, limit)));
    }

    private static String decode(String s) {
        return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : QueryStringDecoder.decodeComponent(s);
    }

    private static FullHttpResponse unprocessable(String where, String name) {
        return json(HttpResponseStatus.UNPROCESSABLE_ENTITY,
                ERROR_WRITER.writeValueAsBytes(ValidationError.notAnInteger(where, name)));
    }

    private static FullHttpResponse plaintext() {
        HttpHeaders headers = HEADERS.newHeaders();
        headers.add(HttpHeaderNames.CONTENT_TYPE, TEXT_PLAIN);
        headers.add(HttpHeaderNames.CONTENT_LENGTH, PLAINTEXT_LENGTH);
        headers.add(HttpHeaderNames.SERVER, SERVER_NAME);
        headers.add(HttpHeaderNames.DATE, date);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(PLAINTEXT), headers, EmptyHttpHeaders.INSTANCE);
    }

    private static FullHttpResponse json(HttpResponseStatus status, byte[] body) {
        return respond(status, Unpooled.wrappedBuffer(body), APPLICATION_JSON);
    }

    private static FullHttpResponse respond(HttpResponseStatus status, ByteBuf body, AsciiString contentType) {
        HttpHeaders headers = HEADERS.newHeaders();
        headers.add(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.addInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.add(HttpHeaderNames.SERVER, SERVER_NAME);
        headers.add(HttpHeaderNames.DATE, date);
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body, headers, EmptyHttpHeaders.INSTANCE);
    }

    /** Written, not flushed: channelReadComplete flushes the whole read batch at once. */
    private static void send(ChannelHandlerContext ctx, FullHttpResponse resp, boolean keepAlive, boolean http10) {
        if (keepAlive) {
            if (http10) {
                resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            ctx.write(resp, ctx.voidPromise());
        } else {
            resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
