package dev.brisk.params;

/**
 * Reads an app's own value type from text — a path, query, header, cookie or form value — so routes can
 * take it as a parameter like a built-in scalar. A conversion that throws is FastAPI's 422
 * {@code value_error} with the exception's message; OpenAPI documents the parameter as a string with
 * the converter's {@link #format()}.
 *
 * <pre>{@code
 * record Money(BigDecimal amount, String currency) {
 *     static Money parse(String s) {                 // "12.50 EUR"
 *         String[] p = s.trim().split(" ");
 *         if (p.length != 2) throw new IllegalArgumentException("expected '<amount> <currency>'");
 *         return new Money(new BigDecimal(p[0]), p[1]);
 *     }
 * }
 * Brisk app = Brisk.create(new BriskConfig().converter(Money.class, Converter.of(Money::parse, "money")));
 * app.get("/price", worker(req -> Params.of(req).query("max", Money.class)));   // or @Query Money max
 * }</pre>
 *
 * <p>Converters belong to the app's {@link dev.brisk.BriskConfig}: two apps in one JVM may read the same
 * type differently.
 *
 * @param <T> the type read
 */
@FunctionalInterface
public interface Converter<T> {
    /** The value for {@code text}; throws (any exception) when the text is not a valid value. */
    T convert(String text) throws Exception;

    /** The OpenAPI {@code format} of the string parameter, or {@code null} for none. */
    default String format() {
        return null;
    }

    /** A converter with an OpenAPI format. */
    static <T> Converter<T> of(Converter<T> convert, String format) {
        return new Converter<>() {
            @Override
            public T convert(String text) throws Exception {
                return convert.convert(text);
            }

            @Override
            public String format() {
                return format;
            }
        };
    }
}
