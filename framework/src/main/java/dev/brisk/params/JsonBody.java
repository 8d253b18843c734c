package dev.brisk.params;

import dev.brisk.HttpException;
import dev.brisk.json.Json;
import dev.brisk.validation.Errors;
import dev.brisk.validation.Issue;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses request bodies into JSON trees under read limits, so that a hostile body cannot exhaust
 * memory or the stack: nesting deeper than {@link #MAX_DEPTH} is a 422 {@code json_invalid}; a string
 * or number longer than the limits is a 413. Syntax errors become FastAPI's {@code json_invalid} with
 * {@code loc ["body", position]} and Python's {@code json} wording where it maps.
 */
final class JsonBody {
    static final int MAX_DEPTH = 128;
    static final int MAX_STRING = 5 * 1024 * 1024;
    static final int MAX_NUMBER = 1000;

    private static final JsonMapper READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNumberLength(MAX_NUMBER)
                            .maxNameLength(64 * 1024).build())
                    .build())
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // checked below, as Python's "Extra data"
            .build();

    private JsonBody() {}

    /** The tree, or {@code null} after reporting {@code json_invalid}; throws 413 for over-long tokens. */
    static JsonNode parse(byte[] body, Errors errors) {
        try (JsonParser p = READER.createParser(body)) {
            JsonNode tree = READER.readTree(p);
            if (tree == null || tree.isMissingNode()) {
                errors.add(invalid("Expecting value"), List.of("body", body.length), Map.of());
                return null;
            }
            JsonToken extra;
            long at;
            try {
                extra = p.nextToken();
                at = extra == null ? -1 : p.currentTokenLocation().getCharOffset();
            } catch (JacksonException e) {
                extra = JsonToken.NOT_AVAILABLE;
                at = position(e);
            }
            if (extra != null) {
                errors.add(invalid("Extra data"), List.of("body", Math.max(at, 0)), Map.of());
                return null;
            }
            return tree;
        } catch (StreamConstraintsException e) {
            String m = e.getOriginalMessage();
            if (m != null && m.contains("nesting depth")) {
                errors.add(invalid("Maximum nesting depth exceeded (" + MAX_DEPTH + ")"), List.of("body", position(e)), Map.of());
                return null;
            }
            throw new HttpException(413, "Request body value too large");
        } catch (JacksonException e) {
            String error = pythonMessage(e.getOriginalMessage());
            long at = position(e);
            if (error.startsWith("Unterminated string")) at = lastQuote(body, (int) Math.min(at, body.length));
            errors.add(invalid(error), List.of("body", at), Map.of());
            return null;
        }
    }

    /** Python reports an unterminated string at its opening quote. */
    private static long lastQuote(byte[] body, int end) {
        for (int i = end - 1; i >= 0; i--) if (body[i] == '"') return i;
        return end;
    }

    private static Issue invalid(String error) {
        return new Issue("json_invalid", "JSON decode error", Map.of("error", error));
    }

    private static long position(JacksonException e) {
        if (e.getLocation() == null) return 0;
        long p = e.getLocation().getCharOffset();
        if (p < 0) p = e.getLocation().getByteOffset();
        return Math.max(0, p);
    }

    /** Python's {@code json} messages, which FastAPI clients see, for Jackson's common failures. */
    static String pythonMessage(String m) {
        if (m == null) return "Expecting value";
        if (m.contains("double-quote to start field name") || m.contains("was expecting double-quote")) {
            return "Expecting property name enclosed in double quotes";
        }
        if (m.contains("was expecting comma") || m.contains("expected close marker")) return "Expecting ',' delimiter";
        if (m.contains("was expecting a colon")) return "Expecting ':' delimiter";
        if (m.contains("Trailing token") || m.contains("trailing token")) return "Extra data";
        if (m.contains("closing quote") || m.contains("in VALUE_STRING")) return "Unterminated string starting at";
        return "Expecting value";
    }
}
