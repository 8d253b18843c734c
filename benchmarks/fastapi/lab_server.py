"""Serves app.py under uvicorn for `./brisk lab`, which compares FastAPI with Brisk live.

What the lab needs that `python3 -m uvicorn app:app` does not give it:
  - a free port with no race: the socket is bound here (port 0) and handed to uvicorn,
    and the port is printed on the first line of stdout;
  - uvloop and httptools when they are installed (uvicorn's fastest setting, as the seed
    posts ran it), else asyncio and h11, and one worker;
  - no stray server: the lab holds this process's stdin open, and end-of-file (the lab
    stopped it, or the JVM died, even by SIGKILL) exits at once, whatever the event loop
    is blocked on (the seed's mistakes block it on purpose).

The app reads its options from the environment (SEED_BLOCK_SECONDS ... see app.py).
"""
import importlib.util
import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import uvicorn  # noqa: E402  (after the path is set)


def _exit_when_the_lab_goes() -> None:
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main() -> None:
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config("app:app", host="127.0.0.1", port=port, loop=loop, http=http, workers=1,
                            access_log=False, log_level="warning", backlog=2048)
    threading.Thread(target=_exit_when_the_lab_goes, name="lab-stdin-watch", daemon=True).start()
    print(f"lab-fastapi port={port} loop={loop} http={http} python={sys.version.split()[0]}", flush=True)
    uvicorn.Server(config).run(sockets=[sock])


if __name__ == "__main__":
    main()
