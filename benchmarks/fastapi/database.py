"""The lab's E6 routes on FastAPI: a query that takes `seconds` (SELECT pg_sleep), written the two ways
FastAPI users meet a database.

    GET /query/sync?seconds=0.05    def route + psycopg 3 (Debian's python3-psycopg), a sync driver:
                                    runs in AnyIO's thread pool (40 threads), holding a thread and a
                                    connection for the whole query
    GET /query/async?seconds=0.05   async def route + asyncpg (python3-asyncpg): holds no thread, only a
                                    connection of asyncpg.create_pool's

Both answer {"slept": seconds, "thread_id": ..., "thread_name": ...} (the thread that ran the handler,
as the seed routes report it), 422 for a `seconds` outside 0..10, and 503 while the database is off.

Environment:
    SEED_DATABASE_URL   e.g. postgresql://user:password@127.0.0.1:5432/hello_world; unset (the
                        default), the routes answer 503 and psycopg/asyncpg are not even imported, so
                        the seed app runs without them
    SEED_DB_SYNC_POOL   connections for /query/sync (default 40: one per AnyIO worker thread; fewer
                        and threads wait for a connection, more and the extra are never used); 0: none
    SEED_DB_ASYNC_POOL  connections for /query/async (default 10, asyncpg's own default); 0: none

Why a pool written here for psycopg: psycopg's own pool is a separate package (psycopg_pool, Debian's
python3-psycopg-pool) that a plain python3-psycopg install lacks. For this route it would do what
`_FixedPool` does: N connections opened at start-up (ConnectionPool(min_size=N, max_size=N)), a thread
that finds none free waits for one (30 s, then an error).
"""
import os
import queue
import threading
from contextlib import contextmanager

from fastapi import APIRouter, HTTPException, Query

URL = os.environ.get("SEED_DATABASE_URL", "")
SYNC_POOL = int(os.environ.get("SEED_DB_SYNC_POOL", "40"))
ASYNC_POOL = int(os.environ.get("SEED_DB_ASYNC_POOL", "10"))
WAIT_SECONDS = 30.0
if SYNC_POOL < 0 or ASYNC_POOL < 0:
    raise SystemExit("SEED_DB_SYNC_POOL and SEED_DB_ASYNC_POOL must be >= 0")

router = APIRouter()
_pools: dict = {"sync": None, "async": None}


class _FixedPool:
    """`size` psycopg connections (autocommit: one statement, no transaction left open) behind a queue."""

    def __init__(self, url: str, size: int) -> None:
        import psycopg

        self._connect = lambda: psycopg.connect(url, autocommit=True)
        self._free: queue.Queue = queue.Queue()
        for _ in range(size):
            self._free.put(self._connect())

    @contextmanager
    def connection(self):
        try:
            conn = self._free.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            raise HTTPException(503, f"no free database connection within {WAIT_SECONDS:.0f} s") from None
        try:
            if conn is None or conn.closed:
                conn = self._connect()
            yield conn
        finally:
            # a connection the server dropped is replaced on its next use, so the pool keeps its size
            self._free.put(None if conn is None or conn.closed or conn.broken else conn)

    def close(self) -> None:
        while True:
            try:
                conn = self._free.get_nowait()
            except queue.Empty:
                return
            if conn is not None:
                conn.close()


@router.on_event("startup")
async def _open_pools() -> None:
    if not URL:
        return
    if SYNC_POOL:
        _pools["sync"] = _FixedPool(URL, SYNC_POOL)
    if ASYNC_POOL:
        import asyncpg

        _pools["async"] = await asyncpg.create_pool(URL, min_size=ASYNC_POOL, max_size=ASYNC_POOL)


@router.on_event("shutdown")
async def _close_pools() -> None:
    if _pools["sync"] is not None:
        _pools["sync"].close()
    if _pools["async"] is not None:
        await _pools["async"].close()


def _pool(kind: str):
    pool = _pools[kind]
    if pool is None:
        why = "SEED_DATABASE_URL is not set" if not URL else f"SEED_DB_{kind.upper()}_POOL is 0"
        raise HTTPException(503, f"no database for /query/{kind}: {why}")
    return pool


def _answer(seconds: float) -> dict:
    return {"slept": seconds, "thread_id": threading.get_ident(), "thread_name": threading.current_thread().name}


@router.get("/query/sync")
def query_sync(seconds: float = Query(0.05, ge=0, le=10)):
    with _pool("sync").connection() as conn:
        conn.execute("SELECT pg_sleep(%s)", (seconds,))
    return _answer(seconds)


@router.get("/query/async")
async def query_async(seconds: float = Query(0.05, ge=0, le=10)):
    await _pool("async").execute("SELECT pg_sleep($1)", seconds)
    return _answer(seconds)
