package dev.brisk.examples.bookstore;

import dev.brisk.HttpException;
import dev.brisk.annotation.Body;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Header;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Query;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The bookstore's book routes, typed like FastAPI path operations. */
public final class BooksController {
    /** How a book is bound. */
    public enum Format { HARDCOVER, PAPERBACK, EBOOK }

    /** A book's author. */
    public record Author(@NotBlank String name, Optional<Integer> born) {}

    /** A new book, as posted. */
    public record NewBook(@Size(min = 1, max = 200) String title, Author author, Format format,
                          @Positive BigDecimal price, @Min(0) int stock, Optional<LocalDate> published,
                          List<@NotBlank String> tags) {}

    /** A stored book. */
    public record Book(int id, String title, Author author, Format format, BigDecimal price, int stock,
                       Optional<LocalDate> published, List<String> tags) {}

    private final Map<Integer, Book> books = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public BooksController() {
        add(new NewBook("Dune", new Author("Frank Herbert", Optional.of(1920)), Format.PAPERBACK,
                new BigDecimal("9.99"), 12, Optional.of(LocalDate.of(1965, 8, 1)), List.of("sf")));
    }

    int count() {
        return books.size();
    }

    @Get("/books")
    public List<Book> listBooks(@Query Optional<String> q, @Query(defaultValue = "20") @Min(1) @Max(100) int limit,
                                @Query Optional<Format> format) {
        List<Book> out = new ArrayList<>();
        for (Book b : books.values()) {
            if (q.isPresent() && !b.title().toLowerCase().contains(q.get().toLowerCase())) continue;
            if (format.isPresent() && b.format() != format.get()) continue;
            if (out.size() < limit) out.add(b);
        }
        return out;
    }

    @Get("/books/{book_id}")
    public Book readBook(@PathParam @Min(1) int book_id) {
        Book b = books.get(book_id);
        if (b == null) throw new HttpException(404, "Book not found");
        return b;
    }

    @Post(value = "/books", status = 201)
    public Book createBook(@Body NewBook book, @Header Optional<String> x_request_id) {
        return add(book);
    }

    private Book add(NewBook n) {
        int id = ids.incrementAndGet();
        Book b = new Book(id, n.title(), n.author(), n.format(), n.price(), n.stock(), n.published(), n.tags());
        books.put(id, b);
        return b;
    }
}
