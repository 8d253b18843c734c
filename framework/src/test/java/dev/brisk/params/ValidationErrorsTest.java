package dev.brisk.params;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every 422 {@code type} Brisk produces, with its exact {@code loc}, {@code msg}, {@code input} and
 * {@code ctx}, against a real server: one table row per case, compared with pydantic v2's output.
 */
class ValidationErrorsTest {
    static Brisk app;

    @BeforeAll
    static void start() {
        app = Brisk.create(new BriskConfig().port(0).loops(1)).include(new TestApi());
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    /** One expected error. */
    static Map<String, Object> e(String type, List<Object> loc, String msg, Object input, Object... ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("loc", loc);
        m.put("msg", msg);
        m.put("input", input);
        if (ctx.length > 0) {
            Map<String, Object> c = new LinkedHashMap<>();
            for (int i = 0; i < ctx.length; i += 2) c.put((String) ctx[i], ctx[i + 1]);
            m.put("ctx", c);
        }
        return m;
    }

    static List<Object> loc(Object... parts) {
        return Arrays.asList(parts);
    }

    static final String INT = "Input should be a valid integer, unable to parse string as an integer";

    /** name, method, uri, content type, body, expected errors (in order). */
    static Stream<Arguments> cases() {
        List<Arguments> rows = new ArrayList<>();
        // parameters: parsing
        rows.add(row("int_parsing path", "GET", "/items/foo", null, null, e("int_parsing", loc("path", "item_id"), INT, "foo")));
        rows.add(row("two errors at once", "GET", "/items/foo?limit=bar", null, null,
                e("int_parsing", loc("path", "item_id"), INT, "foo"), e("int_parsing", loc("query", "limit"), INT, "bar")));
        rows.add(row("missing query", "GET", "/plain/1", null, null, e("missing", loc("query", "needy"), "Field required", null)));
        rows.add(row("int_parsing_size", "GET", "/types?i=99999999999", null, null,
                e("int_parsing_size", loc("query", "i"), "Unable to parse input string as an integer, exceeded maximum size", "99999999999")));
        rows.add(row("float_parsing", "GET", "/types?d=abc", null, null,
                e("float_parsing", loc("query", "d"), "Input should be a valid number, unable to parse string as a number", "abc")));
        rows.add(row("bool_parsing", "GET", "/types?b=maybe", null, null,
                e("bool_parsing", loc("query", "b"), "Input should be a valid boolean, unable to interpret input", "maybe")));
        rows.add(row("uuid_parsing length", "GET", "/types?u=abc", null, null,
                e("uuid_parsing", loc("query", "u"), "Input should be a valid UUID, invalid length: expected length 32 for simple format, found 3",
                        "abc", "error", "invalid length: expected length 32 for simple format, found 3")));
        String badChar = "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 1";
        rows.add(row("uuid_parsing character", "GET", "/types?u=zz", null, null,
                e("uuid_parsing", loc("query", "u"), "Input should be a valid UUID, " + badChar, "zz", "error", badChar)));
        rows.add(row("enum", "GET", "/types?e=purple", null, null,
                e("enum", loc("query", "e"), "Input should be 'red', 'green' or 'blue'", "purple", "expected", "'red', 'green' or 'blue'")));
        String month = "month value is outside expected range of 1-12";
        rows.add(row("date_parsing month", "GET", "/types?date=2020-13-01", null, null,
                e("date_parsing", loc("query", "date"), "Input should be a valid date in the format YYYY-MM-DD, " + month, "2020-13-01", "error", month)));
        rows.add(row("date_parsing short", "GET", "/types?date=2020", null, null,
                e("date_parsing", loc("query", "date"), "Input should be a valid date in the format YYYY-MM-DD, input is too short", "2020",
                        "error", "input is too short")));
        rows.add(row("datetime_parsing", "GET", "/types?dt=yesterday", null, null,
                e("datetime_parsing", loc("query", "dt"), "Input should be a valid datetime, input is too short", "yesterday",
                        "error", "input is too short")));
        rows.add(row("decimal_parsing", "GET", "/types?dec=x", null, null,
                e("decimal_parsing", loc("query", "dec"), "Input should be a valid decimal", "x")));
        rows.add(row("time_delta_parsing", "GET", "/types?dur=abc", null, null,
                e("time_delta_parsing", loc("query", "dur"), "Input should be a valid timedelta, invalid duration format", "abc",
                        "error", "invalid duration format")));
        // parameters: constraints
        rows.add(row("greater_than_equal", "GET", "/constraints?ge=0", null, null,
                e("greater_than_equal", loc("query", "ge"), "Input should be greater than or equal to 1", "0", "ge", 1)));
        rows.add(row("greater_than", "GET", "/constraints?gt=0", null, null,
                e("greater_than", loc("query", "gt"), "Input should be greater than 0", "0", "gt", 0)));
        rows.add(row("less_than_equal", "GET", "/constraints?le=11", null, null,
                e("less_than_equal", loc("query", "le"), "Input should be less than or equal to 10", "11", "le", 10)));
        rows.add(row("less_than", "GET", "/constraints?lt=2.5", null, null,
                e("less_than", loc("query", "lt"), "Input should be less than 2.5", "2.5", "lt", 2.5)));
        rows.add(row("string_too_short", "GET", "/constraints?s=ab", null, null,
                e("string_too_short", loc("query", "s"), "String should have at least 3 characters", "ab", "min_length", 3)));
        rows.add(row("string_too_long", "GET", "/constraints?s=abcdef", null, null,
                e("string_too_long", loc("query", "s"), "String should have at most 5 characters", "abcdef", "max_length", 5)));
        rows.add(row("string_pattern_mismatch", "GET", "/constraints?pat=ABC", null, null,
                e("string_pattern_mismatch", loc("query", "pat"), "String should match pattern '[a-z]+'", "ABC", "pattern", "[a-z]+")));
        String at = "An email address must have an @-sign.";
        rows.add(row("email value_error", "GET", "/constraints?email=foo", null, null,
                e("value_error", loc("query", "email"), "value is not a valid email address: " + at, "foo", "reason", at)));
        String afterAt = "An email address cannot have a period immediately after the @-sign.";
        rows.add(row("email a@.b", "GET", "/constraints?email=a@.b", null, null,
                e("value_error", loc("query", "email"), "value is not a valid email address: " + afterAt, "a@.b", "reason", afterAt)));
        String twoDots = "An email address cannot have two periods in a row.";
        rows.add(row("email a@b..c", "GET", "/constraints?email=a@b..c", null, null,
                e("value_error", loc("query", "email"), "value is not a valid email address: " + twoDots, "a@b..c", "reason", twoDots)));
        rows.add(row("blank is too short", "GET", "/constraints?blank=%20%20", null, null,
                e("string_too_short", loc("query", "blank"), "String should have at least 1 character", "  ", "min_length", 1)));
        rows.add(row("decimal_whole_digits", "GET", "/constraints?money=1234.5", null, null,
                e("decimal_whole_digits", loc("query", "money"), "Decimal input should have no more than 3 digits before the decimal point",
                        "1234.5", "whole_digits", 3)));
        rows.add(row("decimal_max_places", "GET", "/constraints?money=1.234", null, null,
                e("decimal_max_places", loc("query", "money"), "Decimal input should have no more than 2 decimal places", "1.234",
                        "decimal_places", 2)));
        rows.add(row("date_past", "GET", "/constraints?born=2999-01-01", null, null,
                e("date_past", loc("query", "born"), "Date should be in the past", "2999-01-01")));
        rows.add(row("list items located by index", "GET", "/list?n=1&n=x&n=-1&tag=a", null, null,
                e("int_parsing", loc("query", "n", 1), INT, "x"),
                e("greater_than_equal", loc("query", "n", 2), "Input should be greater than or equal to 0", "-1", "ge", 0)));
        rows.add(row("too_long list", "GET", "/list?n=1&n=2&n=3&n=4&tag=a", null, null,
                e("too_long", loc("query", "n"), "List should have at most 3 items after validation, not 4", List.of("1", "2", "3", "4"),
                        "field_type", "List", "max_length", 3, "actual_length", 4)));
        rows.add(row("missing list and header", "GET", "/headers", null, null,
                e("missing", loc("header", "x-token"), "Field required", null),
                e("missing", loc("header", "x-multi"), "Field required", null)));
        // JSON body
        rows.add(row("json_invalid", "POST", "/items", "application/json", "{\"name\": }",
                e("json_invalid", loc("body", 9), "JSON decode error", Map.of(), "error", "Expecting value")));
        rows.add(row("json_invalid property name", "POST", "/items", "application/json", "{bad",
                e("json_invalid", loc("body", 1), "JSON decode error", Map.of(), "error", "Expecting property name enclosed in double quotes")));
        for (String[] c : new String[][] {{"[1,2", "4", "Expecting ',' delimiter"}, {"{\"a\":1,}", "7", "Expecting property name enclosed in double quotes"},
                {"{\"a\" 1}", "5", "Expecting ':' delimiter"}, {"[1] x", "4", "Extra data"}, {"{\"a\":\"x", "5", "Unterminated string starting at"}}) {
            rows.add(row("json_invalid " + c[0], "POST", "/numbers", "application/json", c[0],
                    e("json_invalid", loc("body", Integer.parseInt(c[1])), "JSON decode error", Map.of(), "error", c[2])));
        }
        rows.add(row("non-JSON content type is not parsed (CSRF)", "POST", "/items", "text/plain", "{\"name\": \"x\"}",
                e("model_attributes_type", loc("body"), "Input should be a valid dictionary or object to extract fields from", "{\"name\": \"x\"}")));
        rows.add(row("missing body", "POST", "/items", "application/json", "",
                e("missing", loc("body"), "Field required", null)));
        rows.add(row("model_attributes_type", "POST", "/items", "application/json", "[1]",
                e("model_attributes_type", loc("body"), "Input should be a valid dictionary or object to extract fields from", List.of(1))));
        rows.add(row("missing fields, input is the object", "POST", "/items", "application/json", "{}",
                e("missing", loc("body", "name"), "Field required", Map.of()),
                e("missing", loc("body", "price"), "Field required", Map.of()),
                e("missing", loc("body", "quantity"), "Field required", Map.of()),
                e("missing", loc("body", "tags"), "Field required", Map.of()),
                e("missing", loc("body", "address"), "Field required", Map.of())));
        String good = "\"price\": 1.5, \"quantity\": 1, \"tags\": [], \"address\": {\"city\": \"Paris\", \"zip\": \"75001\"}";
        rows.add(row("string_type: no number→string coercion", "POST", "/items", "application/json", "{\"name\": 123, " + good + "}",
                e("string_type", loc("body", "name"), "Input should be a valid string", 123)));
        rows.add(row("int_type for null", "POST", "/items", "application/json",
                "{\"name\": \"a\", \"price\": 1, \"quantity\": null, \"tags\": [], \"address\": {\"city\": \"P\", \"zip\": \"75001\"}}",
                e("int_type", loc("body", "quantity"), "Input should be a valid integer", null)));
        rows.add(row("int_from_float and int_parsing", "POST", "/items", "application/json",
                "{\"name\": \"a\", \"price\": \"x\", \"quantity\": 1.5, \"tags\": [], \"address\": {\"city\": \"P\", \"zip\": \"75001\"}}",
                e("decimal_parsing", loc("body", "price"), "Input should be a valid decimal", "x"),
                e("int_from_float", loc("body", "quantity"), "Input should be a valid integer, got a number with a fractional part", 1.5)));
        rows.add(row("nested constraint locs", "POST", "/items", "application/json",
                "{\"name\": \"\", \"price\": -1, \"quantity\": 0, \"tags\": [\"a\",\"b\",\"c\",\"d\"], \"address\": {\"city\": \"P\", \"zip\": \"7500\"},"
                        + " \"more\": [{\"city\": \" \", \"zip\": \"12345\"}, {\"zip\": 1}]}",
                e("string_too_short", loc("body", "name"), "String should have at least 1 character", "", "min_length", 1),
                e("greater_than", loc("body", "price"), "Input should be greater than 0", -1, "gt", 0),
                e("greater_than_equal", loc("body", "quantity"), "Input should be greater than or equal to 1", 0, "ge", 1),
                e("too_long", loc("body", "tags"), "List should have at most 3 items after validation, not 4", List.of("a", "b", "c", "d"),
                        "field_type", "List", "max_length", 3, "actual_length", 4),
                e("string_pattern_mismatch", loc("body", "address", "zip"), "String should match pattern '\\d{5}'", "7500", "pattern", "\\d{5}"),
                e("string_too_short", loc("body", "more", 0, "city"), "String should have at least 1 character", " ", "min_length", 1),
                e("missing", loc("body", "more", 1, "city"), "Field required", Map.of("zip", 1)),
                e("string_type", loc("body", "more", 1, "zip"), "Input should be a valid string", 1)));
        rows.add(row("list_type", "POST", "/numbers", "application/json", "{\"a\": 1}",
                e("list_type", loc("body"), "Input should be a valid list", Map.of("a", 1))));
        rows.add(row("list body items", "POST", "/numbers", "application/json", "[1, \"x\", true, [2]]",
                e("int_parsing", loc("body", 1), INT, "x"), e("int_type", loc("body", 3), "Input should be a valid integer", List.of(2))));
        rows.add(row("embedded bodies", "POST", "/embedded", "application/json", "{\"work\": {\"city\": \"X\", \"zip\": \"12345\"}}",
                e("missing", loc("body", "home"), "Field required", null)));
        rows.add(row("plain class: Jackson strict string", "POST", "/note", "application/json", "{\"text\": 12, \"stars\": 1}",
                e("string_type", loc("body", "text"), "Input should be a valid string", 12)));
        rows.add(row("plain class: Hibernate Validator, all errors", "POST", "/note", "application/json", "{\"text\": \"ab\", \"stars\": -1}",
                e("greater_than_equal", loc("body", "stars"), "Input should be greater than or equal to 0", -1, "ge", 0),
                e("string_too_short", loc("body", "text"), "String should have at least 3 characters", "ab", "min_length", 3)));
        // forms
        rows.add(row("form fields", "POST", "/login", "application/x-www-form-urlencoded", "password=short",
                e("missing", loc("body", "username"), "Field required", null),
                e("string_too_short", loc("body", "password"), "String should have at least 8 characters", "short", "min_length", 8)));
        rows.add(row("missing upload", "POST", "/upload", "multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--XyZ--\r\n",
                e("missing", loc("body", "file"), "Field required", null)));
        return rows.stream();
    }

    @SafeVarargs
    static Arguments row(String name, String method, String uri, String type, String body, Map<String, Object>... errors) {
        return Arguments.of(name, method, uri, type, body, List.of(errors));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers422InPydanticShape(String name, String method, String uri, String type, String body, List<Map<String, Object>> errors)
            throws Exception {
        Http.Reply r = Http.send(app, method, uri, type, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        JsonNode expected = Http.JSON.valueToTree(Map.of("detail", errors));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json()).as(r.body()).isEqualTo(expected);
    }
}
