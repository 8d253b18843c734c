/**
 * Typed request parameters: FastAPI's signature-driven binding, compiled once per handler.
 *
 * <p>{@link dev.brisk.params.Controllers} compiles each annotated method into a plan — one binder per
 * parameter ({@code @PathParam}, {@code @Query}, {@code @Header}, {@code @Cookie}, {@code @Form},
 * {@code @Body}, or FastAPI's rule for unannotated ones) and a spreading method handle — and attaches
 * its read-only description, {@link dev.brisk.params.RoutePlan}, to the route for OpenAPI. A request
 * runs the binders, collects every error, and either invokes the handler or throws one
 * {@link dev.brisk.RequestValidationException} (422, pydantic's shape). Lambda routes get the same
 * through {@link dev.brisk.params.Params}.
 *
 * <p>Decisions: conversions return a value or an {@code Issue} (no exceptions on the hot path); JSON
 * bodies are parsed to a tree under read limits and bound by Brisk for records (every field error,
 * exact locs, no string coercion), by Jackson for other classes; uploaded files are slices of the
 * request body, which the server has already buffered within {@code maxBodySize}.
 *
 * <pre>{@code
 * @Get("/items/{item_id}") @RunOn(Lane.LOOP)
 * public Map<String, Object> item(@PathParam int item_id, @Query Optional<String> q,
 *                                 @Query(defaultValue = "10") @Min(1) int limit) { ... }
 * }</pre>
 *
 * See {@code docs/validation.md} for the full error table.
 */
package dev.brisk.params;
