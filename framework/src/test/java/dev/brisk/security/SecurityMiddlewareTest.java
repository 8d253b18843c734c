package dev.brisk.security;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.ResponseCookie;
import dev.brisk.middleware.HttpsRedirectMiddleware;
import dev.brisk.middleware.SessionMiddleware;
import dev.brisk.middleware.TrustedHostMiddleware;
import dev.brisk.internal.server.Kit;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** TrustedHost, HTTPS redirect and signed-cookie sessions with Starlette's semantics, on a running app. */
class SecurityMiddlewareTest {

    static RawResponse get(Brisk app, String target, String host) throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            return c.read();
        }
    }

    @Test
    void trustedHostAnswers400ToOtherHostsAndRedirectsToWww() throws Exception {
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1), a -> {
            a.addMiddleware(new TrustedHostMiddleware(List.of("example.com", "*.example.org", "www.site.net")));
            a.get("/ping", loopSafe(req -> Response.text("pong")));
        });
        try {
            assertThat(get(app, "/ping", "example.com").body()).isEqualTo("pong");
            assertThat(get(app, "/ping", "EXAMPLE.com:8000").body()).isEqualTo("pong");
            assertThat(get(app, "/ping", "api.example.org").body()).isEqualTo("pong");
            RawResponse apex = get(app, "/ping", "example.org");
            assertThat(apex.status()).isEqualTo(400);
            assertThat(apex.body()).isEqualTo("Invalid host header");
            RawResponse evil = get(app, "/ping", "evil.com");
            assertThat(evil.status()).isEqualTo(400);
            assertThat(evil.body()).isEqualTo("Invalid host header");
            RawResponse www = get(app, "/ping?a=1", "site.net");
            assertThat(www.status()).isEqualTo(307);
            assertThat(www.header("location")).isEqualTo("http://www.site.net/ping?a=1");
        } finally {
            app.stop();
        }
    }

    @Test
    void httpsRedirectKeepsPathQueryAndNonDefaultPorts() throws Exception {
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1), a -> {
            a.addMiddleware(new HttpsRedirectMiddleware());
            a.get("/ping", loopSafe(req -> Response.text("pong")));
        });
        try {
            RawResponse r = get(app, "/ping?x=1", "example.com:80");
            assertThat(r.status()).isEqualTo(307);
            assertThat(r.header("location")).isEqualTo("https://example.com/ping?x=1");
            assertThat(get(app, "/a%20b", "example.com:8443").header("location")).isEqualTo("https://example.com:8443/a%20b");
        } finally {
            app.stop();
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicLong seconds = new AtomicLong(1_700_000_000L);
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochSecond(seconds.get()); }
    }

    static HttpResponse<String> call(Brisk app, String path, String cookie) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(app.url() + path));
        if (cookie != null) b.header("cookie", cookie);
        return Kit.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void sessionsAreSignedExpireAndCannotBeForged() throws Exception {
        TestClock clock = new TestClock();
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1), a -> {
            a.addMiddleware(SessionMiddleware.options("a-secret-of-32-characters-or-so!").maxAge(Duration.ofHours(1))
                    .sameSite(ResponseCookie.SameSite.STRICT).httpsOnly(true).clock(clock).build());
            a.get("/login", worker(req -> {
                req.session().put("user", req.queryParam("u"));
                return Response.text("in");
            }));
            a.get("/me", worker(req -> Response.text(String.valueOf(req.session().get("user")))));
            a.get("/logout", worker(req -> {
                req.session().clear();
                return Response.text("out");
            }));
        });
        try {
            HttpResponse<String> in = call(app, "/login?u=alice", null);
            String setCookie = in.headers().firstValue("set-cookie").orElseThrow();
            assertThat(setCookie).matches("session=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+; Max-Age=3600; Path=/; "
                    + "Secure; HttpOnly; SameSite=Strict");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            assertThat(call(app, "/me", cookie).body()).isEqualTo("alice");
            // the payload is readable but any change breaks the signature: an empty session, no cookie set
            String value = cookie.substring("session=".length());
            String payload = value.substring(0, value.indexOf('.'));
            String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"user\":\"admin\"}".getBytes());
            HttpResponse<String> forged = call(app, "/me", "session=" + value.replace(payload, forgedPayload));
            assertThat(forged.body()).isEqualTo("null");
            assertThat(forged.headers().firstValue("set-cookie")).isEmpty();
            assertThat(call(app, "/me", "session=garbage").body()).isEqualTo("null");
            assertThat(call(app, "/me", "session=a.b.c").body()).isEqualTo("null");
            // older than max_age: ignored
            clock.seconds.addAndGet(3601);
            assertThat(call(app, "/me", cookie).body()).isEqualTo("null");
            clock.seconds.addAndGet(-3601);
            // clearing the session deletes the cookie
            HttpResponse<String> out = call(app, "/logout", cookie);
            assertThat(out.headers().firstValue("set-cookie").orElseThrow())
                    .isEqualTo("session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly; SameSite=Strict");
        } finally {
            app.stop();
        }
    }

    @Test
    void aSessionWithoutTheMiddlewareIsADevelopersError() throws Exception {
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1), a -> a.get("/me", worker(req -> Response.text(String.valueOf(req.session())))));
        try (Kit.Logs logs = new Kit.Logs()) {
            HttpResponse<String> r = call(app, "/me", null);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(logs.atLeast(ch.qos.logback.classic.Level.ERROR)).singleElement()
                    .satisfies(e -> assertThat(e.getThrowableProxy().getMessage())
                            .isEqualTo("SessionMiddleware must be installed to access request.session"));
        } finally {
            app.stop();
        }
    }
}
