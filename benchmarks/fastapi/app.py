"""The seed application's contract, served by FastAPI (see shared/seed-app-contract.md).

This is the reference that Brisk is compared with, so it is written the way the seed
documents write FastAPI: `def` routes run in Starlette's thread pool (40 tokens by
default), `async def` routes run on the single event-loop thread, and the "mistakes"
the seeds demonstrate (time.sleep and a blocking HTTP call inside `async def`) are
reproduced on purpose.

Run it (Debian's packages, with /usr/bin/python3, not a pyenv python):

    cd benchmarks/fastapi
    /usr/bin/python3 -m uvicorn app:app --loop uvloop --http httptools \
        --workers 1 --no-access-log --port 8000

Environment:
    SEED_BLOCK_SECONDS  seed 000's blocking sleep in /sync and /async (default 20)
    SEED_BLOCK_ON       which request number blocks (default 5)
    SEED_SLEEP_SECONDS  seed 004's sleep in /sync-test and /asyncio-test (default 3;
                        the benchmarks use 0.1)
    SEED_UPSTREAM       the slow upstream for /http/* (default http://127.0.0.1:8090)
    SEED_THREAD_LIMIT   if set, resizes AnyIO's default thread limiter (Starlette's
                        pool for `def` routes, 40 by default) at startup
    SEED_OFFLOAD        /cpu/offload's executor: "thread" (seed 002's
                        ThreadPoolExecutor(max_workers=10), the default) or "process"
    SEED_HTTP_CLIENT    how /http/* reach the upstream: "per-request" (the seed's code: a
                        new httpx client, and its connection pool and TLS context, for
                        every request; the default) or "shared" (one httpx.Client and one
                        httpx.AsyncClient created at startup and reused, as a service
                        would). The lab runs both to show what the client costs.
    SEED_DATABASE_URL   the lab's E6: GET /query/sync (def + psycopg) and /query/async
                        (async def + asyncpg) run SELECT pg_sleep(seconds) on this PostgreSQL;
                        unset, they answer 503 (see database.py, with SEED_DB_SYNC_POOL and
                        SEED_DB_ASYNC_POOL)

./brisk lab starts this app itself through lab_server.py (a free port, uvloop and
httptools where present, and no stray process when the lab goes away).
"""
import asyncio
import datetime
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Optional

import anyio.to_thread
import httpx
from fastapi import FastAPI, WebSocket, WebSocketDisconnect
from fastapi.responses import PlainTextResponse, Response

from database import router as database_router

BLOCK_SECONDS = float(os.environ.get("SEED_BLOCK_SECONDS", "20"))
BLOCK_ON = int(os.environ.get("SEED_BLOCK_ON", "5"))
SLEEP_SECONDS = float(os.environ.get("SEED_SLEEP_SECONDS", "3"))
UPSTREAM = os.environ.get("SEED_UPSTREAM", "http://127.0.0.1:8090").rstrip("/")
THREAD_LIMIT = os.environ.get("SEED_THREAD_LIMIT")
OFFLOAD = os.environ.get("SEED_OFFLOAD", "thread")
HTTP_CLIENT = os.environ.get("SEED_HTTP_CLIENT", "per-request")
if HTTP_CLIENT not in ("per-request", "shared"):
    raise SystemExit(f"SEED_HTTP_CLIENT must be per-request or shared, not {HTTP_CLIENT!r}")

app = FastAPI(title="Brisk seed app (FastAPI reference)")
app.include_router(database_router)  # E6's /query/sync and /query/async (503 without SEED_DATABASE_URL)

# Seed 000: two counters, shared by every request of /sync and of /async respectively.
_counter_lock = threading.Lock()
_counts = {"sync": 0, "async": 0}

# Seed 002: ThreadPoolExecutor(max_workers=10) for run_in_executor.
_executor = ProcessPoolExecutor(max_workers=2) if OFFLOAD == "process" else ThreadPoolExecutor(max_workers=10)


# SEED_HTTP_CLIENT=shared: one client per kind for the app's lifetime (None: a client per request).
_shared: dict = {"sync": None, "async": None}


@app.on_event("startup")
async def _configure_thread_limit() -> None:
    if THREAD_LIMIT:
        anyio.to_thread.current_default_thread_limiter().total_tokens = int(THREAD_LIMIT)


@app.on_event("startup")
async def _open_shared_clients() -> None:
    if HTTP_CLIENT == "shared":
        # as many pooled connections as the lab sends concurrent calls (httpx keeps 20 by default)
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
        _shared["sync"] = httpx.Client(timeout=None, limits=limits)
        _shared["async"] = httpx.AsyncClient(timeout=None, limits=limits)


@app.on_event("shutdown")
async def _close_shared_clients() -> None:
    if _shared["sync"] is not None:
        _shared["sync"].close()
        await _shared["async"].aclose()


def _next(name: str) -> int:
    with _counter_lock:
        _counts[name] += 1
        return _counts[name]


def _now() -> str:
    return datetime.datetime.now().strftime("%H:%M:%S.%f")[:-3]


def _counted(kind: str) -> dict:
    """Seed 000's body: count, thread identity and time, then the blocking sleep for
    the block-on'th request. time.sleep blocks whatever thread runs it: a pool thread
    for /sync, the event loop itself for /async."""
    n = _next(kind)
    thread = threading.current_thread()
    request_time = _now()  # taken before the sleep
    print(f">>> {kind}_cnt: {n}, request_time: {request_time}", flush=True)
    message = f"{kind} example"
    if n == BLOCK_ON:
        time.sleep(BLOCK_SECONDS)
        message += " (sleep)"
    return {
        "message": message,
        "count": n,
        "thread_id": threading.get_ident(),
        "thread_name": thread.name,
        "request_time": request_time,
    }


@app.get("/sync")
def sync_example():
    return _counted("sync")


@app.get("/async")
async def async_example():
    return _counted("async")


@app.get("/reset")
async def reset():
    with _counter_lock:
        _counts["sync"] = 0
        _counts["async"] = 0
    return {"ok": True}


# Seed 004. The benchmarks' blocking workload is /sync-test/1.
@app.get("/asyncio-test/{user_id}")
async def asyncio_test(user_id: str):
    await asyncio.sleep(SLEEP_SECONDS)
    return {"user": user_id, "status": "done"}


@app.get("/sync-test/{user_id}")
def sync_test(user_id: str):
    time.sleep(SLEEP_SECONDS)
    return {"user": user_id, "status": "done"}


# Seed 001: the three ways to call a slow upstream.
def _upstream_url(waitms: int) -> str:
    return f"{UPSTREAM}/?waitms={waitms}"


def _json(body: bytes) -> Response:
    return Response(content=body, media_type="application/json")


def _blocking_get(waitms: int) -> Response:
    if _shared["sync"] is not None:
        return _json(_shared["sync"].get(_upstream_url(waitms)).content)
    with httpx.Client(timeout=None) as http:  # the seed's code
        return _json(http.get(_upstream_url(waitms)).content)


@app.get("/http/sync")
def http_sync(waitms: int = 0):
    return _blocking_get(waitms)


@app.get("/http/async")
async def http_async(waitms: int = 0):
    if _shared["async"] is not None:
        return _json((await _shared["async"].get(_upstream_url(waitms))).content)
    async with httpx.AsyncClient(timeout=None) as http:  # the seed's code
        return _json((await http.get(_upstream_url(waitms))).content)


@app.get("/http/async/sync")
async def http_async_sync(waitms: int = 0):
    # The seed's worst case, on purpose: a blocking client inside `async def`.
    return _blocking_get(waitms)


# Seed 002 and 004: CPU-bound work on the loop, and offloaded with run_in_executor.
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@app.get("/cpu/inline")
async def cpu_inline(n: int = 30):
    return {"fib": fib(n)}


@app.get("/cpu/offload")
async def cpu_offload(n: int = 30):
    loop = asyncio.get_running_loop()
    return {"fib": await loop.run_in_executor(_executor, fib, n)}


# The TechEmpower-style workloads.
@app.get("/ping")
async def ping():
    return {"pong": True}


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext():
    return "Hello, World!"


@app.get("/json")
async def json_route():
    return {"message": "Hello, World!"}


@app.get("/items/{item_id}")
async def read_item(item_id: int, q: Optional[str] = None, limit: int = 10):
    return {"item_id": item_id, "q": q, "limit": limit}


@app.websocket("/ws/echo")
async def ws_echo(websocket: WebSocket):
    """Issue 13's peer: every text or binary message echoed as it came (run uvicorn with --ws websockets)."""
    await websocket.accept()
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            if message.get("text") is not None:
                await websocket.send_text(message["text"])
            else:
                await websocket.send_bytes(message["bytes"])
    except WebSocketDisconnect:
        return
