package dev.brisk.validation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One entry of a 422 response's {@code detail} array, in pydantic v2's shape (as FastAPI sends it,
 * without {@code url}):
 *
 * <pre>{@code
 * {"type":"int_parsing","loc":["path","item_id"],
 *  "msg":"Input should be a valid integer, unable to parse string as an integer","input":"foo"}
 * }</pre>
 *
 * @param type pydantic's error type
 * @param loc where: {@code ["query","limit"]}, {@code ["body","address","zip"]}, {@code ["body", 12]}
 * @param msg the human message
 * @param input the offending input as received ({@code null} when missing)
 * @param ctx the constraint's parameters (e.g. {@code {"ge": 1}}), omitted when there are none
 */
public record ValidationError(String type, List<Object> loc, String msg, Object input,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> ctx) {
    public ValidationError {
        loc = List.copyOf(loc);
    }
}
