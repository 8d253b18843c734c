package dev.brisk.internal.app;

/**
 * What the WebSocket dispatch (dev.brisk.internal.dispatch) and the controller binder (dev.brisk.params)
 * share about an upgrade request's socket. It lives here, in the package that depends on nothing, so that
 * params need not import the dispatch, which imports params: no cycle between the two.
 */
public final class Sockets {
    /** The request attribute holding the {@code WebSocket} an upgrade request opened. */
    public static final String ATTRIBUTE = "dev.brisk.WebSocket";

    private Sockets() {}

    /** A socket that endpoint code can fail after it has returned (a loop endpoint's failed stage). */
    public interface Failable {
        /** The endpoint failed: an HTTP refusal before accept (403/4xx/500), close 1011 after. */
        void fail(Throwable error);
    }

    /** As if the endpoint had thrown {@code error}; a socket Brisk did not make is left alone. */
    public static void fail(Object socket, Throwable error) {
        if (socket instanceof Failable f) f.fail(error);
    }
}
