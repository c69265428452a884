"""Requests from a loopback address of one's own (127.0.0.0/8 is all local on Linux).

The login limit counts per client address: in a bench every simulated user on 127.0.0.1 would share
one counter, which no real office does. Mounted on a requests (or locust) session, each simulated
user, the job starters and the throttle probe each draw on a counter of their own."""
from __future__ import annotations

from requests.adapters import HTTPAdapter


class SourceAddressAdapter(HTTPAdapter):
    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def loopback(block: int, n: int) -> str:
    """The n-th address (from 0) of a block: 127.<block>.<n // 250>.<n % 250 + 1>."""
    return f"127.{block}.{n // 250}.{n % 250 + 1}"
