package dev.brisk.validation;

import java.util.Map;

/**
 * What is wrong with one value, before it is placed ({@code loc}, {@code input}): pydantic's error
 * {@code type}, message and context. Converters and checks return an {@code Issue} instead of throwing,
 * so a bad request costs no exception; fixed issues are shared constants.
 *
 * <pre>{@code
 * ValidationError e = Issue.MISSING.at(List.of("query", "q"), null);
 * // {"type":"missing","loc":["query","q"],"msg":"Field required","input":null}
 * }</pre>
 *
 * @param type pydantic's error type, e.g. {@code int_parsing}
 * @param msg pydantic's message
 * @param ctx pydantic's context, or {@code null}
 */
public record Issue(String type, String msg, Map<String, Object> ctx) {
    public static final Issue MISSING = new Issue("missing", "Field required", null);

    public static Issue of(String type, String msg) {
        return new Issue(type, msg, null);
    }

    /** The placed error. */
    public ValidationError at(java.util.List<Object> loc, Object input) {
        return new ValidationError(type, loc, msg, input, ctx);
    }
}
