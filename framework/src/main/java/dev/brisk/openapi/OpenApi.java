package dev.brisk.openapi;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;

import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.routing.Route;
import io.swagger.v3.oas.models.OpenAPI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAPI 3.1 document of an app and the routes that serve it: {@code /openapi.json}, Swagger UI at
 * {@code /docs} and ReDoc at {@code /redoc} (FastAPI's defaults). {@link dev.brisk.Brisk#start()} mounts
 * them; the URLs are set, or switched off with {@code null}, in {@link BriskConfig}.
 *
 * <pre>{@code
 * Brisk app = Brisk.create(new BriskConfig()
 *         .info("Inventory", "1.2.0", "Items and orders")
 *         .openapiUrl("/api/openapi.json")     // null: no document and no UIs
 *         .redocUrl(null));                    // keep Swagger UI, drop ReDoc
 * app.get("/items/{id}", worker(req -> find(req))).summary("Read an item").tags("items");
 * app.start();                                 // GET /api/openapi.json, GET /docs
 *
 * String json = OpenApi.json(app.config(), app.routes());  // the same document, without a server
 * }</pre>
 *
 * <p>The document is built once, when it is first requested (as FastAPI builds it), off the event loop,
 * from the routes and what the parameter plan of each route declares; it is then served from memory as
 * pre-encoded bytes. Types that cannot be described (raw {@code Object}, recursive records, plain
 * classes) get the permissive schema {@code {}} and one WARN line naming the route when it is built.
 */
public final class OpenApi {
    private static final Logger log = LoggerFactory.getLogger("brisk.openapi");

    private OpenApi() {}

    /** The document for {@code routes} (routes with {@code includeInSchema(false)} are left out). */
    public static OpenAPI document(BriskConfig config, List<Route> routes) {
        return document(config, routes, type -> null);
    }

    /**
     * As {@link #document(BriskConfig, List)}, finding the security scheme objects an app registered
     * ({@code app.dependency(OAuth2PasswordBearer.class, oauth2)}) with {@code dependencies}; a scheme
     * class it does not know is made with its no-arg constructor.
     */
    public static OpenAPI document(BriskConfig config, List<Route> routes, Function<Class<?>, Object> dependencies) {
        OpenAPI doc = new DocumentBuilder(config.converters(), config.json(), dependencies).build(config.title(), config.version(), config.description(), routes);
        String root = config.deployment().rootPath();
        // FastAPI's root_path_in_servers: behind a prefix-stripping proxy, "Try it out" must call /prefix/...
        if (!root.isEmpty()) doc.servers(List.of(new io.swagger.v3.oas.models.servers.Server().url(root)));
        return doc;
    }

    /** The document as pretty-printed JSON (for snapshots and tools; the server sends it compact). */
    public static String json(BriskConfig config, List<Route> routes) {
        return SpecJson.pretty(document(config, routes));
    }

    /**
     * The routes serving the document and the UIs for an app with {@code appRoutes}, on the event loop
     * (every answer is ready in memory). Empty when {@link BriskConfig#openapiUrl()} is {@code null}. A
     * URL the app already routes itself is left to the app.
     */
    public static List<Route> routes(BriskConfig config, List<Route> appRoutes) {
        return routes(config, appRoutes, type -> null);
    }

    /** As {@link #routes(BriskConfig, List)}, with the app's registered dependencies (see {@link #document(BriskConfig, List, Function)}). */
    public static List<Route> routes(BriskConfig config, List<Route> appRoutes, Function<Class<?>, Object> dependencies) {
        String openapiUrl = config.openapiUrl();
        if (openapiUrl == null) return List.of();
        Set<String> taken = new HashSet<>();
        for (Route r : appRoutes) taken.add(r.label());
        List<Route> out = new ArrayList<>();
        // Built on its first request, as FastAPI's app.openapi() is: the generator, swagger-models and a
        // second Jackson mapper are some hundreds of classes that start-up need not load before the first
        // response of a service whose documents nobody may fetch.
        List<Route> described = List.copyOf(appRoutes);
        Route docRoute = new Route("GET", openapiUrl, loop(new LazyDocument(() -> {
            long t0 = System.nanoTime();
            byte[] doc = SpecJson.encode(document(config, described, dependencies));
            log.debug("OpenAPI document: {} bytes, built in {} ms", doc.length, (System.nanoTime() - t0) / 1_000_000);
            return doc;
        })));
        if (taken.add(docRoute.label())) out.add(docRoute.includeInSchema(false));
        else log.info("{} is routed by the app; the built-in one is not mounted", docRoute.label());
        String root = config.deployment().rootPath();   // the pages' own URLs, as the browser sees them
        String docs = config.docsUrl();
        if (docs != null && !DocsAssets.available(DocsAssets.SWAGGER[0])) {
            log.warn("Swagger UI is not on the class path (org.webjars:swagger-ui {}): {} is not mounted",
                    DocsAssets.SWAGGER_VERSION, docs);
        } else if (docs != null) {
            String base = trimSlash(docs);
            add(out, taken, "GET", docs, page(DocsAssets.swaggerPage(config.title(), root + base, root + openapiUrl)));
            add(out, taken, "GET", base + "/oauth2-redirect",
                    Response.bytes(200, Response.TEXT_HTML, DocsAssets.oauth2Redirect()).withHeader("cache-control", DocsAssets.NO_CACHE));
            for (DocsAssets.Asset a : DocsAssets.SWAGGER) addAsset(out, taken, base + a.suffix(), a);
        }
        String redoc = config.redocUrl();
        if (redoc != null && !DocsAssets.available(DocsAssets.REDOC)) {
            log.warn("ReDoc is not on the class path (org.webjars.npm:redoc {}): {} is not mounted",
                    DocsAssets.REDOC_VERSION, redoc);
        } else if (redoc != null) {
            String base = trimSlash(redoc);
            add(out, taken, "GET", redoc, page(DocsAssets.redocPage(config.title(), root + base, root + openapiUrl)));
            addAsset(out, taken, base + DocsAssets.REDOC.suffix(), DocsAssets.REDOC);
        }
        return out;
    }

    private static Response page(String html) {
        return Response.bytes(200, Response.TEXT_HTML, html.getBytes(StandardCharsets.UTF_8))
                .withHeader("cache-control", DocsAssets.NO_CACHE);
    }

    private static void add(List<Route> out, Set<String> taken, String method, String path, Response response) {
        Route r = new Route(method, path, loopSafe(req -> response));
        if (!taken.add(r.label())) {
            log.info("{} is routed by the app; the built-in one is not mounted", r.label());
            return;
        }
        out.add(r.includeInSchema(false));
    }

    private static void addAsset(List<Route> out, Set<String> taken, String path, DocsAssets.Asset asset) {
        Route r = new Route("GET", path, loopSafe(req -> DocsAssets.asset(asset)));
        if (taken.add(r.label())) out.add(r.includeInSchema(false));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
