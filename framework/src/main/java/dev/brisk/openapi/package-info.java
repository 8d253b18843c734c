/**
 * OpenAPI 3.1 for Brisk apps: the document at {@code /openapi.json}, Swagger UI at {@code /docs} and
 * ReDoc at {@code /redoc}, mounted by {@link dev.brisk.Brisk#start()} (see {@link dev.brisk.openapi.OpenApi}).
 *
 * <p>The document is built once, on its first request, from each route's method, template, options (status,
 * summary, tags …), compiled parameter plan ({@link dev.brisk.params.RoutePlan}) and return type, with
 * swagger-models objects serialised by Jackson 3; it is then served as pre-encoded bytes on the event
 * loop. Lambda routes declare their result type with {@link dev.brisk.openapi.ResponseModel}.
 *
 * <pre>{@code
 * app.get("/health", loopSafe(req -> new Health("ok")))
 *    .summary("Health check").tags("ops")
 *    .extension(ResponseModel.class, ResponseModel.of(Health.class));
 * }</pre>
 */
package dev.brisk.openapi;
