package dev.brisk.examples.seed;

import dev.brisk.HttpException;
import dev.brisk.Lane;
import dev.brisk.Request;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.RunOn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /items/{item_id}?q=&limit=10}: the contract's typed-parameter route. */
public final class ItemsController {

    @Get("/items/{item_id}")
    @RunOn(Lane.LOOP)
    public Map<String, Object> item(Request req) {
        List<Map<String, Object>> errors = new ArrayList<>();
        Integer itemId = parseInt(req.pathParam("item_id"), "path", "item_id", errors);
        String limitText = req.queryParam("limit");
        Integer limit = limitText == null ? Integer.valueOf(10) : parseInt(limitText, "query", "limit", errors);
        if (!errors.isEmpty()) throw new HttpException(422, errors);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("item_id", itemId);
        body.put("q", req.queryParam("q"));
        body.put("limit", limit);
        return body;
    }

    private static Integer parseInt(String text, String where, String name, List<Map<String, Object>> errors) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("type", "int_parsing");
            err.put("loc", List.of(where, name));
            err.put("msg", "Input should be a valid integer, unable to parse string as an integer");
            err.put("input", text);
            errors.add(err);
            return null;
        }
    }
}
