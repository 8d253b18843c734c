package dev.brisk.examples.seed;

import dev.brisk.Lane;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import dev.brisk.annotation.RunOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /items/{item_id}?q=&limit=10}: the contract's typed-parameter route, FastAPI's
 * {@code def item(item_id: int, q: str | None = None, limit: int = 10)}. Binding and the 422 for a bad
 * {@code item_id} or {@code limit} come from the compiled plan; the handler is trivial, so it runs on
 * the event loop.
 */
public final class ItemsController {

    @Get("/items/{item_id}")
    @RunOn(Lane.LOOP)
    public Map<String, Object> item(@PathParam int item_id, @Query Optional<String> q, @Query(defaultValue = "10") int limit) {
        Map<String, Object> body = new LinkedHashMap<>(4);
        body.put("item_id", item_id);
        body.put("q", q.orElse(null));
        body.put("limit", limit);
        return body;
    }
}
