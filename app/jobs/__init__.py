"""Background jobs on Huey: long work (a month's letters, an SDP export, a backup) runs in a
worker, the user watches its progress and downloads the result when it is ready.

queue.py builds the queue (SqliteHuey under instance/ by default, RedisHuey with SIBIKA_REDIS_URL);
commands.py starts and reads jobs (who may, one at a time); runner.py runs one in the worker;
kinds.py names what can run; progress.py is the bar; digest.py the daily e-mail."""
