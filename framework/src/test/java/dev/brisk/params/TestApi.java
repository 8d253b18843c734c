package dev.brisk.params;

import dev.brisk.Lane;
import dev.brisk.annotation.Body;
import dev.brisk.annotation.Cookie;
import dev.brisk.annotation.Default;
import dev.brisk.annotation.Form;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Header;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Query;
import dev.brisk.annotation.RunOn;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The annotated controller the parameter tests drive: one route per feature. */
@RunOn(Lane.LOOP)
public final class TestApi {
    public enum Color { red, green, blue }

    public record Address(@NotBlank String city, @Pattern(regexp = "\\d{5}") String zip) {}

    public record Item(@NotBlank @Size(max = 20) String name, @Positive BigDecimal price, @Min(1) int quantity,
                       @Size(max = 3) List<String> tags, Optional<String> description, Address address,
                       Optional<List<Address>> more) {}

    /** A record that contains itself: bound lazily, bounded by the JSON nesting limit. */
    public record Node(int value, Optional<Node> next) {}

    /** A plain class body: bound by Jackson, validated by Hibernate Validator. */
    public static final class Note {
        @Size(min = 3) public String text;
        @Min(0) public int stars;
    }

    @Get("/items/{item_id}")
    public Map<String, Object> item(@PathParam int item_id, @Query Optional<String> q, @Query(defaultValue = "10") int limit) {
        return ordered("item_id", item_id, "q", q.orElse(null), "limit", limit);
    }

    @Get("/plain/{item_id}")
    public Map<String, Object> plain(int item_id, String needy, @Default("0") int skip, Optional<Integer> limit) {
        return ordered("item_id", item_id, "needy", needy, "skip", skip, "limit", limit.orElse(null));
    }

    @Get("/types")
    public Map<String, Object> types(@Query Optional<Integer> i, @Query Optional<Long> l, @Query Optional<Double> d,
                                     @Query Optional<Boolean> b, @Query Optional<UUID> u, @Query Optional<Color> e,
                                     @Query Optional<LocalDate> date, @Query Optional<LocalDateTime> dt,
                                     @Query Optional<BigDecimal> dec, @Query Optional<Duration> dur,
                                     @Query Optional<LocalTime> t, @Query Optional<Instant> at) {
        return ordered("i", i.orElse(null), "l", l.orElse(null), "d", d.orElse(null), "b", b.orElse(null),
                "u", u.map(UUID::toString).orElse(null), "e", e.map(Enum::name).orElse(null),
                "date", date.map(Object::toString).orElse(null), "dt", dt.map(Object::toString).orElse(null),
                "dec", dec.orElse(null), "dur", dur.map(Object::toString).orElse(null),
                "t", t.map(Object::toString).orElse(null), "at", at.map(Object::toString).orElse(null));
    }

    @Get("/constraints")
    public Map<String, Object> constraints(@Query @Min(1) Optional<Integer> ge, @Query @Positive Optional<Integer> gt,
                                           @Query @Max(10) Optional<Integer> le, @Query @DecimalMax(value = "2.5", inclusive = false) Optional<Double> lt,
                                           @Query @Size(min = 3, max = 5) Optional<String> s, @Query @Pattern(regexp = "[a-z]+") Optional<String> pat,
                                           @Query @Email Optional<String> email, @Query @NotBlank Optional<String> blank,
                                           @Query @Digits(integer = 3, fraction = 2) Optional<BigDecimal> money,
                                           @Query @Past Optional<LocalDate> born) {
        return Map.of("ok", true);
    }

    @Get("/list")
    public Map<String, Object> list(@Query @Size(min = 1, max = 3) List<@Min(0) Integer> n, @Query Set<String> tag) {
        return ordered("n", n, "tag", List.copyOf(tag));
    }

    @Get("/headers")
    public Map<String, Object> headers(@Header String x_token, @Header Optional<String> xRequestId, @Header("X-Exact") Optional<String> exact,
                                       @Header List<String> x_multi, @Cookie Optional<String> session) {
        return ordered("x_token", x_token, "x_request_id", xRequestId.orElse(null), "exact", exact.orElse(null),
                "x_multi", x_multi, "session", session.orElse(null));
    }

    @Post(value = "/items", status = 201)
    public Item create(@Body Item item) {
        return item;
    }

    @Post("/implicit")
    public Map<String, Object> implicit(Item item, @Query @Default("false") boolean dry) {
        return ordered("name", item.name(), "dry", dry);
    }

    @Post("/note")
    public Map<String, Object> note(Note note) {
        return ordered("text", note.text, "stars", note.stars);
    }

    @Post("/numbers")
    public Map<String, Object> numbers(@Body @Size(max = 3) List<Integer> ids) {
        return ordered("ids", ids);
    }

    @Post("/embedded")
    public Map<String, Object> embedded(@Body Address home, @Body Optional<Address> work) {
        return ordered("home", home.city(), "work", work.map(Address::city).orElse(null));
    }

    @Post("/login")
    public Map<String, Object> login(@Form String username, @Form @Size(min = 8) String password, @Form @Default("false") boolean remember) {
        return ordered("username", username, "remember", remember);
    }

    @Post("/upload")
    public Map<String, Object> upload(@Form UploadFile file, @Form Optional<String> note, @Form(required = false) List<UploadFile> extra) {
        return ordered("filename", file.filename(), "type", file.contentType(), "size", file.size(), "text", file.text(),
                "note", note.orElse(null), "extra", extra.size());
    }

    @Get("/mixed/{id}")
    @RunOn(Lane.WORKER)
    public Map<String, Object> mixed(dev.brisk.Request req, long id, @Query @Default("a,b") List<String> tag) {
        return ordered("id", id, "method", req.method(), "thread", Thread.currentThread().getName().startsWith("brisk-loop") ? "loop" : "worker",
                "tag", tag);
    }

    @Get("/async/{id}")
    public java.util.concurrent.CompletionStage<Map<String, Object>> async(@PathParam UUID id, dev.brisk.Request req) {
        return req.sleep(Duration.ofMillis(1)).thenApply(v -> ordered("id", id.toString()));
    }

    @Post("/chain")
    public Map<String, Object> chain(Node head, @Query @Default("x") Set<String> mark) {
        int sum = 0;
        int depth = 0;
        for (Optional<Node> n = Optional.of(head); n.isPresent(); n = n.get().next()) {
            sum += n.get().value();
            depth++;
        }
        return ordered("sum", sum, "depth", depth);
    }

    @Post("/addresses")
    public Map<String, Object> addresses(List<Address> all) {
        return ordered("n", all.size());
    }

    @Post("/scores")
    public Map<String, Object> scores(@Body Map<String, @Min(0) Integer> scores) {
        return ordered("n", scores.size());
    }

    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
