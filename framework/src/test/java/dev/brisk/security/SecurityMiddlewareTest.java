package dev.brisk.security;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.ResponseCookie;
import dev.brisk.middleware.HttpsRedirectMiddleware;
import dev.brisk.middleware.SessionMiddleware;
import dev.brisk.middleware.TrustedHostMiddleware;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import dev.brisk.testing.TestResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** TrustedHost, HTTPS redirect and signed-cookie sessions with Starlette's semantics, on a running app. */
class SecurityMiddlewareTest {

    static RawResponse get(BriskTestClient client, String target, String host) throws Exception {
        try (RawConnection c = client.raw()) {
            c.send("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            return c.read();
        }
    }

    @Test
    void trustedHostAnswers400ToOtherHostsAndRedirectsToWww() throws Exception {
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.addMiddleware(new TrustedHostMiddleware(List.of("example.com", "*.example.org", "www.site.net")));
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        BriskTestClient client = BriskTestClient.inProcess(app);
        try {
            assertThat(get(client, "/ping", "example.com").body()).isEqualTo("pong");
            assertThat(get(client, "/ping", "EXAMPLE.com:8000").body()).isEqualTo("pong");
            assertThat(get(client, "/ping", "api.example.org").body()).isEqualTo("pong");
            RawResponse apex = get(client, "/ping", "example.org");
            assertThat(apex.status()).isEqualTo(400);
            assertThat(apex.body()).isEqualTo("Invalid host header");
            RawResponse evil = get(client, "/ping", "evil.com");
            assertThat(evil.status()).isEqualTo(400);
            assertThat(evil.body()).isEqualTo("Invalid host header");
            RawResponse www = get(client, "/ping?a=1", "site.net");
            assertThat(www.status()).isEqualTo(307);
            assertThat(www.header("location")).isEqualTo("http://www.site.net/ping?a=1");
        } finally {
            client.close();
        }
    }

    @Test
    void httpsRedirectKeepsPathQueryAndNonDefaultPorts() throws Exception {
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.addMiddleware(new HttpsRedirectMiddleware());
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        BriskTestClient client = BriskTestClient.inProcess(app);
        try {
            RawResponse r = get(client, "/ping?x=1", "example.com:80");
            assertThat(r.status()).isEqualTo(307);
            assertThat(r.header("location")).isEqualTo("https://example.com/ping?x=1");
            assertThat(get(client, "/a%20b", "example.com:8443").header("location")).isEqualTo("https://example.com:8443/a%20b");
        } finally {
            client.close();
        }
    }

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        final AtomicLong seconds = new AtomicLong(1_700_000_000L);
        @Override public ZoneId getZone() { return ZoneId.of("UTC"); }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return Instant.ofEpochSecond(seconds.get()); }
    }

    static TestResponse call(BriskTestClient client, String path, String cookie) {
        var b = client.get(path);
        if (cookie != null) b.header("cookie", cookie);
        return b.send();
    }

    @Test
    void sessionsAreSignedExpireAndCannotBeForged() throws Exception {
        TestClock clock = new TestClock();
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.addMiddleware(SessionMiddleware.options("a-secret-of-32-characters-or-so!").maxAge(Duration.ofHours(1))
                .sameSite(ResponseCookie.SameSite.STRICT).httpsOnly(true).clock(clock).build());
        app.get("/login", worker(req -> {
            req.session().put("user", req.queryParam("u"));
            return Response.text("in");
        }));
        app.get("/me", worker(req -> Response.text(String.valueOf(req.session().get("user")))));
        app.get("/logout", worker(req -> {
            req.session().clear();
            return Response.text("out");
        }));
        BriskTestClient client = BriskTestClient.inProcess(app);
        try {
            TestResponse in = call(client, "/login?u=alice", null);
            String setCookie = in.header("set-cookie");
            assertThat(setCookie).matches("session=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+; Max-Age=3600; Path=/; "
                    + "Secure; HttpOnly; SameSite=Strict");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            assertThat(call(client, "/me", cookie).text()).isEqualTo("alice");
            // the payload is readable but any change breaks the signature: an empty session, no cookie set
            String value = cookie.substring("session=".length());
            String payload = value.substring(0, value.indexOf('.'));
            String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"user\":\"admin\"}".getBytes());
            TestResponse forged = call(client, "/me", "session=" + value.replace(payload, forgedPayload));
            assertThat(forged.text()).isEqualTo("null");
            assertThat(forged.headers("set-cookie")).isEmpty();
            assertThat(call(client, "/me", "session=garbage").text()).isEqualTo("null");
            assertThat(call(client, "/me", "session=a.b.c").text()).isEqualTo("null");
            // older than max_age: ignored
            clock.seconds.addAndGet(3601);
            assertThat(call(client, "/me", cookie).text()).isEqualTo("null");
            clock.seconds.addAndGet(-3601);
            // clearing the session deletes the cookie
            TestResponse out = call(client, "/logout", cookie);
            assertThat(out.header("set-cookie"))
                    .isEqualTo("session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; HttpOnly; SameSite=Strict");
        } finally {
            client.close();
        }
    }

    @Test
    void aSessionWithoutTheMiddlewareIsADevelopersError() throws Exception {
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.get("/me", worker(req -> Response.text(String.valueOf(req.session()))));
        BriskTestClient client = BriskTestClient.inProcess(app);
        try (LogCapture logs = new LogCapture()) {
            TestResponse r = call(client, "/me", null);
            assertThat(r.status()).isEqualTo(500);
            assertThat(logs.atLeast(ch.qos.logback.classic.Level.ERROR)).singleElement()
                    .satisfies(e -> assertThat(e.getThrowableProxy().getMessage())
                            .isEqualTo("SessionMiddleware must be installed to access request.session"));
        } finally {
            client.close();
        }
    }
}
