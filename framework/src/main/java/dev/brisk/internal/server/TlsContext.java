package dev.brisk.internal.server;

import dev.brisk.Deployment;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS: an {@link SslContext} built from uvicorn-style PEM files (key, certificate chain,
 * optional key password, optional CA for client certificates), with OpenSSL (BoringSSL through
 * netty-tcnative) when it loads and the JDK's provider otherwise. The files are re-read every
 * reload interval; when their bytes change a new context is built and new connections use it
 * (open connections keep theirs). A broken new file is logged and the previous context kept.
 *
 * <p>The contents are compared rather than modification times so that Kubernetes' atomic
 * symlink swaps of mounted secrets and same-second rewrites are both seen.
 */
final class TlsContext implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("brisk.tls");

    private final Deployment d;
    private final boolean http2;
    private final SslProvider provider;
    private volatile SslContext context;
    private List<byte[]> loaded;
    private ScheduledExecutorService reloader;

    /** @param http2 whether ALPN offers {@code h2} before {@code http/1.1} (see {@link Http2Tls}) */
    TlsContext(Deployment d, boolean http2) {
        this.d = d;
        this.http2 = http2;
        this.provider = io.netty.handler.ssl.OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
        List<byte[]> files = read();
        this.context = build(files);
        this.loaded = files;
        warm(context);
        if (!d.sslReloadInterval().isZero()) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "brisk-tls-reload");
                t.setDaemon(true);
                return t;
            });
            long ms = d.sslReloadInterval().toMillis();
            reloader.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The first engine a context makes initialises the provider's engine and handler classes (300-500 ms on a loaded machine):
     * done at start, not on the event loop of the first connection, where the watchdog saw it.
     */
    private static void warm(SslContext ctx) {
        SslHandler handler = ctx.newHandler(ByteBufAllocator.DEFAULT);
        io.netty.util.ReferenceCountUtil.release(handler.engine());
    }

    /** {@code OpenSSL} or {@code JDK}. */
    String provider() {
        return provider == SslProvider.OPENSSL ? "OpenSSL (" + io.netty.handler.ssl.OpenSsl.versionString() + ")" : "JDK";
    }

    SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    /** Re-reads the files; rebuilds if any changed. Returns whether a new context is in use. */
    boolean reloadIfChanged() {
        List<byte[]> files;
        try {
            files = read();
        } catch (IllegalArgumentException e) {
            log.warn("TLS files unreadable, keeping the current certificate: {}", e.getMessage());
            return false;
        }
        if (same(files, loaded)) return false;
        loaded = files;   // whatever happens, do not retry (and log) the same bytes every interval
        try {
            context = build(files);
            log.info("TLS certificate reloaded from {}", d.sslCertfile());
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("TLS files changed but do not load, keeping the current certificate: {}", e.getMessage());
            return false;
        }
    }

    private List<byte[]> read() {
        List<byte[]> out = new ArrayList<>(3);
        for (Path p : new Path[] {d.sslKeyfile(), d.sslCertfile(), d.sslCaCerts()}) {
            if (p == null) {
                out.add(new byte[0]);
                continue;
            }
            try {
                out.add(Files.readAllBytes(p));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
            }
        }
        return out;
    }

    private SslContext build(List<byte[]> files) {
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new ByteArrayInputStream(files.get(1)),
                            new ByteArrayInputStream(files.get(0)), d.sslKeyfilePassword())
                    .sslProvider(provider);
            if (d.sslCaCerts() != null) b.trustManager(new ByteArrayInputStream(files.get(2)));
            b.clientAuth(switch (d.clientAuth()) {
                case NONE -> ClientAuth.NONE;
                case OPTIONAL -> ClientAuth.OPTIONAL;
                case REQUIRED -> ClientAuth.REQUIRE;
            });
            return Http2Tls.alpn(b, http2).build();
        } catch (Exception e) {
            // wrong password, a key that does not match, not PEM: one clear line, not a provider stack
            throw new IllegalArgumentException("TLS: cannot load key " + d.sslKeyfile() + " / certificate "
                    + d.sslCertfile() + (d.sslCaCerts() == null ? "" : " / CA " + d.sslCaCerts()) + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean same(List<byte[]> a, List<byte[]> b) {
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }

    @Override
    public void close() {
        if (reloader != null) reloader.shutdownNow();
    }
}
