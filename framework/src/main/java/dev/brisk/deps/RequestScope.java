package dev.brisk.deps;

import dev.brisk.HttpException;
import dev.brisk.Request;
import java.lang.reflect.Constructor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The per-request cache and cleanup stack behind {@link Scope}. */
final class RequestScope implements Scope {
    private static final Logger log = LoggerFactory.getLogger("brisk.deps");

    private final Request request;
    private final Registry registry;
    // Identity keys: two lambdas with equal code are still two providers. Guarded by this; the lock is
    // not held while a provider runs, so providers may resolve sub-dependencies freely.
    private final Map<Provider<?>, Object> values = new IdentityHashMap<>();
    private final Deque<Exit> cleanups = new ArrayDeque<>();
    private boolean closed;
    private Throwable failure;
    private CompletableFuture<Void> done;

    RequestScope(Request request) {
        this.request = request;
        this.registry = Registry.of(request);
    }

    @Override
    public Request request() {
        return request;
    }

    synchronized boolean has(Provider<?> provider) {
        return values.containsKey(provider);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Provider<T> provider) {
        synchronized (this) {
            if (values.containsKey(provider)) return (T) values.get(provider);
        }
        T value;
        try {
            value = registry.effective(provider).provide(this);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
        synchronized (this) {
            // A concurrent resolution (two offloads of the same provider) keeps the first value.
            if (values.containsKey(provider)) return (T) values.get(provider);
            values.put(provider, value);
        }
        return value;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T get(Class<?> providerClass) {
        return (T) get((Provider) registry.forClass(providerClass));
    }

    @Override
    public void onClose(AutoCloseable cleanup) {
        java.util.Objects.requireNonNull(cleanup, "cleanup");
        onExit(failure -> cleanup.close());
    }

    @Override
    public void onExit(Exit cleanup) {
        java.util.Objects.requireNonNull(cleanup, "cleanup");
        Throwable f;
        synchronized (this) {
            if (!closed) {
                cleanups.push(cleanup);
                return;
            }
            f = failure;
        }
        // Registered after the request ended (a provider still running past a time-out): run now.
        Thread.ofVirtual().name("brisk-cleanup").start(() -> runOne(cleanup, f));
    }

    CompletionStage<Void> close(Throwable outcome) {
        List<Exit> todo;
        synchronized (this) {
            if (done != null) return done;
            closed = true;
            failure = outcome;
            done = new CompletableFuture<>();
            if (cleanups.isEmpty()) {
                done.complete(null);
                return done;
            }
            todo = new ArrayList<>(cleanups); // push() made it last-in-first
            cleanups.clear();
        }
        CompletableFuture<Void> result = done;
        Thread.ofVirtual().name("brisk-cleanup").start(() -> {
            for (Exit c : todo) runOne(c, outcome);
            result.complete(null);
        });
        return result;
    }

    private void runOne(Exit cleanup, Throwable outcome) {
        try {
            cleanup.exit(outcome);
        } catch (HttpException e) {
            log.warn("dependency cleanup for {} {} raised {} after the response was sent", request.method(), request.path(), e.getMessage());
        } catch (Exception | Error e) {
            log.error("dependency cleanup failed for {} {}", request.method(), request.path(), e);
        }
    }
}
