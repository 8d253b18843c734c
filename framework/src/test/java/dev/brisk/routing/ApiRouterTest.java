package dev.brisk.routing;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.ApiRouter;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.PathParam;
import dev.brisk.deps.Provider;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** FastAPI's APIRouter: prefixes, tags, shared dependencies and responses, nesting, controllers. */
class ApiRouterTest {
    static final Provider<String> VERIFY_TOKEN = scope -> {
        String token = scope.request().header("x-token");
        if (!"secret".equals(token)) throw new HttpException(401, "X-Token header invalid");
        return token;
    };

    public static final class Admin {
        @Get("/users/{user_id}")
        public Map<String, Object> user(@PathParam int user_id) {
            return Map.of("user_id", user_id, "thread", Thread.currentThread().getName());
        }
    }

    private static Brisk app() {
        ApiRouter items = ApiRouter.create().prefix("/items").tags("items").dependencies(VERIFY_TOKEN)
                .response(404, "Item not found");
        items.get("/", loopSafe(req -> List.of("plumbus", "portal-gun")));
        items.get("/{item_id}", worker(req -> Map.of("item_id", req.pathParam("item_id"))));
        items.get("/{item_id}/async", loop(req -> CompletableFuture.completedFuture(Map.of("async", req.pathParam("item_id")))))
                .tags("async");
        ApiRouter admin = ApiRouter.create().prefix("/admin").tags("admin").include(new Admin());
        ApiRouter v1 = ApiRouter.create().prefix("/api/v1").include(items).include(admin);
        Brisk app = Brisk.create(new BriskConfig().loops(1).accessLog(false));
        app.include(v1);
        app.get("/", loopSafe(req -> Map.of("root", true)));
        return app;
    }

    @Test
    void routesLiveUnderTheirPrefixesAndRunTheRoutersDependencies() {
        try (BriskTestClient client = BriskTestClient.start(app())) {
            client.get("/api/v1/items/").header("x-token", "secret").assertStatus(200)
                    .assertJson(List.of("plumbus", "portal-gun"));
            client.get("/api/v1/items/").assertStatus(401).assertJson("detail", "X-Token header invalid");
            client.get("/api/v1/items/7").header("x-token", "secret").assertStatus(200).assertJson("item_id", "7");
            client.get("/api/v1/items/7").header("x-token", "nope").assertStatus(401);
            client.get("/api/v1/items/7/async").header("x-token", "secret").assertStatus(200).assertJson("async", "7");
            client.get("/api/v1/items/7/async").assertStatus(401);
            // the admin router has no token dependency; its controller's path parameter is typed
            client.get("/api/v1/admin/users/3").assertStatus(200).assertJson("user_id", 3);
            client.get("/api/v1/admin/users/x").assertStatus(422);
            client.get("/").assertStatus(200);
            client.get("/items/").assertStatus(404);
        }
    }

    @Test
    void openApiShowsPrefixesTagsAndResponses() {
        try (BriskTestClient client = BriskTestClient.start(app())) {
            var doc = client.get("/openapi.json").send();
            assertThat(doc.json("paths./api/v1/items/{item_id}.get.tags")).isEqualTo(List.of("items"));
            assertThat(doc.json("paths./api/v1/items/{item_id}/async.get.tags")).isEqualTo(List.of("items", "async"));
            assertThat(doc.json("paths./api/v1/admin/users/{user_id}.get.tags")).isEqualTo(List.of("admin"));
            assertThat(doc.json("paths./api/v1/items/{item_id}.get.responses.404.description")).isEqualTo("Item not found");
            assertThat(doc.json("paths./api/v1/admin/users/{user_id}.get.parameters[0].name")).isEqualTo("user_id");
        }
    }

    @Test
    void oneRouterCanBeIncludedTwiceUnderDifferentPrefixes() {
        ApiRouter shared = ApiRouter.create();
        shared.get("/ping", loopSafe(req -> "pong")).timeout(Duration.ofSeconds(5));
        Brisk app = Brisk.create(new BriskConfig().loops(1).accessLog(false));
        app.include(ApiRouter.create().prefix("/a").include(shared));
        app.include(ApiRouter.create().prefix("/b").include(shared));
        assertThat(app.routes()).extracting(Route::template).containsExactly("/a/ping", "/b/ping");
        assertThat(app.routes()).allMatch(r -> Duration.ofSeconds(5).equals(r.timeout()));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/a/ping").assertStatus(200).assertJson("pong");
            client.get("/b/ping").assertStatus(200).assertJson("pong");
        }
    }

    @Test
    void badPrefixesAreRejected() {
        assertThatThrownBy(() -> ApiRouter.create().prefix("items")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> ApiRouter.create().prefix("/items/")).hasMessageContaining("not end with '/'");
    }
}
