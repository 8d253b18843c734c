package dev.brisk.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Jackson 3 writing the {@code /json} body ({@code {"message":"Hello, World!"}}), the
 * two ways a Netty server can do it: to a {@code byte[]} that is then wrapped, or
 * straight into a pooled {@link ByteBuf}. It proves the JMH plumbing and gives the
 * per-request floor of JSON writing for the server benchmarks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx1g"})
public class JsonWriteBenchmark {

    public record Message(String message) {}

    private final ObjectWriter writer = JsonMapper.builder().build().writerFor(Message.class);
    private final ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;

    @Benchmark
    public byte[] toBytes() {
        return writer.writeValueAsBytes(new Message("Hello, World!"));
    }

    @Benchmark
    public int toByteBuf() {
        ByteBuf buf = alloc.buffer(32);
        try {
            writer.writeValue((java.io.OutputStream) new ByteBufOutputStream(buf), new Message("Hello, World!"));
            return buf.readableBytes();
        } finally {
            buf.release();
        }
    }
}
