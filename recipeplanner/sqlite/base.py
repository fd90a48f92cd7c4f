"""Django's SQLite backend, with a transaction's write lock waited for in short steps (ENGINE "recipeplanner.sqlite").

SQLite lets one connection write at a time. With `transaction_mode` IMMEDIATE (settings.py) a transaction
takes the write lock at BEGIN, so BEGIN is where a request waits while a worker saves a recipe. SQLite's
own busy handler waits in growing sleeps of 1, 2, 5, 10, 15, 20, 25 ms…: a lock held for 4 ms keeps the
waiter asleep for 8, one held for 9 ms for 18. With the workers busy, that sleep was most of the upload's
p99 (docs/benchmarks.md, "Seventh round"). Here BEGIN is retried after 0.1 ms, doubling to at most 1 ms,
so a waiter gets the lock within about a millisecond of its release. The total wait is still bounded by the
connection's `timeout` option (seconds; sqlite3's default is 5), after which "database is locked" is
raised as before. Every other statement keeps SQLite's own busy handler.
"""

import time

from django.db import OperationalError
from django.db.backends.sqlite3 import base

# Seconds before the first retry of a BEGIN that found the write lock taken, and the longest between two.
BEGIN_RETRY_FIRST_DELAY = 0.0001
BEGIN_RETRY_MAX_DELAY = 0.001
# sqlite3.connect's default `timeout`, in seconds.
SQLITE_DEFAULT_TIMEOUT = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite whose transactions retry BEGIN in short steps while another connection holds the write lock.

    Raises django.db.OperationalError ("database is locked") when the lock is still held after the
    connection's `timeout` option, as SQLite's own busy handler does.
    """

    def _start_transaction_under_autocommit(self):
        if self.transaction_mode is None:
            # A deferred BEGIN takes no lock; the statement that first writes waits as SQLite decides.
            return super()._start_transaction_under_autocommit()
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", SQLITE_DEFAULT_TIMEOUT))
        deadline = time.monotonic() + timeout
        delay = BEGIN_RETRY_FIRST_DELAY
        # Only this BEGIN polls: the raw connection's busy timeout is set to 0 around it and put back.
        self.connection.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    self.cursor().execute(f"BEGIN {self.transaction_mode}")
                    return
                except OperationalError as error:
                    if "locked" not in str(error) or time.monotonic() + delay > deadline:
                        raise
                time.sleep(delay)
                delay = min(delay * 2, BEGIN_RETRY_MAX_DELAY)
        finally:
            self.connection.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
