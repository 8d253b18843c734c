package dev.brisk.security;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.Response;
import dev.brisk.ResponseCookie;
import dev.brisk.middleware.SessionMiddleware;
import dev.brisk.middleware.TrustedHostMiddleware;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The example docs/security.md quotes (between the markers); SecurityDocTest runs it. */
final class SecurityDocApp {
    private SecurityDocApp() {}

    static Brisk app(String secret) {
        // DOC:begin
        Brisk app = Brisk.create(new BriskConfig()
                .headTimeout(Duration.ofSeconds(30))      // slowloris: a whole request head within 30 s
                .maxConnections(10_000)                   // 503 for the connection over the cap
                .maxFormFiles(20).maxFormFields(200));     // Starlette's max_files / max_fields

        app.addMiddleware(new TrustedHostMiddleware(List.of("example.com", "*.example.com", "127.0.0.1")));
        app.addMiddleware(SessionMiddleware.options(secret).maxAge(Duration.ofHours(8)).build());

        app.post("/login", worker(req -> {
            if (!"s3cret".equals(req.header("x-password"))) {
                throw new HttpException(401, "Not authenticated", Map.of("WWW-Authenticate", "Basic"));
            }
            req.session().put("user", "alice");
            return Response.redirect(req.queryParam("next"), 303)   // percent-encoded: no header injection
                    .withCookie(ResponseCookie.of("theme", "dark").maxAge(Duration.ofDays(30)).httpOnly(true));
        }));
        app.get("/me", worker(req -> {
            Object user = req.session().get("user");
            if (user == null) throw new HttpException(401, "Not authenticated");
            return Map.of("user", user);
        }));
        // DOC:end
        return app;
    }
}
