package dev.brisk.examples.docs;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Default;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tutorial chapter 2: FastAPI's "Path Parameters" and "Query Parameters". */
public final class PathAndQuery {
    private PathAndQuery() {}

    // docs:begin path-and-query
    public enum ModelName { alexnet, resnet, lenet }

    public static final class Items {
        @Get("/items/{item_id}")
        public Map<String, Object> item(@PathParam int item_id, @Query Optional<String> q) {
            return q.<Map<String, Object>>map(v -> Map.of("item_id", item_id, "q", v))
                    .orElse(Map.of("item_id", item_id));
        }

        @Get("/models/{model_name}")
        public Map<String, Object> model(@PathParam ModelName model_name) {
            return Map.of("model_name", model_name, "lenet", model_name == ModelName.lenet);
        }

        @Get("/search")
        public Map<String, Object> search(@Query @Size(min = 3, max = 50) String q,
                                          @Query @Default("0") @Min(0) int skip,
                                          @Query @Default("10") @Max(100) int limit,
                                          @Query List<String> tag) {
            return Map.of("q", q, "skip", skip, "limit", limit, "tags", tag);
        }
    }
    // docs:end

    public static Brisk app(BriskConfig config) {
        return Brisk.create(config).include(new Items());
    }
}
