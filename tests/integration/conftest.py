"""Fixtures of the integration layer: one real stack per test run, its users, and a headless Chromium."""

import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from .client import Api
from .db import job_counts
from .stack import Stack

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
_stacks: list[Stack] = []
_counts: dict[str, dict] = {}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.integration)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The jobs each stack was sent and how they ended; on failure, the end of each service's log."""
    for name, counts in _counts.items():
        terminalreporter.write_line(
            f"jobs on the {name} stack: " + ", ".join(f"{k} {v}" for k, v in counts.items())
        )
    if exitstatus == 0 or not _stacks:
        return
    terminalreporter.write_sep("-", "integration services: last log lines")
    for stack in _stacks:
        terminalreporter.write_line(stack.log_tails(60))


@dataclass
class User:
    username: str
    password: str
    token: str
    api: Api


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Redis, a Celery worker (concurrency 2) and daphne on free loopback ports, in a temporary folder."""
    # INTEGRATION_DATABASE=postgresql runs every test of this stack on PostgreSQL too.
    database = os.environ.get("INTEGRATION_DATABASE", "sqlite")
    stack = Stack(tmp_path_factory.mktemp("stack"), database=database)
    _stacks.append(stack)
    stack.start()
    yield stack
    _record_counts("SQLite" if database == "sqlite" else f"main ({database})", stack)
    stack.stop()


def _user(stack: Stack, username: str, *, superuser: bool) -> User:
    password = f"pw-{uuid.uuid4().hex}"
    token = stack.ensure_user(username, password, superuser=superuser)
    return User(username, password, token, Api(stack.base_url, token))


@pytest.fixture(scope="session")
def pg_stack(tmp_path_factory):
    """The same stack on a private PostgreSQL server instead of SQLite: the production database.

    The concurrency and fault tests use it; the lease is short so that the sweeper, run by the tests
    when they want it, sees a lost job within seconds.
    """
    stack = Stack(
        tmp_path_factory.mktemp("pg-stack"),
        database="postgresql",
        env={"EXTRACTION_LEASE_SECONDS": "4"},
    )
    _stacks.append(stack)
    stack.start()
    yield stack
    _record_counts("PostgreSQL", stack)
    stack.stop()


def _record_counts(name: str, stack: Stack) -> None:
    try:
        _counts[name] = job_counts(stack)
    except Exception as error:  # noqa: BLE001 - a report, never a reason to fail the run
        _counts[name] = {"error": repr(error)}


@pytest.fixture(scope="session")
def pg_owner(pg_stack) -> User:
    """The host of the sessions on the PostgreSQL stack."""
    return _user(pg_stack, "host", superuser=False)


@pytest.fixture(scope="session")
def owner(stack) -> User:
    """The host of the sessions under test; a superuser, so the admin tests can use it too."""
    return _user(stack, "host", superuser=True)


@pytest.fixture(scope="session")
def stranger(stack) -> User:
    """Another ordinary user, who must not see the owner's sessions."""
    return _user(stack, "stranger", superuser=False)


@pytest.fixture
def planning_session(owner) -> dict:
    """A fresh planning session of the owner, created through the API."""
    return owner.api.create_session(dishes=["Green salad"])


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """Debian's Chromium, headless, through Debian's chromedriver (Selenium Manager never runs)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        assert os.access(path, os.X_OK), f"{path} is missing: apt-get install chromium chromium-driver"
    monkeypatch.setenv("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    service = Service(CHROMEDRIVER, log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
