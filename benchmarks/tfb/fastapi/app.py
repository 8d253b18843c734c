"""TechEmpower's test types on FastAPI + asyncpg: the idiomatic FastAPI database entry.

`async def` routes on uvicorn's one event loop, asyncpg's pool of POOL connections (the same size as
the Java servers'), Jinja2Templates for /fortunes. Written from TFB's rules, not copied from TFB's
FastAPI entry; one deliberate difference from it: TFB's /db reads the row with fetchval(), which
returns only the first column, so its "randomNumber" is the id again. Here /db returns the row's
real randomnumber.

Like TFB's entry, the routes return a JSON response object themselves instead of a dict: FastAPI runs
a returned dict or list through jsonable_encoder (a recursive walk in Python, most of the CPU of
/queries on pydantic 1) before json.dumps, while a returned Response is sent as it is. That is
FastAPI's documented way to serve JSON fast ("Return a Response directly"), so the peer gets it too.
TFB uses ujson; where python3-ujson is installed it is used here too, else the stdlib's C encoder.

    cd benchmarks/tfb/fastapi
    PGPORT=5432 POOL=16 /usr/bin/python3 -m uvicorn app:app --loop uvloop --http httptools \
        --workers 1 --no-access-log --port 8000
"""
import os
import random
from operator import itemgetter

import asyncpg
from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse
from fastapi.templating import Jinja2Templates

SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1"
UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2"
SELECT_FORTUNES = "SELECT id, message FROM fortune"
ADDED = "Additional fortune added at request time."

try:
    from fastapi.responses import UJSONResponse as FastJSON
    import ujson  # noqa: F401  (UJSONResponse needs it at render time)
except ImportError:
    from fastapi.responses import JSONResponse as FastJSON

app = FastAPI()
templates = Jinja2Templates(directory=os.path.join(os.path.dirname(__file__), "templates"))
pool = None
cache = {}


def count(raw):
    """TFB's rule: not an integer -> 1, clamped to 1..500."""
    try:
        n = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(n, 1), 500)


@app.on_event("startup")
async def startup():
    global pool
    size = int(os.environ.get("POOL", "16"))
    pool = await asyncpg.create_pool(
        host=os.environ.get("PGHOST", "127.0.0.1"), port=int(os.environ.get("PGPORT", "5432")),
        user="benchmarkdbuser", password="benchmarkdbpass", database="hello_world",
        min_size=size, max_size=size)
    async with pool.acquire() as conn:
        for row in await conn.fetch("SELECT id, randomnumber FROM world"):
            cache[row[0]] = {"id": row[0], "randomNumber": row[1]}
    print("fastapi-tfb: pool %d, JSON by %s" % (size, FastJSON.__name__), flush=True)


@app.on_event("shutdown")
async def shutdown():
    await pool.close()


@app.get("/plaintext")
async def plaintext():
    return PlainTextResponse(b"Hello, World!")


@app.get("/json")
async def json():
    return FastJSON({"message": "Hello, World!"})


@app.get("/db")
async def db():
    async with pool.acquire() as conn:
        row = await conn.fetchrow(SELECT_WORLD, random.randint(1, 10000))
    return FastJSON({"id": row[0], "randomNumber": row[1]})


async def read(conn, n):
    statement = await conn.prepare(SELECT_WORLD)
    out = []
    for _ in range(n):
        row = await statement.fetchrow(random.randint(1, 10000))
        out.append({"id": row[0], "randomNumber": row[1]})
    return out


@app.get("/queries")
async def queries(queries: str = None):
    async with pool.acquire() as conn:
        rows = await read(conn, count(queries))
    return FastJSON(rows)


@app.get("/updates")
async def updates(queries: str = None):
    async with pool.acquire() as conn:
        rows = await read(conn, count(queries))
        for row in rows:
            new = random.randint(1, 10000)
            while new == row["randomNumber"]:
                new = random.randint(1, 10000)
            row["randomNumber"] = new
        rows.sort(key=itemgetter("id"))   # one order for every batch: no deadlocks between requests
        await conn.executemany(UPDATE_WORLD, [(r["randomNumber"], r["id"]) for r in rows])
    return FastJSON(rows)


@app.get("/fortunes")
async def fortunes(request: Request):
    async with pool.acquire() as conn:
        rows = [(r[0], r[1]) for r in await conn.fetch(SELECT_FORTUNES)]
    rows.append((0, ADDED))
    rows.sort(key=itemgetter(1))
    # the Starlette of Debian 12 takes the request inside the context
    return templates.TemplateResponse("fortunes.html", {"request": request, "fortunes": rows})


@app.get("/cached-queries")
async def cached_queries(request: Request):
    n = count(request.query_params.get("count"))
    return FastJSON([cache[random.randint(1, 10000)] for _ in range(n)])
