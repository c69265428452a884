"""A Redis server of the test's own on a free loopback port (Debian's redis-server, which ./sibika test
installs when it is missing): nothing is shared with a Redis the machine may run for something else."""
from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import contextmanager

from tests.conftest import free_port, tool_missing


@contextmanager
def redis_server():
    binary = shutil.which("redis-server")
    if binary is None:
        tool_missing("redis-server is not installed: apt-get install redis-server")
    port = free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--protected-mode", "yes"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        import redis

        client = redis.Redis.from_url(url)
        for _ in range(200):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.025)
        else:
            raise RuntimeError("redis-server did not answer")
        yield url
    finally:
        process.terminate()
        process.wait(10)
