package dev.brisk.params;

/**
 * Where a parameter's value comes from. {@link #loc()} is the first element of a 422 error's
 * {@code loc}, and the OpenAPI parameter's {@code in} for the first four.
 *
 * <pre>{@code
 * for (ParamSpec p : plan.params(Source.QUERY)) openApiParameter("query", p);
 * Source.HEADER.loc();   // "header"
 * }</pre>
 */
public enum Source {
    PATH("path"),
    QUERY("query"),
    HEADER("header"),
    COOKIE("cookie"),
    /** A form field or uploaded file (urlencoded or multipart body); errors are under {@code "body"}. */
    FORM("body"),
    /** The JSON body. */
    BODY("body"),
    /** The {@link dev.brisk.Request} itself: not a client-supplied value. */
    REQUEST(null);

    private final String loc;

    Source(String loc) {
        this.loc = loc;
    }

    /** The {@code loc} prefix of errors about this source ({@code "path"}, {@code "query"}, ... {@code "body"}). */
    public String loc() {
        return loc;
    }
}
