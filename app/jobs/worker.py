"""The job worker: `python -m app.jobs.worker` (./sibika run starts one beside the web server).

In production run as many as the load needs, on any machine that reaches the database and, with
SIBIKA_REDIS_URL, the same Redis: each takes jobs off the one queue."""
from __future__ import annotations

import argparse
import logging


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="threads taking jobs (default 2)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    from app import create_app
    from app.jobs.queue import consumer

    consumer(create_app(), workers=args.workers).run()


if __name__ == "__main__":
    main()
