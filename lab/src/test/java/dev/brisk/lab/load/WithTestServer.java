package dev.brisk.lab.load;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A fresh {@link TestServer} per test, and no Netty buffer leaked by the whole class. */
abstract class WithTestServer {
    TestServer server;

    @BeforeAll
    static void watchLeaks() {
        LeakWatch.install();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakWatch.assertNoLeaks();
    }

    @BeforeEach
    void startServer() throws InterruptedException {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
