package dev.brisk.json;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's buffer pool, split by thread kind. Jackson 3's default is one shared concurrent deque:
 * every encode on an event loop paid a deque poll and offer (a few percent of a {@code /json}
 * request in profiles). Platform threads (event loops, pool workers: few and long-lived) now keep
 * one recycler each in a thread-local; virtual threads, one per request, would make a thread-local
 * useless, so they still share the deque.
 */
final class LoopRecyclerPool implements RecyclerPool<BufferRecycler> {
    private static final long serialVersionUID = 1L;

    static final LoopRecyclerPool INSTANCE = new LoopRecyclerPool();

    private static final RecyclerPool<BufferRecycler> LOCAL = JsonRecyclerPools.threadLocalPool();
    private static final RecyclerPool<BufferRecycler> SHARED = JsonRecyclerPools.sharedConcurrentDequePool();

    private LoopRecyclerPool() {}

    @Override
    public BufferRecycler acquireAndLinkPooled() {
        // a thread-local recycler is not linked (its release is a no-op); a shared one releases to SHARED
        return Thread.currentThread().isVirtual() ? SHARED.acquireAndLinkPooled() : LOCAL.acquireAndLinkPooled();
    }

    @Override
    public BufferRecycler acquirePooled() {
        return Thread.currentThread().isVirtual() ? SHARED.acquirePooled() : LOCAL.acquirePooled();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        // Never reached through Jackson: a linked recycler releases to the pool it was linked to
        // (SHARED). Dropping is the safe answer: it could be a thread-local one, owned by its thread.
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
