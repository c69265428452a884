"""A small load driver for loopback only: one thread per user, each logged in
with its own cookie jar, requesting its screens in random order until the time
is up. Standard library only (urllib), so it needs nothing installed.

Every response of status 400 or more, and every exception, is an error."""
from __future__ import annotations

import http.cookiejar
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


class Browser:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with self.opener.open(self.base + path, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""

    def login(self, username: str, password: str) -> None:
        status, page = self.get("/login/")
        found = TOKEN.search(page.decode("utf-8", "replace"))
        data = {"username": username, "password": password, "csrf_token": found.group(1) if found else ""}
        with self.opener.open(self.base + "/login/", urllib.parse.urlencode(data).encode(), timeout=60) as response:
            response.read()
            if "/login" in response.url:
                raise RuntimeError(f"login refused for {username}")


def timed_get(browser: Browser, path: str) -> tuple[float, int]:
    began = time.perf_counter()
    status, _body = browser.get(path)
    return (time.perf_counter() - began) * 1000, status


def mixed_load(base: str, users: list[tuple[str, list[str]]], password: str, seconds: float, seed: int = 1) -> dict:
    """``users``: (username, paths) per simulated user; returns counts and latency figures."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(len(users))

    def user(n: int, username: str, paths: list[str]) -> None:
        rnd = random.Random(seed + n)
        browser = Browser(base)
        try:
            browser.login(username, password)
        except Exception as exc:  # noqa: BLE001 - every failure counts as an error
            with lock:
                errors.append(f"{username}: login {exc}")
            start_gate.abort()
            return
        try:
            start_gate.wait(timeout=120)
        except threading.BrokenBarrierError:
            pass
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            path = rnd.choice(paths)
            try:
                elapsed, status = timed_get(browser, path)
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"{path}: {exc}")
                continue
            with lock:
                latencies.append(elapsed)
                if status >= 400:
                    errors.append(f"{path}: HTTP {status}")
            time.sleep(rnd.uniform(0.0, 0.5))  # a person reads before the next click

    threads = [threading.Thread(target=user, args=(n, name, paths)) for n, (name, paths) in enumerate(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]
    return {"users": len(users), "seconds": seconds, "requests": len(latencies), "rate": len(latencies) / elapsed,
            "errors": len(errors), "error_samples": errors[:10], "median": statistics.median(ordered),
            "p95": ordered[int(0.95 * (len(ordered) - 1))], "max": ordered[-1]}
