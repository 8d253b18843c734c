package dev.brisk.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * {@link ServerCost}'s reading of a JFR recording, for one server thread (the event loop): where its
 * Java CPU samples are (by the top frame's code base, by top method, and by the server-layer frame
 * nearest the top, i.e. whose code asked for the work) and who allocates what, per unit of work.
 * Shares, not rates: they hold on a busy machine. Samples cover Java code only (time in system calls
 * is in the loop's JMX CPU figure but not here).
 */
final class JfrShares {
    private JfrShares() {}

    /** Parts of the work, by a class on the stack (inclusive: everything called under it counts). */
    private static final Map<String, String> PARTS = new java.util.LinkedHashMap<>();

    static {
        PARTS.put("HTTP/2 <-> HTTP/1 objects (Http2StreamFrameToHttpObjectCodec, HttpConversionUtil)", "Http2StreamFrameToHttpObjectCodec|HttpConversionUtil");
        PARTS.put("HPACK (HpackEncoder, HpackDecoder)", "HpackEncoder|HpackDecoder");
        PARTS.put("HTTP/2 frames and flow control (Http2FrameCodec and below)", "Http2ConnectionHandler|DefaultHttp2ConnectionDecoder|DefaultHttp2ConnectionEncoder");
        PARTS.put("HTTP/2 stream channels (AbstractHttp2StreamChannel, Http2MultiplexHandler)", "AbstractHttp2StreamChannel|Http2MultiplexHandler");
        PARTS.put("HTTP/1 codec (HttpObjectDecoder, HttpObjectEncoder)", "HttpObjectDecoder|HttpObjectEncoder");
        PARTS.put("WebSocket frame codec (WebSocket08FrameDecoder, WebSocket08FrameEncoder)", "WebSocket08Frame");
        PARTS.put("Brisk: connection handler (ConnectionHandler, incl. what it calls)", "dev.brisk.internal.server.ConnectionHandler");
        PARTS.put("Brisk: dispatcher and handler (Dispatcher, incl. what it calls)", "dev.brisk.internal.dispatch.Dispatcher");
        PARTS.put("Brisk: response encoding (ResponseEncoder)", "dev.brisk.internal.server.ResponseEncoder");
        PARTS.put("Brisk: WebSocket (WebSocketFrames, WebSocketSession, WebSocketInbox)", "dev.brisk.internal.server.WebSocket");
        PARTS.put("Vert.x (io.vertx.*)", "io.vertx.");
        PARTS.put("socket writes (flush)", "flush0|doWrite|writeBytes|writev");
    }

    /** Where a sample's own (top-frame) time goes, first match wins. */
    private static final String[][] BUCKETS = {
            {"HPACK", "io.netty.handler.codec.http2.Hpack"},
            {"HTTP/2 <-> HTTP/1 conversion", "HttpConversionUtil|Http2StreamFrameToHttpObjectCodec"},
            {"HTTP/2 stream channels", "AbstractHttp2StreamChannel|Http2MultiplexHandler|Http2StreamChannel"},
            {"HTTP/2 headers objects", "io.netty.handler.codec.http2.DefaultHttp2Headers|io.netty.handler.codec.DefaultHeaders"},
            {"HTTP/2 codec, frames, flow control", "io.netty.handler.codec.http2."},
            {"HTTP/1 codec and headers", "io.netty.handler.codec.http."},
            {"Netty channel and pipeline", "io.netty.channel."},
            {"Netty buffers", "io.netty.buffer."},
            {"Netty other", "io.netty."},
            {"Brisk", "dev.brisk."},
            {"Vert.x", "io.vertx."},
            {"JDK", "java.|jdk.|sun."},
    };

    private static String bucket(String method) {
        for (String[] b : BUCKETS) {
            for (String prefix : b[1].split("\\|")) if (method.startsWith(prefix) || (prefix.indexOf('.') < 0 && method.contains(prefix))) return b[0];
        }
        return "other";
    }

    static void print(Path file, String threadPrefix, long units) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> base = new HashMap<>(), top = new HashMap<>(), owner = new HashMap<>(), parts = new java.util.LinkedHashMap<>();
        Map<String, java.util.regex.Pattern> partPatterns = new HashMap<>();
        PARTS.forEach((k, v) -> partPatterns.put(k, java.util.regex.Pattern.compile(v)));
        Map<String, Long> allocClass = new HashMap<>(), allocSite = new HashMap<>();
        long samples = 0, allocTotal = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            boolean cpu = type.equals("jdk.ExecutionSample");
            if (!cpu && !type.equals("jdk.ObjectAllocationSample")) continue;
            RecordedThread t = e.getThread(cpu ? "sampledThread" : "eventThread");
            if (t == null || t.getJavaName() == null || !t.getJavaName().startsWith(threadPrefix)) continue;
            if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) continue;
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            RecordedFrame first = frames.get(0);
            if (cpu) {
                samples++;
                base.merge(codeBase(first.getMethod().getType().getName()), 1L, Long::sum);
                top.merge(name(first), 1L, Long::sum);
                self.merge(bucket(name(first)), 1L, Long::sum);
                owner.merge(serverFrame(frames), 1L, Long::sum);
                for (Map.Entry<String, java.util.regex.Pattern> p : partPatterns.entrySet()) {
                    for (RecordedFrame f : frames) {
                        if (p.getValue().matcher(name(f)).find()) {
                            parts.merge(p.getKey(), 1L, Long::sum);
                            break;
                        }
                    }
                }
            } else {
                long w = e.getLong("weight");
                allocTotal += w;
                allocClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
                allocSite.merge(serverFrame(frames) + " -> " + name(first), w, Long::sum);
            }
        }
        System.out.printf("JFR %s: %d CPU samples in Java code%n", threadPrefix, samples);
        table("CPU samples by the top frame's code base", base, samples, 10, -1);
        table("CPU samples by component of the top frame (self time)", self, samples, 15, -1);
        table("CPU samples by top method", top, samples, 25, -1);
        table("CPU samples by part of the work (inclusive: a sample counts for every part on its stack)", parts, samples, 20, -1);
        table("CPU samples by the server-layer frame nearest the top (Brisk's or Vert.x's code that led there)", owner, samples, 20, -1);
        System.out.printf("%nallocation (JFR's weighted estimate): %.0f bytes per unit%n", allocTotal / (double) Math.max(1, units));
        table("allocated bytes per unit by class", allocClass, allocTotal, 20, units);
        table("allocated bytes per unit by site (server frame -> allocating frame)", allocSite, allocTotal, 25, units);
    }

    private static void table(String title, Map<String, Long> counts, long total, int rows, long units) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(rows).forEach(e -> {
            String per = units > 0 ? String.format("%8.1f B  ", e.getValue() / (double) units) : "";
            System.out.printf("  %5.1f%%  %s%s%n", 100.0 * e.getValue() / Math.max(1, total), per, e.getKey());
        });
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String codeBase(String cls) {
        if (cls.startsWith("dev.brisk.")) return "brisk";
        if (cls.startsWith("io.vertx.")) return "vertx";
        if (cls.startsWith("io.netty.")) return "netty";
        if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")) return "jdk";
        return "other: " + cls;
    }

    /** The frame nearest the top in Brisk's or Vert.x's code (not the benchmark's), else the top frame. */
    private static String serverFrame(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String cls = f.getMethod().getType().getName();
            if ((cls.startsWith("dev.brisk.") && !cls.startsWith("dev.brisk.bench.")) || cls.startsWith("io.vertx.")) return name(f);
        }
        return "(no server frame) " + name(frames.get(0));
    }
}
