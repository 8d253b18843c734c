package dev.brisk.bench.jmh;

import dev.brisk.json.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * Writing JSON bodies. Jackson 3 with a plain mapper and a record, the two ways a Netty server can
 * do it ({@code byte[]} then wrapped, or straight into a pooled {@link ByteBuf}): the floor. Then
 * Brisk's own codec ({@link Json#defaultCodec()}, what handler results go through) on the seed app's
 * {@code /json} value ({@code Map.of("message", ...)}) and {@code /items} value (a 3-entry
 * {@code LinkedHashMap}).
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

    private final Json brisk = Json.defaultCodec();

    @Benchmark
    public byte[] briskJsonMap() {
        return brisk.encode(Map.of("message", "Hello, World!"));
    }

    @Benchmark
    public byte[] briskItemsMap() {
        Map<String, Object> body = new LinkedHashMap<>(4);
        body.put("item_id", 42);
        body.put("q", "abc");
        body.put("limit", 5);
        return brisk.encode(body);
    }

    @Benchmark
    public byte[] briskRecord() {
        return brisk.encode(new Message("Hello, World!"));
    }

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
