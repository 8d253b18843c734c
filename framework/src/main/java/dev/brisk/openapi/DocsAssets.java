package dev.brisk.openapi;

import dev.brisk.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Swagger UI and ReDoc files from the webjars on the class path, and the two small index pages that
 * point them at the document. Asset bytes are read once per JVM, on first use, and then served from
 * memory; their URLs carry the webjar version ({@code ?v=5.34.1}), so they are cached as immutable.
 */
final class DocsAssets {
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String NO_CACHE = "no-cache";

    private static final String SWAGGER_ROOT = "META-INF/resources/webjars/swagger-ui/";
    private static final String REDOC_ROOT = "META-INF/resources/webjars/redoc/";
    static final String SWAGGER_VERSION = version("META-INF/maven/org.webjars/swagger-ui/pom.properties", "5.34.1");
    static final String REDOC_VERSION = version("META-INF/maven/org.webjars.npm/redoc/pom.properties", "2.1.4");

    private static final Map<String, Response> CACHE = new ConcurrentHashMap<>();

    private DocsAssets() {}

    /** The asset files a docs mount serves: URL suffix → (webjar path, content type). */
    record Asset(String suffix, String resource, String contentType) {}

    static final Asset[] SWAGGER = {
        new Asset("/swagger-ui-bundle.js", SWAGGER_ROOT + SWAGGER_VERSION + "/swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
        new Asset("/swagger-ui.css", SWAGGER_ROOT + SWAGGER_VERSION + "/swagger-ui.css", "text/css; charset=utf-8"),
        new Asset("/favicon-32x32.png", SWAGGER_ROOT + SWAGGER_VERSION + "/favicon-32x32.png", "image/png"),
        new Asset("/oauth2-redirect.js", SWAGGER_ROOT + SWAGGER_VERSION + "/oauth2-redirect.js", "text/javascript; charset=utf-8"),
    };
    static final Asset REDOC = new Asset("/redoc.standalone.js",
            REDOC_ROOT + REDOC_VERSION + "/bundles/redoc.standalone.js", "text/javascript; charset=utf-8");

    /** Whether the webjar holding {@code asset} is on the class path. */
    static boolean available(Asset asset) {
        return DocsAssets.class.getClassLoader().getResource(asset.resource()) != null;
    }

    /** The asset as a ready response (immutable caching); read from the jar the first time only. */
    static Response asset(Asset a) {
        return CACHE.computeIfAbsent(a.resource(), r -> Response.bytes(200, a.contentType(), read(r))
                .withHeader("cache-control", IMMUTABLE));
    }

    /** FastAPI's {@code get_swagger_ui_html}, with local assets. */
    static String swaggerPage(String title, String docsUrl, String openapiUrl) {
        String v = "?v=" + SWAGGER_VERSION;
        return """
                <!DOCTYPE html>
                <html>
                <head>
                <meta charset="utf-8">
                <link type="text/css" rel="stylesheet" href="%1$s/swagger-ui.css%2$s">
                <link rel="shortcut icon" href="%1$s/favicon-32x32.png%2$s">
                <title>%3$s - Swagger UI</title>
                </head>
                <body>
                <div id="swagger-ui">
                </div>
                <script src="%1$s/swagger-ui-bundle.js%2$s"></script>
                <script>
                const ui = SwaggerUIBundle({
                    url: '%4$s',
                    dom_id: '#swagger-ui',
                    layout: 'BaseLayout',
                    deepLinking: true,
                    showExtensions: true,
                    showCommonExtensions: true,
                    oauth2RedirectUrl: window.location.origin + '%1$s/oauth2-redirect',
                    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
                })
                </script>
                </body>
                </html>
                """.formatted(docsUrl, v, html(title), js(openapiUrl));
    }

    /** FastAPI's {@code get_redoc_html}, with the local bundle and without Google Fonts. */
    static String redocPage(String title, String redocUrl, String openapiUrl) {
        return """
                <!DOCTYPE html>
                <html>
                <head>
                <title>%1$s - ReDoc</title>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body { margin: 0; padding: 0; }</style>
                </head>
                <body>
                <noscript>ReDoc requires Javascript to function. Please enable it to browse the documentation.</noscript>
                <redoc spec-url="%2$s"></redoc>
                <script src="%3$s/redoc.standalone.js?v=%4$s"></script>
                </body>
                </html>
                """.formatted(html(title), html(openapiUrl), redocUrl, REDOC_VERSION);
    }

    /** Swagger UI's OAuth2 redirect page (the webjar's; it loads {@code oauth2-redirect.js} next to it). */
    static byte[] oauth2Redirect() {
        return read(SWAGGER_ROOT + SWAGGER_VERSION + "/oauth2-redirect.html");
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsAssets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing webjar resource " + resource);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version(String pomProperties, String fallback) {
        try (InputStream in = DocsAssets.class.getClassLoader().getResourceAsStream(pomProperties)) {
            if (in == null) return fallback;
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", fallback);
        } catch (IOException e) {
            return fallback;
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String js(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\u003c");
    }
}
