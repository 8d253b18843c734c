package dev.brisk.middleware;

import dev.brisk.Request;
import dev.brisk.Response;
import dev.brisk.ResponseCookie;
import dev.brisk.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Starlette's {@code SessionMiddleware}: {@link Request#session()} is a dict-like map kept in a signed
 * cookie. The session is JSON, Base64url-encoded, then signed with a timestamp (like itsdangerous's
 * {@code TimestampSigner}, with HMAC-SHA256 from {@code javax.crypto}): the client can read it but not
 * change it, and a cookie older than {@code maxAge} or with a bad signature is ignored (an empty
 * session). Defaults as Starlette: cookie {@code session}, 14 days, {@code Path=/}, {@code HttpOnly},
 * {@code SameSite=Lax}, {@code Secure} only with {@code httpsOnly}. A non-empty session is re-sent on
 * every response; one emptied by the handler deletes the cookie. Do not store secrets in it.
 *
 * <pre>{@code
 * app.addMiddleware(SessionMiddleware.options(System.getenv("SESSION_SECRET")).httpsOnly(true).build());
 * app.post("/login", worker(req -> { req.session().put("user", "alice"); return Response.text("in"); }));
 * app.get("/me", worker(req -> Response.text(String.valueOf(req.session().get("user")))));
 * }</pre>
 */
public final class SessionMiddleware implements Middleware {
    /** The request attribute holding the session map. */
    public static final String ATTRIBUTE = "brisk.session";

    /** The options, with Starlette's defaults. */
    public static final class Options {
        private final byte[] secret;
        private String cookie = "session";
        private Duration maxAge = Duration.ofDays(14);
        private String path = "/";
        private ResponseCookie.SameSite sameSite = ResponseCookie.SameSite.LAX;
        private boolean httpsOnly;
        private String domain;
        private Clock clock = Clock.systemUTC();

        private Options(String secretKey) {
            Objects.requireNonNull(secretKey, "secretKey");
            if (secretKey.length() < 16) throw new IllegalArgumentException("the session secret needs at least 16 characters");
            this.secret = secretKey.getBytes(StandardCharsets.UTF_8);
        }

        /** The cookie's name (default {@code session}). */
        public Options sessionCookie(String value) { ResponseCookie.of(value, "x"); cookie = value; return this; }
        /** How long a session is valid after it was last sent ({@code null}: a browser-session cookie). Default 14 days. */
        public Options maxAge(Duration value) { maxAge = value; return this; }
        /** The cookie's path (default {@code /}). */
        public Options path(String value) { path = value; return this; }
        /** The cookie's SameSite (default {@code Lax}). */
        public Options sameSite(ResponseCookie.SameSite value) { sameSite = value; return this; }
        /** Whether the cookie is {@code Secure} (sent over HTTPS only). Default false. */
        public Options httpsOnly(boolean value) { httpsOnly = value; return this; }
        /** The cookie's domain (default none: this host only). */
        public Options domain(String value) { domain = value; return this; }
        /** The clock used for timestamps (tests). */
        public Options clock(Clock value) { clock = Objects.requireNonNull(value); return this; }

        public SessionMiddleware build() {
            return new SessionMiddleware(this);
        }
    }

    /** Options for a middleware signing with {@code secretKey} (at least 16 characters; keep it secret). */
    public static Options options(String secretKey) {
        return new Options(secretKey);
    }

    private final Options o;
    private final SecretKeySpec key;
    private final Json json = Json.defaultCodec();

    private SessionMiddleware(Options options) {
        this.o = options;
        this.key = new SecretKeySpec(options.secret, "HmacSHA256");
        mac(); // fail at start-up, not per request, if the JDK lacks HMAC-SHA256
        ResponseCookie.of(o.cookie, "").path(o.path).domain(o.domain); // refuses bad options at start-up
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        Map<String, Object> session = load(request.cookie(o.cookie));
        boolean had = !session.isEmpty();
        request.attributes().put(ATTRIBUTE, session);
        return next.call().thenApply(res -> {
            if (!session.isEmpty()) {
                ResponseCookie c = ResponseCookie.of(o.cookie, sign(json.encode(session))).path(o.path).domain(o.domain)
                        .httpOnly(true).sameSite(o.sameSite).secure(o.httpsOnly);
                return res.withCookie(o.maxAge == null ? c : c.maxAge(o.maxAge));
            }
            if (had) return res.withCookie(ResponseCookie.deleting(o.cookie).path(o.path).domain(o.domain)
                    .httpOnly(true).sameSite(o.sameSite).secure(o.httpsOnly));
            return res;
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> load(String cookie) {
        Map<String, Object> session = new LinkedHashMap<>();
        byte[] data = cookie == null ? null : unsign(cookie);
        if (data != null) {
            try {
                session.putAll(json.decode(data, Map.class));
            } catch (RuntimeException e) {
                // signed by us but not a JSON object: start afresh, as Starlette does on any bad cookie
            }
        }
        return session;
    }

    /** {@code payload.timestamp.signature}, each Base64url without padding. */
    String sign(byte[] payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(payload) + "."
                + b64.encodeToString(ByteBuffer.allocate(8).putLong(o.clock.instant().getEpochSecond()).array());
        return signed + "." + b64.encodeToString(mac().doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The payload if the signature is good and the timestamp within {@code maxAge}, else {@code null}. */
    byte[] unsign(String cookie) {
        int dot2 = cookie.lastIndexOf('.');
        int dot1 = dot2 <= 0 ? -1 : cookie.lastIndexOf('.', dot2 - 1);
        if (dot1 <= 0) return null;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] expected = mac().doFinal(cookie.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, b64.decode(cookie.substring(dot2 + 1)))) return null;
            byte[] ts = b64.decode(cookie.substring(dot1 + 1, dot2));
            if (ts.length != 8) return null;
            long age = o.clock.instant().getEpochSecond() - ByteBuffer.wrap(ts).getLong();
            if (o.maxAge != null && (age > o.maxAge.toSeconds() || age < -60)) return null;
            return b64.decode(cookie.substring(0, dot1));
        } catch (IllegalArgumentException e) {
            return null; // not Base64url
        }
    }

    private Mac mac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
