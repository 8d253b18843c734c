package dev.brisk.internal.server;

import dev.brisk.Response;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The server's response encoding: Brisk's {@code ResponseEncoder} turning a {@link Response} into a
 * Netty response (status, pre-encoded Content-Type/Length, the cached Date), and then that plus
 * Netty's {@link HttpResponseEncoder} writing the bytes that go to the socket. This class sits in
 * {@code dev.brisk.internal.server} (in the benchmarks jar) because the encoder is, rightly, package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx1g"})
public class ResponseEncodeBenchmark {

    private final ResponseEncoder encoder = new ResponseEncoder(null);
    private final Response json = Response.rawJson("{\"message\":\"Hello, World!\"}".getBytes());
    private final Response text = Response.text("Hello, World!");
    private final Response withHeader = Response.text("Hello, World!").withHeader("x-request-id", "abc123");
    private EmbeddedChannel channel;

    @Setup(Level.Trial)
    public void setUp() {
        channel = new EmbeddedChannel(new HttpResponseEncoder());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public FullHttpResponse encodeJson() {
        return encoder.encode(json, false, true, false);
    }

    @Benchmark
    public int jsonToBytes() {
        return toBytes(json);
    }

    @Benchmark
    public int plaintextToBytes() {
        return toBytes(text);
    }

    @Benchmark
    public int extraHeaderToBytes() {
        return toBytes(withHeader);
    }

    private int toBytes(Response r) {
        channel.writeOutbound(encoder.encode(r, false, true, false));
        int n = 0;
        Object out;
        while ((out = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) out;
            n += b.readableBytes();
            b.release();
        }
        return n;
    }
}
