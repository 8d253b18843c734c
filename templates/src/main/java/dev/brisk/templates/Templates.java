package dev.brisk.templates;

import dev.brisk.Response;
import gg.jte.CodeResolver;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.Utf8ByteOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * HTML templates for Brisk routes, in the spirit of FastAPI's {@code Jinja2Templates}: one object made
 * at start-up, and a {@code response(name, model)} call in a handler that gives a {@code text/html;
 * charset=utf-8} answer.
 *
 * <p>The engine is <a href="https://jte.gg">jte</a>: templates are compiled to Java classes, so a
 * template's parameters are typed and checked by javac, rendering is plain method calls (no
 * reflection, no expression interpreter), and every {@code ${...}} is HTML-escaped by default
 * (attributes and JavaScript contexts included) — a message holding {@code <script>} is shown, never
 * run. {@code $unsafe{...}} is the visible, greppable way out.
 *
 * <p>Two ways to get the templates:
 * <ul>
 *   <li>{@link #precompiled()} — production: {@code jte-maven-plugin}'s {@code generate} goal turns
 *       {@code src/main/jte/*.jte} into classes at build time (with {@code contentType Html} and
 *       {@code binaryStaticContent true}); only {@code gg.jte:jte-runtime} is needed at run time;</li>
 *   <li>{@link #directory(Path)} — development: templates are compiled on first use and recompiled
 *       when their file changes (needs {@code gg.jte:jte} on the class path).</li>
 * </ul>
 *
 * <pre>{@code
 * // src/main/jte/hello.jte:
 * //   @param String name
 * //   <p>Hello ${name}!</p>
 * Templates templates = Templates.precompiled();
 * app.get("/hello", loopSafe(req -> templates.response("hello.jte", req.queryParam("name"))));
 * }</pre>
 *
 * <p>Rendering is CPU work only (no I/O): it is fine on the event loop and on a worker alike.
 * Instances are thread-safe.
 */
public final class Templates {
    private static final String HTML_UTF8 = "text/html; charset=utf-8";

    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    /**
     * The templates compiled into the application by {@code jte-maven-plugin} (package
     * {@code gg.jte.generated.precompiled}, found with this class's class loader).
     */
    public static Templates precompiled() {
        return new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
    }

    /**
     * Templates read from {@code root} and compiled on first use into a temporary directory, recompiled
     * when their file changes: for development, like Jinja2's auto-reload. Needs {@code gg.jte:jte}.
     *
     * @throws IllegalArgumentException if {@code root} is not a directory
     */
    public static Templates directory(Path root) {
        if (!Files.isDirectory(root)) throw new IllegalArgumentException("no template directory at " + root.toAbsolutePath());
        CodeResolver resolver = new gg.jte.resolve.DirectoryCodeResolver(root);
        Path classes;
        try {
            classes = Files.createTempDirectory("brisk-jte-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create a directory for compiled templates", e);
        }
        TemplateEngine engine = TemplateEngine.create(resolver, classes, ContentType.Html, Templates.class.getClassLoader());
        engine.setBinaryStaticContent(true);
        return new Templates(engine);
    }

    /** Whether a template of that name exists, e.g. {@code hasTemplate("fortunes.jte")}. */
    public boolean hasTemplate(String name) {
        return engine.hasTemplate(name);
    }

    /**
     * Renders a template whose only parameter is {@code model} (its {@code @param} line).
     *
     * @throws TemplateException if there is no such template or the model does not fit its parameter
     */
    public byte[] renderBytes(String name, Object model) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(Objects.requireNonNull(name, "name"), model, out);
        return out.toByteArray();
    }

    /** Renders a template with named parameters ({@code @param} names to values). */
    public byte[] renderBytes(String name, Map<String, Object> params) {
        Utf8ByteOutput out = new Utf8ByteOutput();
        engine.render(Objects.requireNonNull(name, "name"), params, out);
        return out.toByteArray();
    }

    /** {@link #renderBytes(String, Object)} as a string. */
    public String render(String name, Object model) {
        return new String(renderBytes(name, model), StandardCharsets.UTF_8);
    }

    /** {@link #renderBytes(String, Map)} as a string. */
    public String render(String name, Map<String, Object> params) {
        return new String(renderBytes(name, params), StandardCharsets.UTF_8);
    }

    /** A 200 {@code text/html; charset=utf-8} response: FastAPI's {@code templates.TemplateResponse(...)}. */
    public Response response(String name, Object model) {
        return Response.bytes(200, HTML_UTF8, renderBytes(name, model));
    }

    /** A 200 {@code text/html; charset=utf-8} response from named parameters. */
    public Response response(String name, Map<String, Object> params) {
        return Response.bytes(200, HTML_UTF8, renderBytes(name, params));
    }
}
