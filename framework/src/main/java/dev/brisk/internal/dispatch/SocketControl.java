package dev.brisk.internal.dispatch;

import dev.brisk.Request;
import dev.brisk.WebSocket;

/** What the WebSocket dispatch needs from the server's socket beyond the public API. Internal API. */
public interface SocketControl extends WebSocket, dev.brisk.internal.app.Sockets.Failable {
    /** Attaches the upgrade request the endpoint sees, before the endpoint runs. */
    void bind(Request request);

    /** The endpoint failed: an HTTP refusal before accept (403/4xx/500), close 1011 after. */
    @Override
    void fail(Throwable error);

    /** A worker endpoint returned: close 1000 if open; 403 if it never accepted. */
    void finished();

    /** Runs {@code action} once the socket is over (closed, dropped or refused). */
    void onEnd(Runnable action);
}
