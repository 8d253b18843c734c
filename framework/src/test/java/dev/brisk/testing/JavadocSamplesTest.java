package dev.brisk.testing;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.HttpException;
import dev.brisk.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The samples in BriskTestClient's and RawConnection's Javadoc run here, and the Javadoc quotes them verbatim. */
class JavadocSamplesTest {
    record NewItem(String name, double price) {}

    static final class MyApp {
        static Brisk create() {
            Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
            app.get("/items/{item_id}", worker(req -> Map.of("item_id", Integer.parseInt(req.pathParam("item_id")))));
            app.post("/items", worker(req -> {
                if (!"coneofsilence".equals(req.header("x-token"))) throw new HttpException(400, "Invalid X-Token header");
                return Response.json(req.bodyAs(NewItem.class)).withStatus(201);
            }));
            return app;
        }
    }

    @Test
    void readItem() {
        // sample:client
        Brisk app = MyApp.create();
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            client.get("/items/1").assertStatus(200).assertJson("item_id", 1);
            client.post("/items")
                  .json(Map.of("name", "Foo", "price", 42.0))
                  .header("X-Token", "coneofsilence")
                  .send()
                  .assertStatus(201)
                  .assertJson("name", "Foo");
        }
        // end
    }

    @Test
    void rawPipelining() throws Exception {
        Brisk app = MyApp.create();
        // sample:raw
        try (BriskTestClient client = BriskTestClient.inProcess(app);
             RawConnection raw = client.raw()) {
            raw.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n");
            assert raw.read().body().contains("\"item_id\":1");   // answered in order
            assert raw.read().body().contains("\"item_id\":2");
            raw.send("GET /items/3 HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
            assert raw.read().status() == 400;
        }
        // end
        assertThat(JavadocSamplesTest.class.desiredAssertionStatus()).as("surefire enables assertions").isTrue();
    }

    @Test
    void theJavadocQuotesTheSamples() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("framework/src"))) root = root.getParent();
        String self = Files.readString(root.resolve("framework/src/test/java/dev/brisk/testing/JavadocSamplesTest.java"));
        for (String[] pair : new String[][] {{"client", "BriskTestClient.java"}, {"raw", "RawConnection.java"}}) {
            String javadoc = Files.readString(root.resolve("framework/src/main/java/dev/brisk/testing/" + pair[1]));
            String marker = "// sample:" + pair[0] + "\n";
            int from = self.indexOf(marker) + marker.length();
            for (String line : self.substring(from, self.indexOf("// end", from)).split("\n")) {
                String code = line.strip();
                if (!code.isEmpty()) assertThat(javadoc).as(pair[1] + " quotes the sample").contains(code);
            }
        }
    }
}
