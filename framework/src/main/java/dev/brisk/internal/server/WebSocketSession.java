package dev.brisk.internal.server;

import dev.brisk.Request;
import dev.brisk.Response;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketMessage;
import dev.brisk.WebSocketOptions;
import dev.brisk.internal.dispatch.SocketControl;
import dev.brisk.internal.dispatch.WebSocketDispatch;
import dev.brisk.json.Json;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket as the endpoint sees it. State changes happen on the connection's event loop; the
 * worker lane's blocking calls wait on stages completed there. Frames and the handshake are the
 * Netty side ({@link WebSocketFrames}, {@link WebSocketUpgrade}); this class is the message queue,
 * the send accounting and the close protocol between them and the endpoint.
 */
final class WebSocketSession extends WebSocketInbox implements SocketControl {
    private static final Logger log = LoggerFactory.getLogger("brisk.websocket");
    enum State { CONNECTING, OPEN, CLOSING, CLOSED }

    final WebSocketUpgrade upgrade;
    final NettyLoop loop;
    final WebSocketOptions options;
    final String label;
    private final Json json;
    private Request request;
    volatile State state = State.CONNECTING;
    private volatile String subprotocol;
    private final WebSocketSends sends = new WebSocketSends(this);
    private final CompletableFuture<WebSocketDisconnect> closed = new CompletableFuture<>();
    private final List<Runnable> endActions = new ArrayList<>(2);
    volatile WebSocketFrames frames; // set on accept
    private WebSocketDisconnect ourClose;
    private volatile CompletableFuture<Void> accepting; // set by accept(), completes once the socket is open

    WebSocketSession(WebSocketUpgrade upgrade, NettyLoop loop, WebSocketOptions options, Json json, String label) {
        super(options.inboundQueue());
        this.upgrade = upgrade;
        this.loop = loop;
        this.options = options;
        this.json = json;
        this.label = label;
    }

    @Override public void bind(Request req) { this.request = req; }
    @Override public Request request() { return request; }
    @Override public List<String> offeredSubprotocols() { return upgrade.offeredSubprotocols(); }
    @Override public String subprotocol() { return subprotocol; }
    @Override public boolean isOpen() { return state == State.OPEN; }
    @Override public CompletionStage<WebSocketDisconnect> closed() { return closed; }

    @Override
    public synchronized void onEnd(Runnable action) {
        if (state == State.CLOSED) action.run();
        else endActions.add(action);
    }

    // ---- handshake

    @Override
    public CompletionStage<Void> accept() {
        return accept(null);
    }

    @Override
    public CompletionStage<Void> accept(String chosen) {
        if (chosen != null && !offeredSubprotocols().contains(chosen)) {
            throw new IllegalArgumentException("subprotocol '" + chosen + "' was not offered: " + offeredSubprotocols());
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            if (state != State.CONNECTING) {
                done.completeExceptionally(new IllegalStateException("accept() after the socket was accepted or closed"));
                return;
            }
            if (accepting != null) {
                done.completeExceptionally(new IllegalStateException("accept() called twice"));
                return;
            }
            subprotocol = chosen;
            accepting = done;
            upgrade.handshake(this, chosen, done);
        });
        return await(done);
    }

    /** On the loop, once the 101 is written and the frame handler is in place. */
    void opened(WebSocketFrames f) {
        frames = f;
        state = State.OPEN;
    }

    @Override
    public void reject(int status, Object detail) {
        if (status < 400 || status > 599) throw new IllegalArgumentException("reject needs a 4xx/5xx status, not " + status);
        refuse(WebSocketDispatch.detail(status, detail));
    }

    private void refuse(Response r) {
        onLoop(() -> {
            if (state != State.CONNECTING) return;
            upgrade.refuse(r);
            ended(new WebSocketDisconnect(1006, "refused before accept"));
        });
    }

    // ---- sending

    @Override
    public CompletionStage<Void> sendText(String text) {
        return send(WebSocketMessage.text(text));
    }

    @Override
    public CompletionStage<Void> sendBytes(byte[] data) {
        return send(WebSocketMessage.binary(data));
    }

    @Override
    public CompletionStage<Void> sendJson(Object value) {
        return send(WebSocketMessage.text(new String(json.encode(value), StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<Void> send(WebSocketMessage m) {
        State s = state;
        if (s == State.CONNECTING) {
            CompletableFuture<Void> a = accepting;
            if (a == null) throw new IllegalStateException("send before accept()");
            // a loop endpoint sending right after accept(): the frame follows the 101 once it is written
            return a.thenCompose(v -> send(m));
        }
        if (s != State.OPEN) return await(CompletableFuture.failedFuture(disconnect()));
        return await(sends.write(frames, m));
    }

    /** Bytes of sends not yet written (for tests and metrics). */
    long pendingSendBytes() {
        return sends.pending();
    }

    // ---- closing

    @Override
    public CompletionStage<Void> close() {
        return close(1000, "");
    }

    @Override
    public CompletionStage<Void> close(int code, String reason) {
        String why = reason == null ? "" : reason;
        if (!WebSocketFrames.validServerCode(code)) throw new IllegalArgumentException("invalid close code " + code);
        if (why.getBytes(StandardCharsets.UTF_8).length > 123) throw new IllegalArgumentException("close reason over 123 bytes");
        if (state == State.CONNECTING) {
            CompletableFuture<Void> a = accepting;
            if (a != null) return a.thenCompose(v -> close(code, why));
            refuse(WebSocketDispatch.detail(403, "Forbidden"));
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            startClose(code, why);
            done.complete(null);
        });
        return await(done);
    }

    /** On the loop: sends our close frame (once) and waits for the peer's, up to the close timeout. */
    void startClose(int code, String reason) {
        if (state != State.OPEN) return;
        state = State.CLOSING;
        ourClose = new WebSocketDisconnect(code, reason);
        closeInbox(ourClose);
        frames.closeAndWait(new CloseWebSocketFrame(code, reason), options.closeTimeout());
    }

    /** On the loop: we fail the connection (a message over the limit): our close frame, then TCP close at once. */
    void failConnection(int code, String reason) {
        if (state != State.OPEN) return;
        state = State.CLOSING;
        ourClose = new WebSocketDisconnect(code, reason);
        closeInbox(ourClose);
        frames.closeNow(new CloseWebSocketFrame(code, reason));
    }

    /** On the loop: the peer's close frame (its code, 1005 when none) or a protocol error's close. */
    void peerClosed(int code, String reason) {
        WebSocketDisconnect d = new WebSocketDisconnect(code, reason);
        closeInbox(ourClose != null ? ourClose : d);
        if (state == State.OPEN) state = State.CLOSING;
    }

    /** On the loop, exactly once per socket: the connection is gone (or was refused). */
    void ended(WebSocketDisconnect why) {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        upgrade.server.socketEnded();
        WebSocketDisconnect d = ourClose != null ? ourClose : why;
        closeInbox(d);
        List<Runnable> actions;
        synchronized (this) {
            actions = List.copyOf(endActions);
            endActions.clear();
        }
        loop.probe().runAs(label, () -> closed.complete(d));
        for (Runnable a : actions) {
            try {
                a.run();
            } catch (RuntimeException e) {
                log.error("{}: socket cleanup failed", label, e);
            }
        }
    }

    WebSocketDisconnect disconnect() {
        WebSocketDisconnect d = closedWith();
        return d != null ? d : new WebSocketDisconnect(1006, "connection closed");
    }

    // ---- endpoint outcome

    @Override
    public void fail(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof WebSocketDisconnect) return; // the socket is over already: nothing to report
        if (state == State.CONNECTING) {
            refuse(WebSocketDispatch.refusal(e, label));
            return;
        }
        log.error("{}: endpoint failed; closing with 1011", label, e);
        onLoop(() -> startClose(1011, "Internal Server Error"));
    }

    @Override
    public void finished() {
        if (state == State.CONNECTING) refuse(WebSocketDispatch.detail(403, "Forbidden"));
        else onLoop(() -> startClose(1000, ""));
    }

    // ---- receiving (queue in WebSocketInbox)

    @Override
    public String receiveText() {
        WebSocketMessage m = receive();
        if (!m.isText()) throw protocolMismatch(1003, "expected a text message");
        return m.text();
    }

    @Override
    public byte[] receiveBytes() {
        WebSocketMessage m = receive();
        if (m.isText()) throw protocolMismatch(1003, "expected a binary message");
        return m.bytes();
    }

    @Override
    public <T> T receiveJson(Class<T> type) {
        String text = receiveText();
        try {
            return json.decode(text.getBytes(StandardCharsets.UTF_8), type);
        } catch (RuntimeException e) {
            throw protocolMismatch(1007, "invalid JSON message");
        }
    }

    private WebSocketDisconnect protocolMismatch(int code, String why) {
        onLoop(() -> startClose(code, why));
        return new WebSocketDisconnect(code, why);
    }

    @Override
    protected void checkReceive() {
        if (dev.brisk.Loop.current().isPresent()) {
            throw new IllegalStateException("receive() blocks: on an event loop use onMessage(...)");
        }
        if (state == State.CONNECTING) throw new IllegalStateException("receive() before accept()");
    }

    @Override
    protected void resumeReading() {
        onLoop(() -> {
            WebSocketFrames f = frames;
            if (f != null) f.resume();
        });
    }

    @Override
    protected void pauseReading() {
        WebSocketFrames f = frames;
        if (f != null) f.pause();
    }

    @Override
    protected void enterListener() {
        loop.probe().enter(label);
    }

    @Override
    protected void exitListener() {
        loop.probe().exit();
    }

    @Override
    protected void listenerFailed(Throwable t) {
        fail(t);
    }

    @Override
    protected boolean onLoopThread() {
        return loop.inLoop();
    }

    @Override
    protected void execute(Runnable r) {
        loop.execute(r);
    }

    void onLoop(Runnable r) {
        if (loop.inLoop()) r.run();
        else loop.execute(r);
    }

    /** Worker lane: wait for the stage here (back-pressure); loop lane: hand it back. */
    private <T> CompletionStage<T> await(CompletableFuture<T> stage) {
        // never block an event loop, this socket's (the cheap check first) or another's
        if (loop.inLoop() || dev.brisk.Loop.current().isPresent()) return stage;
        try {
            stage.get();
            return stage;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebSocketDisconnect(1006, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new IllegalStateException(c);
        }
    }

    Channel channel() {
        return upgrade.channel();
    }
}
