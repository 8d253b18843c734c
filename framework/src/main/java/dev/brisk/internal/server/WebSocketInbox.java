package dev.brisk.internal.server;

import dev.brisk.WebSocket;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketMessage;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A socket's incoming messages: pushed to a loop-lane listener one at a time (the next waits for the
 * listener's stage), or pulled by a worker's blocking {@code receive()}. At most {@code limit} wait;
 * past that reading stops until the endpoint catches up, so a slow consumer never makes the server
 * buffer without bound. Arrivals happen on the event loop; {@code receive()} on the endpoint's thread.
 */
abstract class WebSocketInbox {
    private final int limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<WebSocketMessage> queue = new ArrayDeque<>();
    private volatile int queued; // queue.size(), written under the lock, read without it
    private WebSocketDisconnect closedWith; // guarded by lock
    private WebSocket.MessageListener listener; // loop only
    private boolean delivering; // loop only: a listener call or its stage is outstanding
    private volatile boolean paused;

    WebSocketInbox(int limit) {
        this.limit = limit;
    }

    protected abstract void checkReceive();
    protected abstract void pauseReading();
    protected abstract void resumeReading();
    /** Around each listener call: the watchdog's mark for this socket's route. */
    protected abstract void enterListener();
    protected abstract void exitListener();
    protected abstract void listenerFailed(Throwable t);
    protected abstract boolean onLoopThread();
    protected abstract void execute(Runnable r);

    /** On the loop: a whole message arrived. */
    final void deliver(WebSocketMessage m) {
        if (listener != null && !delivering && size() == 0) {
            call(m);
            return;
        }
        int n;
        lock.lock();
        try {
            queue.addLast(m);
            n = queued = queue.size();
            changed.signal();
        } finally {
            lock.unlock();
        }
        if (n >= limit && !paused) {
            paused = true;
            pauseReading();
        }
    }

    public final void onMessage(WebSocket.MessageListener l) {
        java.util.Objects.requireNonNull(l, "listener");
        Runnable set = () -> {
            if (listener != null) throw new IllegalStateException("onMessage(...) was already called");
            listener = l;
            drain();
        };
        if (onLoopThread()) set.run();
        else execute(set);
    }

    /** On the loop: hands queued messages to the listener while it keeps up. */
    private void drain() {
        while (listener != null && !delivering) {
            WebSocketMessage m;
            lock.lock();
            try {
                m = queue.pollFirst();
                queued = queue.size();
            } finally {
                lock.unlock();
            }
            if (m == null) break;
            call(m);
        }
        maybeResume();
    }

    private void call(WebSocketMessage m) {
        delivering = true;
        CompletionStage<?> stage = null;
        enterListener();
        try {
            stage = listener.onMessage(m);
        } catch (Throwable t) {
            listenerFailed(t);
        } finally {
            exitListener();
        }
        if (stage == null) {
            delivering = false;
            return;
        }
        var f = stage.toCompletableFuture();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            delivering = false;
            return;
        }
        stage.whenComplete((v, e) -> {
            if (onLoopThread()) listenerDone(e); // the usual case: a send's stage, completed on the loop
            else execute(() -> listenerDone(e));
        });
    }

    private void listenerDone(Throwable e) {
        delivering = false;
        if (e != null) listenerFailed(e);
        drain();
    }

    /** On the loop: reading resumes once the queue is half drained. */
    private void maybeResume() {
        if (paused && size() <= limit / 2) {
            paused = false;
            resumeReading();
        }
    }

    public final WebSocketMessage receive() {
        checkReceive();
        WebSocketMessage m;
        lock.lock();
        try {
            while (queue.isEmpty() && closedWith == null) changed.await();
            m = queue.pollFirst();
            queued = queue.size();
            if (m == null) throw closedWith;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebSocketDisconnect(1006, "interrupted");
        } finally {
            lock.unlock();
        }
        if (paused) execute(this::maybeResume);
        return m;
    }

    public final Iterable<WebSocketMessage> messages() {
        return () -> new Iterator<>() {
            private WebSocketMessage next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) return true;
                if (done) return false;
                try {
                    next = receive();
                    return true;
                } catch (WebSocketDisconnect d) {
                    done = true;
                    return false;
                }
            }

            @Override
            public WebSocketMessage next() {
                if (!hasNext()) throw new NoSuchElementException("the socket is closed");
                WebSocketMessage m = next;
                next = null;
                return m;
            }
        };
    }

    /** Any thread: no more messages will come; receivers drain what is queued, then get {@code d}. */
    final void closeInbox(WebSocketDisconnect d) {
        lock.lock();
        try {
            if (closedWith == null) closedWith = d;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    final WebSocketDisconnect closedWith() {
        lock.lock();
        try {
            return closedWith;
        } finally {
            lock.unlock();
        }
    }

    private int size() {
        return queued;
    }
}
