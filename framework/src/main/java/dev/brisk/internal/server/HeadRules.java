package dev.brisk.internal.server;

import dev.brisk.BriskConfig;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a decoded request head may go on, and if not with which status: the decoder's own failures,
 * the server's limits, and RFC 9112's strict rejections the decoder lets through (its header validation
 * is off for speed): a request target with a control character, space, NUL or non-ASCII byte; a header
 * name that is not a token; a header value with a control character other than HTAB (also what a joined
 * obs-fold line leaves behind); not exactly one Host on HTTP/1.1; a transfer coding other than chunked.
 *
 * <p>Called by {@link ConnectionHandler} on the head Netty already parsed, in one pass over its headers,
 * instead of by a pipeline stage of its own: a stage costs a hop per read for every request.
 */
final class HeadRules {
    private HeadRules() {}

    // RFC 9110 tchar, as a table: a String.indexOf per header-name character showed in profiles
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TOKEN[c] = true;
    }

    /**
     * The refusal for {@code req}, or {@code null} to serve it. {@code strict}: an HTTP/1 connection, whose
     * head the RFC 9112 rules and {@code scanned} (what {@link RequestGuard}'s byte scan found) apply to;
     * an HTTP/2 stream's head was checked by the HTTP/2 codec.
     */
    static RequestGuard.Refused refusal(HttpRequest req, boolean strict, RequestGuard.Refused scanned, BriskConfig config) {
        DecoderResult result = req.decoderResult();
        if (strict) {
            RequestGuard.Refused refused = scanned;
            String te = req.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
            if (te != null && req.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING).size() == 1
                    && !te.trim().equalsIgnoreCase("chunked") && !req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                // RFC 9112 §6.1: a transfer coding the server does not understand (h11 answers the same)
                refused = new RequestGuard.Refused(501, "unsupported Transfer-Encoding");
            }
            if (refused == null && result.isSuccess()) {
                String why = violation(req);
                if (why != null) refused = new RequestGuard.Refused(400, why);
            }
            if (refused != null) {
                req.setDecoderResult(DecoderResult.failure(refused)); // never through the middleware, like any bad head
                return refused;
            }
        }
        if (result.isFailure()) {
            Throwable cause = result.cause();
            int status = cause instanceof RequestGuard.Refused r ? r.status
                    : cause instanceof TooLongHttpLineException ? 414
                    : cause instanceof TooLongHttpHeaderException ? 431
                    : cause instanceof TooLongFrameException ? 413 : 400;
            return new RequestGuard.Refused(status, String.valueOf(cause.getMessage()));
        }
        HttpVersion version = req.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            // Netty accepts any HTTP/x.y; like h11 under uvicorn, answer only 1.0 and 1.1
            return new RequestGuard.Refused(400, "unsupported protocol " + version.text());
        }
        if (req.uri().length() > config.maxUriLength()) {
            return new RequestGuard.Refused(414, "request target of " + req.uri().length() + " characters");
        }
        long length;
        try {
            length = HttpUtil.getContentLength(req, -1L);
        } catch (NumberFormatException e) {
            return new RequestGuard.Refused(400, "bad Content-Length");
        }
        if (length > config.maxBodySize()) {
            return new RequestGuard.Refused(413, "Content-Length " + length + " over the limit of " + config.maxBodySize());
        }
        return null;
    }

    /** Why the head breaks RFC 9112, or {@code null}. Rewrites an absolute-form target to origin-form. */
    static String violation(HttpRequest req) {
        String uri = req.uri();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) return "request target holds byte 0x" + Integer.toHexString(c);
        }
        if (!uri.startsWith("/")) {
            if (uri.equals("*")) {
                if (!req.method().equals(HttpMethod.OPTIONS)) return "asterisk-form target on " + req.method();
            } else if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
                // RFC 9112 §3.2.2: a server MUST accept the absolute form; route on its path
                int slash = uri.indexOf('/', uri.indexOf("//") + 2);
                int query = uri.indexOf('?', uri.indexOf("//") + 2);
                req.setUri(slash >= 0 && (query < 0 || slash < query) ? uri.substring(slash)
                        : "/" + (query >= 0 ? uri.substring(query) : ""));
            } else {
                return "request target in neither origin, absolute nor asterisk form";
            }
        }
        int hosts = 0;   // counted in the one pass over the headers: getAll(HOST) would build a list per request
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = req.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            CharSequence name = h.getKey();
            if (!isToken(name)) return "header name is not a token";
            if (name.length() == 4 && HttpHeaderNames.HOST.contentEqualsIgnoreCase(name)) hosts++;
            CharSequence v = h.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) return "header value holds control byte 0x" + Integer.toHexString(c);
            }
        }
        if (hosts != 1 && req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return "HTTP/1.1 request without exactly one Host header"; // RFC 9112 §3.2: MUST answer 400
        }
        return null;
    }

    private static boolean isToken(CharSequence s) {
        int n = s.length();
        if (n == 0) return false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TOKEN[c]) return false;
        }
        return true;
    }
}
