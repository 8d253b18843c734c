package dev.brisk.internal.routing;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.routing.Route;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Router unit tests: precedence, catch-all, conflicts, decoding, 405 sets and slash redirects. */
class RouterTest {
    private static Route route(String method, String path) {
        return new Route(method, path, loopSafe(req -> path));
    }

    private static Router router(Route... routes) {
        return new Router(List.of(routes));
    }

    private static Router.Found found(Router r, String method, String path) {
        return (Router.Found) r.match(method, path);
    }

    @Test
    void literalSegmentsBeatParameters() {
        Router r = router(route("GET", "/users/{id}"), route("GET", "/users/me"), route("GET", "/users/{id}/posts"));
        assertThat(found(r, "GET", "/users/me").route().template()).isEqualTo("/users/me");
        Router.Found m = found(r, "GET", "/users/42");
        assertThat(m.route().template()).isEqualTo("/users/{id}");
        assertThat(m.params()).isEqualTo(Map.of("id", "42"));
        assertThat(m.index()).isEqualTo(0);
        assertThat(found(r, "GET", "/users/42/posts").params()).isEqualTo(Map.of("id", "42"));
        assertThat(found(r, "GET", "/users/42/posts").index()).isEqualTo(2);
    }

    @Test
    void moreLiteralTemplatesWinRegardlessOfOrder() {
        Router r = router(route("GET", "/{a}/{b}"), route("GET", "/files/{b}"));
        assertThat(found(r, "GET", "/files/x").route().template()).isEqualTo("/files/{b}");
        assertThat(found(r, "GET", "/other/x").route().template()).isEqualTo("/{a}/{b}");
    }

    @Test
    void catchAllTakesTheRestOfThePath() {
        Router r = router(route("GET", "/static/{p:path}"));
        Router.Found m = found(r, "GET", "/static/css/site/main.css");
        assertThat(m.params()).isEqualTo(Map.of("p", "css/site/main.css"));
    }

    @Test
    void percentEncodedSegmentsAreDecodedAfterSplitting() {
        Router r = router(route("GET", "/items/{name}"));
        assertThat(found(r, "GET", "/items/a%2Fb%20c").params()).isEqualTo(Map.of("name", "a/b c"));
        assertThat(found(r, "GET", "/items/caf%C3%A9").params()).isEqualTo(Map.of("name", "café"));
    }

    @Test
    void conflictsAreRejectedNamingBothRoutes() {
        assertThatThrownBy(() -> router(route("GET", "/items/{id}"), route("GET", "/items/{name}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /items/{id}").hasMessageContaining("GET /items/{name}");
        assertThatThrownBy(() -> router(route("POST", "/a"), route("POST", "/a")))
                .hasMessageContaining("POST /a");
        // same path, different methods: no conflict
        assertThat(router(route("GET", "/a"), route("POST", "/a")).routes()).hasSize(2);
    }

    @Test
    void badTemplatesAreRejected() {
        assertThatThrownBy(() -> route("GET", "items")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> route("GET", "/{p:path}/x")).hasMessageContaining("last segment");
        assertThatThrownBy(() -> route("GET", "/{a}/{a}")).hasMessageContaining("twice");
    }

    @Test
    void methodMissesListTheAllowedMethodsAndHeadFollowsGet() {
        Router r = router(route("GET", "/a/{x}"), route("DELETE", "/a/{x}"));
        Router.Match miss = r.match("POST", "/a/1");
        assertThat(miss).isInstanceOf(Router.NotAllowed.class);
        assertThat(((Router.NotAllowed) miss).allowed()).containsExactlyInAnyOrder("GET", "HEAD", "DELETE");
        assertThat(found(r, "HEAD", "/a/1").route().method()).isEqualTo("GET");
    }

    @Test
    void trailingSlashMissesGetARedirectTarget() {
        Router r = router(route("GET", "/a"), route("GET", "/b/"));
        assertThat(r.match("GET", "/a/")).isEqualTo(new Router.Redirect("/a"));
        assertThat(r.match("GET", "/b")).isEqualTo(new Router.Redirect("/b/"));
        assertThat(r.match("GET", "/c")).isInstanceOf(Router.NotFound.class);
    }
}
