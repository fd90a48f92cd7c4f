"""recipeplanner.sqlite: a transaction's BEGIN waits for the write lock in short steps, and only BEGIN."""

import copy
import sqlite3
import threading
import time

import pytest
from django.db import OperationalError, connections, transaction

from recipeplanner.sqlite.base import DatabaseWrapper

ALIAS = "sqlite_lock_wait"


@pytest.fixture
def database(tmp_path, django_db_blocker):
    """A file database with one table, and a factory of our backend's connections to it under ALIAS."""
    path = tmp_path / "lock.sqlite3"
    with sqlite3.connect(path) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE item (name TEXT)")
    made = []

    def connect(timeout, transaction_mode="IMMEDIATE"):
        settings = copy.deepcopy(connections.settings["default"])
        settings.update(ENGINE="recipeplanner.sqlite", NAME=str(path), CONN_MAX_AGE=0)
        settings["OPTIONS"] = {"timeout": timeout, "transaction_mode": transaction_mode}
        wrapper = DatabaseWrapper(settings, alias=ALIAS)
        connections[ALIAS] = wrapper
        made.append(wrapper)
        return wrapper

    with django_db_blocker.unblock():
        yield path, connect
        for wrapper in made:
            wrapper.close()
    del connections[ALIAS]


def hold_write_lock(path, seconds):
    """Take the write lock from another connection and release it after `seconds`.

    Returns (thread, released): join the thread; released[0] is then the time.monotonic() of the COMMIT.
    """
    holder = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    released = []

    def release():
        time.sleep(seconds)
        holder.execute("COMMIT")
        released.append(time.monotonic())
        holder.close()

    thread = threading.Thread(target=release)
    thread.start()
    return thread, released


def busy_timeout(wrapper):
    return wrapper.connection.execute("PRAGMA busy_timeout").fetchone()[0]


def test_begin_waits_for_a_released_lock_and_gets_it_promptly(database):
    path, connect = database
    wrapper = connect(timeout=5)
    wrapper.ensure_connection()
    thread, released = hold_write_lock(path, 0.035)
    with transaction.atomic(using=ALIAS):
        acquired = time.monotonic()
        wrapper.cursor().execute("INSERT INTO item VALUES ('flour')")
    thread.join()
    # SQLite's own handler would sleep from 33 ms to 53 ms after the start, 18 ms past the release.
    assert 0 <= acquired - released[0] < 0.01
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT name FROM item").fetchall() == [("flour",)]
    assert busy_timeout(wrapper) == 5000


def test_begin_gives_up_with_database_is_locked_after_the_timeout(database):
    path, connect = database
    wrapper = connect(timeout=0.1)
    wrapper.ensure_connection()
    thread, _ = hold_write_lock(path, 0.5)
    started = time.monotonic()
    with pytest.raises(OperationalError, match="database is locked"):
        with transaction.atomic(using=ALIAS):
            pass
    assert 0.09 <= time.monotonic() - started < 0.3
    thread.join()
    assert busy_timeout(wrapper) == 100


def test_other_errors_at_begin_are_not_retried(database, monkeypatch):
    path, connect = database
    wrapper = connect(timeout=5)
    wrapper.ensure_connection()
    wrapper.transaction_mode = "NONSENSE"
    started = time.monotonic()
    with pytest.raises(OperationalError, match="syntax error"):
        with transaction.atomic(using=ALIAS):
            pass
    assert time.monotonic() - started < 0.05
    assert busy_timeout(wrapper) == 5000


def test_deferred_transactions_keep_sqlites_own_busy_handler(database):
    path, connect = database
    wrapper = connect(timeout=5, transaction_mode=None)
    wrapper.ensure_connection()
    thread, _ = hold_write_lock(path, 0.05)
    with transaction.atomic(using=ALIAS):
        # A deferred BEGIN takes no lock, so it returns at once; the insert then waits in SQLite.
        wrapper.cursor().execute("INSERT INTO item VALUES ('sugar')")
    thread.join()
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT name FROM item").fetchall() == [("sugar",)]
