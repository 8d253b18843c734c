"""Seed 003's client, measured by ./brisk lab beside Java's: download N pages with
ThreadPoolExecutor(max_workers=k) for each k, each page with a blocking call on its own
connection (the seed used requests.get; urllib.request is the standard library's
equivalent), then all N at once with asyncio and one httpx.AsyncClient (the seed showed
aiohttp). Prints one line per client: "<kind> <k> <seconds> <failures>".

    python3 client_pools.py URL N TIMEOUT_SECONDS K [K ...]
"""
import asyncio
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def fetch(url: str, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            r.read()
            return r.status == 200
    except OSError:
        return False


def pool(url: str, n: int, k: int, timeout: float) -> None:
    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=k) as ex:
        ok = sum(ex.map(lambda _: fetch(url, timeout), range(n)))
    print(f"pool {k} {time.perf_counter() - t0:.4f} {n - ok}", flush=True)


async def gather(url: str, n: int, timeout: float) -> None:
    import httpx
    async with httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(max_connections=n)) as client:
        t0 = time.perf_counter()
        answers = await asyncio.gather(*(client.get(url) for _ in range(n)), return_exceptions=True)
        seconds = time.perf_counter() - t0
    failed = sum(1 for a in answers if isinstance(a, BaseException) or a.status_code != 200)
    print(f"async 0 {seconds:.4f} {failed}", flush=True)


def main() -> None:
    url, n, timeout = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    fetch(url, timeout)  # unmeasured: imports and the first connection
    for k in (int(a) for a in sys.argv[4:]):
        pool(url, n, k, timeout)
    asyncio.run(gather(url, n, timeout))


if __name__ == "__main__":
    main()
