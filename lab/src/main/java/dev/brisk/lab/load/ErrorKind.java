package dev.brisk.lab.load;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;

/**
 * Why a request (or a connection attempt) failed. The {@code CONNECT_*} kinds count connection
 * attempts, the others count requests that were sent and got no complete response.
 */
public enum ErrorKind {
    /** The server refused the TCP connection (nothing listening). */
    CONNECT_REFUSED("connect refused", true),
    /** The TCP connection was not established within the request timeout. */
    CONNECT_TIMEOUT("connect timeout", true),
    /** Any other connect failure (unknown host, no route, ...). */
    CONNECT_ERROR("connect error", true),
    /** No complete response within {@code --timeout}; the connection is closed and reopened. */
    TIMEOUT("timeout", false),
    /** The connection was reset by the peer (or broke) while a request was in flight. */
    RESET("reset", false),
    /** The server closed the connection before the response was complete. */
    CLOSED_EARLY("closed early", false),
    /** The bytes received were not a valid HTTP/1.1 response, or came unasked. */
    MALFORMED("malformed response", false),
    /** Anything else. */
    OTHER("other", false);

    private final String label;
    private final boolean connect;

    ErrorKind(String label, boolean connect) {
        this.label = label;
        this.connect = connect;
    }

    /** Human label, e.g. {@code "connect refused"}. */
    public String label() {
        return label;
    }

    /** JSON key, e.g. {@code "connect_refused"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the kinds that count connection attempts rather than requests. */
    public boolean isConnect() {
        return connect;
    }

    /** Classifies a failure seen while connecting. */
    static ErrorKind ofConnect(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return CONNECT_TIMEOUT;
        }
        if (cause instanceof ConnectException && messageHas(cause, "refused")) {
            return CONNECT_REFUSED;
        }
        return CONNECT_ERROR;
    }

    /** Classifies a failure seen on an established connection. */
    static ErrorKind ofRequest(Throwable cause) {
        if (cause instanceof PrematureChannelClosureException || cause instanceof ClosedChannelException) {
            return CLOSED_EARLY;
        }
        if (cause instanceof DecoderException || cause instanceof IllegalArgumentException) {
            return MALFORMED;
        }
        if (cause instanceof IOException
                && (messageHas(cause, "reset") || messageHas(cause, "broken pipe"))) {
            return RESET;
        }
        return OTHER;
    }

    /** One short phrase for a connect failure: {@code "connection refused"}, {@code "unknown host"}, .... */
    static String describeConnect(Throwable cause) {
        return switch (ofConnect(cause)) {
            case CONNECT_REFUSED -> "connection refused";
            case CONNECT_TIMEOUT -> "connect timed out";
            default -> cause instanceof UnknownHostException
                    ? "unknown host"
                    : String.valueOf(cause.getMessage());
        };
    }

    private static boolean messageHas(Throwable t, String word) {
        String m = t.getMessage();
        return m != null && m.toLowerCase(Locale.ROOT).contains(word);
    }
}
