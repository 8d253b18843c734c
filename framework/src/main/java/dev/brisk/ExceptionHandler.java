package dev.brisk;

/**
 * Turns an exception of type {@code T} into a response, like FastAPI's {@code @app.exception_handler}.
 * Registered on the app by type; for a given exception the handler of the most specific registered
 * type (nearest superclass) wins.
 *
 * <pre>{@code
 * app.exceptionHandler(UnicornException.class, (req, e) ->
 *         Response.json(Map.of("message", "Oops! " + e.name() + " did something.")).withStatus(418));
 * // override how validation errors look (a 422 by default):
 * app.exceptionHandler(RequestValidationException.class, (req, e) -> Response.text(e.getMessage()).withStatus(400));
 * }</pre>
 *
 * <p>Threading: the handler runs where the exception surfaced — on the worker thread for a worker-lane
 * route, on the event loop for a loop route or a middleware — so it must not block. Returning
 * {@code null} or throwing answers a plain 500 (the error is logged, never shown to the client).
 *
 * @param <T> the exception type handled
 */
@FunctionalInterface
public interface ExceptionHandler<T extends Throwable> {
    /** The response for {@code exception}, raised while serving {@code request}. */
    Response handle(Request request, T exception) throws Exception;
}
