package dev.brisk.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** How a {@link BriskTestClient} reaches the app: a TCP port ({@link HttpWire}) or in-process ({@link LocalWire}). */
interface Wire extends AutoCloseable {
    /** {@code target} is the path with its query; {@code headers} are name/value pairs as the test set them. */
    TestResponse exchange(String method, String target, List<String[]> headers, byte[] body, Duration timeout,
                          boolean followRedirects) throws IOException, InterruptedException;

    /** A raw connection to the app. */
    RawConnection raw() throws IOException;

    @Override
    void close();
}
