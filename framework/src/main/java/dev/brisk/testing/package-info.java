/**
 * The test client: {@link dev.brisk.testing.BriskTestClient} runs an app in-process (no socket, the real
 * server pipeline) or on a free port, and sends HTTP/1.1 requests with fluent assertions, for users'
 * tests and Brisk's own. {@link dev.brisk.testing.RawConnection} sends hand-made bytes (pipelining,
 * malformed input) in either mode; {@link dev.brisk.testing.BriskTestClient#testConfig()} is a quiet
 * loopback configuration for tests.
 *
 * <pre>{@code
 * try (BriskTestClient client = BriskTestClient.inProcess(app)) {
 *     client.get("/items/1").assertStatus(200).assertJson("item_id", 1);
 *     client.post("/items").json(Map.of("name", "Foo")).header("X-Token", "t").cookie("session", "s").send()
 *           .assertStatus(201);
 * }
 * }</pre>
 *
 * <p>It lives in main code (not only the test-jar) so applications can depend on it with test scope.
 */
package dev.brisk.testing;
