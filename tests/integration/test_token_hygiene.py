"""Tokens travel only in the Authorization header: never accepted from a query string, never in a log line."""

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus

from . import recipes
from .client import Api, close_code, open_socket

pytestmark = pytest.mark.integration


def test_a_token_in_the_query_string_is_not_accepted_over_http_or_the_socket(pg_stack):
    # Its own user: a token put in a URL lands in access logs, which the next test reads for the owner's.
    token = pg_stack.ensure_user("careless", "pw-careless-client-1")
    session_id = Api(pg_stack.base_url, token).create_session(title="Query token")["id"]
    anonymous = Api(pg_stack.base_url)
    for query in (f"token={token}", f"auth_token={token}", f"Authorization=Token+{token}"):
        assert anonymous.get(f"/api/sessions/{session_id}/?{query}").status == 401
    try:
        with open_socket(pg_stack.ws_base_url, f"{session_id}?token={token}") as ws:
            assert close_code(ws) == 4401
    except (InvalidStatus, ConnectionClosed):
        pass  # refused at the handshake: as good


def test_no_service_log_ever_holds_a_token(pg_stack, pg_owner):
    """Run after the other PostgreSQL-stack tests in this session: their traffic is in the logs too."""
    response = pg_owner.api.upload(
        pg_owner.api.create_session(title="Log check")["id"],
        "Cake",
        "c.txt",
        recipes.text_recipe(),
        "text/plain",
    )
    assert pg_owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"
    logs = sorted(pg_stack.folder.glob("*.log"))
    # manage.log is the harness's record of `ensure_user`, which prints the token on purpose.
    logs = [log for log in logs if log.name not in ("manage.log", "postgres.log")]
    assert {log.name for log in logs} >= {"daphne.log", "worker.log", "redis.log"}
    for log in logs:
        assert pg_owner.token not in log.read_text(errors="replace"), log.name
