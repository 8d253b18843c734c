package dev.brisk.examples.docs;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Body;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Put;
import dev.brisk.annotation.Query;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.Optional;

/** Tutorial chapter 3: FastAPI's "Request Body". */
public final class Bodies {
    private Bodies() {}

    // docs:begin bodies
    public record Item(@NotBlank String name, Optional<String> description,
                       @Positive BigDecimal price, Optional<BigDecimal> tax) {}

    public record Updated(int item_id, Item item, Optional<String> q) {}

    public static final class Items {
        @Post(value = "/items/", status = 201)
        public Item create(@Body Item item) {
            return item;
        }

        @Put("/items/{item_id}")
        public Updated update(@PathParam int item_id, @Body Item item, @Query Optional<String> q) {
            return new Updated(item_id, item, q);
        }
    }
    // docs:end

    public static Brisk app(BriskConfig config) {
        return Brisk.create(config).include(new Items());
    }
}
