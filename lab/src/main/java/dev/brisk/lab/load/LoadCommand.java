package dev.brisk.lab.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brisk load URL...}: bounded HTTP/1.1 load from a Netty client, like wrk (closed loop)
 * or wrk2 ({@code -R}, open loop with coordinated-omission correction).
 *
 * <p>Exit status: 0 when every request got a 2xx/3xx answer; 1 when the run saw errors, non-2xx/3xx
 * answers or could not reach the server (the report of what was measured is still printed, and
 * one line on stderr says what went wrong); 2 for bad flags or URLs (one line on stderr).
 *
 * <p>Usable as a subcommand ({@code addSubcommand(new LoadCommand())}) or alone through
 * {@link #commandLine()}. Install {@link #ONE_LINE_USAGE_ERRORS} on the top-level
 * {@code CommandLine} to keep picocli's usage errors to one line.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {
            "Sends bounded HTTP/1.1 load to http:// URLs over keep-alive connections and reports "
                    + "requests/s, latency percentiles, transfer, status codes and errors.",
            "",
            "Closed loop by default: each connection sends its next request when the answer arrives "
                    + "(like wrk). With -R, open loop at a fixed rate; latency is measured from each "
                    + "request's intended send time (like wrk2).",
            "",
            "Always bounded: by -n and/or -d (default 10s); at most 10m and 100000000 requests.",
            ""},
        footer = {"", "Examples:",
            "  brisk load http://127.0.0.1:8000/plaintext",
            "  brisk load -c 64 -t 2 -d 30s --warmup 5s http://127.0.0.1:8000/json",
            "  brisk load -R 2000 -c 32 -d 20s --json http://127.0.0.1:8000/items/1",
            "  brisk load -n 1000 -m POST --body @item.json \\",
            "      -H 'Content-Type: application/json' http://127.0.0.1:8000/items",
            "", "Exit status: 0 all answers 2xx/3xx; 1 errors, other statuses or server",
            "unreachable (what was measured is still reported); 2 bad usage."})
public final class LoadCommand implements Callable<Integer> {

    /** Prints picocli's usage errors as one line ({@code brisk load: <message> (see --help)}) and returns 2. */
    public static final CommandLine.IParameterExceptionHandler ONE_LINE_USAGE_ERRORS = (ex, args) -> {
        CommandLine cmd = ex.getCommandLine();
        cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex.getMessage()) + " (see --help)");
        cmd.getErr().flush();
        return CommandLine.ExitCode.USAGE;
    };

    @Spec
    CommandSpec command;

    @Parameters(arity = "1..*", paramLabel = "URL",
            description = "http:// URL(s) to load; with several, each connection rotates over those of its host:port")
    List<String> urls = new ArrayList<>();

    @Option(names = {"-c", "--connections"}, paramLabel = "N", defaultValue = "10", description = "keep-alive connections (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = {"-n", "--requests"}, paramLabel = "N", description = "total requests to send; the run ends when all are answered")
    Long requests;

    @Option(names = {"-d", "--duration"}, paramLabel = "TIME", converter = DurationConverter.class,
            description = "how long to run, e.g. 500ms, 10s, 2m (default: 10s unless -n is given)")
    Duration duration;

    @Option(names = {"-R", "--rate"}, paramLabel = "REQ/S",
            description = "open loop: send this many requests per second in total, spread over the connections")
    Double rate;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", defaultValue = "1", description = "event-loop threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "add a request header (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(names = {"-m", "--method"}, paramLabel = "METHOD", defaultValue = "GET", description = "request method (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--body", paramLabel = "TEXT|@FILE", description = "request body, or @path to read it from a file")
    String body;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s", converter = DurationConverter.class,
            description = "per-request timeout (default: ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--warmup", paramLabel = "TIME", defaultValue = "0s", converter = DurationConverter.class,
            description = "load sent before measuring starts (default: none)")
    Duration warmup;

    @Option(names = "--pipeline", paramLabel = "N", defaultValue = "1",
            description = "requests in flight per connection (HTTP/1.1 pipelining; default: ${DEFAULT-VALUE})")
    int pipeline;

    @Option(names = "--transport", paramLabel = "auto|epoll|nio", defaultValue = "auto",
            description = "event-loop transport (default: ${DEFAULT-VALUE}: epoll when available)")
    String transport;

    @Option(names = "--json", description = "print the result as one JSON object instead of text")
    boolean json;

    /** A standalone command line for this command, with one-line usage errors. */
    public static CommandLine commandLine() {
        return new CommandLine(new LoadCommand()).setParameterExceptionHandler(ONE_LINE_USAGE_ERRORS);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        String name = command.qualifiedName();
        LoadSpec spec;
        try {
            spec = spec();
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println(name + ": " + oneLine(e.getMessage()));
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        if (!json) {
            out.println(Report.header(spec));
            out.flush();
        }
        LoadRun run = LoadRun.prepare(spec);
        CountDownLatch reported = new CountDownLatch(1);
        // Ctrl-C ends the run early and still prints what was measured (as wrk does).
        Thread onInterrupt = new Thread(() -> {
            run.stop();
            try {
                reported.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "brisk-load-interrupt");
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return runAndReport(run, out, err, name);
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has what it waited for
            }
        }
    }

    private int runAndReport(LoadRun run, PrintWriter out, PrintWriter err, String name) {
        LoadResult result;
        try {
            result = run.run();
        } catch (RuntimeException e) {
            err.println(name + ": load failed: " + oneLine(String.valueOf(e.getMessage())));
            err.flush();
            return 1;
        }
        if (json) {
            out.println(Report.json(result));
        } else if (result.requests() > 0 || result.requestErrors() > 0) {
            out.print(Report.text(result));
        }
        out.flush();
        String problem = Report.problem(result);
        if (problem != null) {
            err.println(name + ": " + oneLine(problem));
            err.flush();
            return 1;
        }
        return CommandLine.ExitCode.OK;
    }

    /** The options as a validated {@link LoadSpec}. @throws IllegalArgumentException one-line reason */
    LoadSpec spec() {
        if (requests != null && requests < 1) {
            throw new IllegalArgumentException("--requests must be at least 1, got " + requests);
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be more than 0, got " + rate);
        }
        LoadSpec.Builder b = LoadSpec.builder(urls)
                .connections(connections)
                .requests(requests == null ? 0 : requests)
                .duration(duration)
                .rate(rate == null ? 0 : rate)
                .threads(threads)
                .method(method)
                .timeout(timeout)
                .warmup(warmup)
                .pipeline(pipeline)
                .transport(transport(transport));
        for (String h : headers) {
            b.header(h);
        }
        if (body != null) {
            b.body(body.startsWith("@") ? readBody(body.substring(1)) : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static Transport transport(String name) {
        try {
            Transport t = Transport.valueOf(name.trim().toUpperCase(Locale.ROOT));
            t.resolve();
            return t;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown transport '" + name + "' (auto, epoll or nio)");
        }
    }

    private static byte[] readBody(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read body file '" + path + "': " + e.getMessage());
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
    }

    /** Picocli converter for {@link Durations#parse(String)}. */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
