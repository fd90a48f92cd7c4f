"""nginx (Debian's package) in front of daphne, configured by docs/nginx.conf itself, under a sub-path.

The body limit answers 413 before daphne is asked, WebSocket upgrades pass, and the app works under /planner.
"""

import shutil
import signal
import socket
import subprocess
import time

import pytest

from . import recipes
from .client import Api, open_socket, receive, receive_until
from .helpers import completion_of
from .stack import REPO_ROOT, StackError, free_port

pytestmark = pytest.mark.integration

PREFIX = "/planner"
NGINX_CONF = REPO_ROOT / "docs" / "nginx.conf"


def render_site(*, daphne: str, listen: int, prefix: str) -> str:
    """docs/nginx.conf with its {{...}} placeholders filled in."""
    text = NGINX_CONF.read_text()
    for name, value in {"DAPHNE": daphne, "LISTEN": f"127.0.0.1:{listen}", "PREFIX": prefix}.items():
        text = text.replace("{{" + name + "}}", value)
    directives = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    assert not any("{{" in line for line in directives), "a placeholder of docs/nginx.conf was left unfilled"
    return text


@pytest.fixture(scope="module")
def proxy(pg_stack, tmp_path_factory):
    """nginx on a free port in front of the PostgreSQL stack's daphne, which runs under FORCE_SCRIPT_NAME."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not shutil.which(nginx):
        raise StackError("nginx is not installed: apt-get install nginx-light (scripts/system-packages.sh)")
    folder = tmp_path_factory.mktemp("nginx")
    port = free_port()
    (folder / "site.conf").write_text(
        render_site(daphne=f"127.0.0.1:{pg_stack.http_port}", listen=port, prefix=PREFIX)
    )
    # The main file is the smallest that runs unprivileged in a folder; the site is docs/nginx.conf.
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    (folder / "nginx.conf").write_text(
        f"""daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder}/site.conf;
}}
"""
    )
    pg_stack.kill("daphne", signal.SIGTERM)
    pg_stack.start_daphne({"FORCE_SCRIPT_NAME": PREFIX})
    pg_stack.wait_daphne_ready()
    log = open(folder / "nginx.out", "wb")
    process = subprocess.Popen(
        [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, (folder / "nginx.out").read_text() + (
                folder / "error.log"
            ).read_text()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not listen"
                time.sleep(0.1)
        yield {
            "base": f"http://127.0.0.1:{port}{PREFIX}",
            "ws": f"ws://127.0.0.1:{port}{PREFIX}",
            "folder": folder,
        }
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
        log.close()
        pg_stack.kill("daphne", signal.SIGTERM)
        pg_stack.start_daphne()
        pg_stack.wait_daphne_ready()


def _raw_request(port: int, head: str, timeout: float = 10) -> bytes:
    """Send only a request head (no body) and read the answer until the server closes or stops."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head.encode())
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


def test_a_body_over_the_proxy_limit_gets_413_from_nginx_before_daphne_is_asked(proxy, pg_owner, pg_stack):
    session_id = pg_owner.api.create_session(title="Too big")["id"]
    port = int(proxy["base"].split(":")[2].split("/")[0])
    upstream_log = pg_stack._service("daphne").log_path
    before = upstream_log.stat().st_size
    answer = _raw_request(
        port,
        f"POST {PREFIX}/api/sessions/{session_id}/upload-recipe?dish_name=Cake HTTP/1.1\r\n"
        "Host: 127.0.0.1\r\n"
        f"Authorization: Token {pg_owner.token}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {7 * 1024 * 1024}\r\n\r\n",
    )
    status_line, _, rest = answer.partition(b"\r\n")
    assert b" 413 " in status_line, answer[:300]
    assert b"nginx" in rest.lower()  # nginx's own page, not the app's JSON
    assert b"file_too_large" not in rest
    time.sleep(0.5)
    assert "client intended to send too large body" in (proxy["folder"] / "error.log").read_text()
    assert session_id not in upstream_log.read_bytes()[before:].decode(errors="replace")


def test_the_app_works_under_the_sub_path_and_builds_its_urls_with_it(proxy, pg_owner):
    api = Api(proxy["base"], pg_owner.token)
    session = api.create_session(title="Under a sub-path")
    response = api.upload(session["id"], "Cake", "c.txt", recipes.text_recipe(), "text/plain")
    assert response.status == 202, response.body[:300]
    body = response.json()
    assert (
        body["status_url"].startswith(f"{PREFIX}/api/tasks/") or f"{PREFIX}/api/tasks/" in body["status_url"]
    )
    assert PREFIX in response.headers["Location"]
    assert api.wait_for_task(body["task_id"])["status"] == "completed"

    login = Api(proxy["base"]).get("/accounts/login/")
    assert login.status == 200
    assert (
        f'action="{PREFIX}/accounts/login/' in login.body.decode()
        or f"{PREFIX}/accounts/" in login.body.decode()
    )


def test_websocket_upgrades_pass_the_proxy_and_carry_the_events(proxy, pg_owner):
    api = Api(proxy["base"], pg_owner.token)
    session_id = api.create_session(title="Through nginx")["id"]
    with open_socket(proxy["ws"], session_id, token=pg_owner.token) as ws:
        assert receive(ws)["type"] == "session_state"
        ws.send('{"type": "ping"}')
        assert receive(ws)["type"] == "pong"
        response = api.upload(session_id, "Cake", "c.txt", recipes.text_recipe(), "text/plain")
        messages = receive_until(ws, completion_of(response.json()["task_id"]), timeout=90)
    assert messages[-1]["success"] is True
