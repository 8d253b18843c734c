"""Talks to a running Brisk seed app with Python's websockets library (Debian python3-websockets).

usage: /usr/bin/python3 ws_clients.py ws://127.0.0.1:PORT
Prints one line per check; exits 0 when every check passed, 1 with the reason otherwise.
"""
import asyncio
import sys

import websockets


async def echo(base, path):
    # compression=deflate is the library's default: the server must negotiate permessage-deflate
    async with websockets.connect(base + path, max_size=8 * 1024 * 1024) as ws:
        names = [e.name for e in ws.extensions]
        assert names == ["permessage-deflate"], names
        await ws.send("héllo")
        assert await ws.recv() == "héllo"
        await ws.send(bytes([0, 1, 2, 255]))
        got = await ws.recv()
        assert got == bytes([0, 1, 2, 255]), got
        big = "abc" * 200_000  # 600 KB, compresses well: under the 1 MiB limit once inflated
        await ws.send(big)
        assert await ws.recv() == big
        for i in range(200):  # a burst: every message back, in order
            await ws.send(f"m{i}")
        for i in range(200):
            assert await ws.recv() == f"m{i}"
        pong = await ws.ping(b"hi")
        await asyncio.wait_for(pong, 5)
        # a fragmented message from the client arrives whole
        await ws.send(iter(["frag", "ment", "ed"]))
        assert await ws.recv() == "fragmented"
    assert ws.close_code == 1000, ws.close_code
    print(f"{path}: echo, deflate, burst, ping, fragments OK")


async def too_big(base, path):
    # plain, and compressed (2 MiB of one byte deflates to a few KB: the limit applies once inflated)
    for compression in (None, "deflate"):
        async with websockets.connect(base + path, compression=compression, max_size=None) as ws:
            await ws.send(b"x" * (2 * 1024 * 1024))
            try:
                await asyncio.wait_for(ws.recv(), 10)
                raise AssertionError("a 2 MiB message was echoed")
            except websockets.exceptions.ConnectionClosed as e:
                code = e.rcvd.code if e.rcvd else None
                assert code == 1009, (compression, code)
    print(f"{path}: 2 MiB message closed with 1009 OK")


async def many(base, path, n):
    socks = [await websockets.connect(base + path) for _ in range(n)]
    await asyncio.gather(*(s.send(f"c{i}") for i, s in enumerate(socks)))
    got = await asyncio.gather(*(s.recv() for s in socks))
    assert got == [f"c{i}" for i in range(n)], got[:5]
    await asyncio.gather(*(s.close() for s in socks))
    print(f"{path}: {n} concurrent sockets OK")


async def main(base):
    for path in ("/ws/echo", "/ws/echo-sync"):
        await echo(base, path)
        await too_big(base, path)
        await many(base, path, 50)
    try:
        async with websockets.connect(base + "/ws/nowhere"):
            raise AssertionError("connected to a missing endpoint")
    except websockets.exceptions.InvalidStatusCode as e:
        assert e.status_code == 404, e.status_code
    print("missing endpoint: 404 OK")
    print("OK")


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1]))
    except Exception as e:  # noqa: BLE001 - report any failure to the Java test
        print(f"FAILED: {type(e).__name__}: {e}")
        sys.exit(1)
