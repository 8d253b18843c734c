package dev.brisk.validation;

/**
 * One validation constraint of a parameter or body field, named by its JSON Schema keyword so that
 * OpenAPI can copy it: {@code minimum}, {@code maximum}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum} (numbers, as {@link java.math.BigDecimal}), {@code minLength},
 * {@code maxLength}, {@code minItems}, {@code maxItems} (integers), {@code pattern} (a regex string),
 * {@code format} ({@code "email"}). Constraints without a JSON Schema keyword use Brisk's names:
 * {@code notBlank} ({@code true}), {@code maxDigits}/{@code decimalPlaces} (integers), {@code past},
 * {@code pastOrPresent}, {@code future}, {@code futureOrPresent} ({@code true}), and {@code custom}
 * (the constraint annotation's simple name, checked by Hibernate Validator).
 *
 * <pre>{@code
 * // @Min(1) int item_id      → new Constraint("minimum", BigDecimal.ONE)
 * // @Size(min = 3) String q  → new Constraint("minLength", 3)
 * }</pre>
 *
 * @param keyword the JSON Schema keyword (or Brisk name, see above)
 * @param value the keyword's value
 */
public record Constraint(String keyword, Object value) {}
