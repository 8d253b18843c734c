package dev.brisk.examples.docs;

import static dev.brisk.Handler.loopSafe;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.StaticFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * docs/static-files-and-http2.md's example: an API route, assets under /static, and a site at / with
 * index.html, served over HTTP/1.1 and clear-text HTTP/2 alike. The doc quotes the marked lines.
 */
public final class StaticSiteApp {
    private StaticSiteApp() {}

    // DOC:begin
    public static Brisk create(BriskConfig config, Path site) {
        Brisk app = Brisk.create(config.http2(true));   // h2c is on by default; off with http2(false)
        app.get("/api/hello", loopSafe(req -> Map.of("message", "hello")));
        app.mount("/static", StaticFiles.directory(site.resolve("static"))
                .cacheControl("public, max-age=3600"));    // ETag, Range, .br/.gz siblings
        app.mount("/", StaticFiles.directory(site).html(true));   // "/" -> index.html, misses -> 404.html
        return app;
    }
    // DOC:end

    public static void main(String[] args) {
        create(new BriskConfig().port(8000), Path.of(args.length > 0 ? args[0] : "site")).start();
    }
}
