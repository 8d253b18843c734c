/**
 * Middleware: code around every request, and the bundled {@link dev.brisk.middleware.CorsMiddleware}
 * and {@link dev.brisk.middleware.GZipMiddleware}.
 *
 * <pre>{@code
 * app.addMiddleware(new GZipMiddleware());                                   // inner
 * app.addMiddleware(new CorsMiddleware(CorsMiddleware.options().allowOrigins("*"))); // outer (added last)
 * }</pre>
 *
 * <p><b>Design.</b> A middleware is asynchronous ({@code CompletionStage<Response> handle(Request,
 * Next)}) so one chain serves both lanes without blocking the loop: the chain runs on the request's
 * event loop; {@code next.call()} enters the route's lane (a loop route runs right there, a worker
 * route hops to a worker) and its stage completes back on the loop. Order is Starlette's: the last
 * added is the outermost. The chain sees the router's 404/405 and every error as a response (the
 * exception handlers run inside it), but not the 503 of the in-flight limit nor the 504 of a time
 * limit, which are answered directly. Apps without middleware skip the chain entirely.
 */
package dev.brisk.middleware;
