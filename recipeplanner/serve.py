"""Serve the app with several daphne processes behind one listening socket (`make run`'s web process).

    python -m recipeplanner.serve [-b 127.0.0.1] [-p 8000] [--processes N] [--application MODULE:NAME]
                                  [-- extra daphne options]

One daphne process runs Django's sync views on one thread (recipeplanner/asgi.py), so it uses one core
however many requests wait. This binds the address once and starts N daphne processes on the same
socket (`daphne --fd`); the kernel hands each new connection to whichever process accepts first. N defaults
to WEB_PROCESSES, else 1. On SIGINT or SIGTERM every child gets SIGTERM; when one child exits, the
others are stopped and its exit code is returned.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time

APPLICATION = "recipeplanner.asgi:application"
# Seconds the children get to finish after SIGTERM before they are killed.
STOP_GRACE_SECONDS = 10


def listening_socket(host: str, port: int) -> socket.socket:
    """A TCP socket bound to host:port, listening, that child processes inherit."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def serve(*, host: str, port: int, processes: int, application: str, daphne_args: list[str]) -> int:
    """Run `processes` daphne children on one socket until one exits or a signal arrives; its exit code."""
    sock = listening_socket(host, port)
    command = [sys.executable, "-m", "daphne", "--fd", str(sock.fileno()), *daphne_args, application]
    children = [subprocess.Popen(command, pass_fds=[sock.fileno()]) for _ in range(processes)]
    sock.close()  # the children hold it now
    stopping = False

    def stop(_signum, _frame):
        # SIGTERM whatever arrived: a child started in the background ignores SIGINT.
        nonlocal stopping
        stopping = True
        for child in children:
            if child.poll() is None:
                child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    code = 0
    while True:
        exited = [child for child in children if child.poll() is not None]
        if exited:
            code = exited[0].returncode
            break
        time.sleep(0.2)
    if not stopping:
        stop(signal.SIGTERM, None)  # one child exited: take the others down with it
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0 if stopping else code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-b", "--bind", default="127.0.0.1", help="address to listen on")
    parser.add_argument("-p", "--port", type=int, default=8000)
    parser.add_argument(
        "--processes",
        type=int,
        default=int(os.environ.get("WEB_PROCESSES") or 1),
        help="daphne processes (default: WEB_PROCESSES, else 1)",
    )
    parser.add_argument(
        "--application", default=APPLICATION, help=f"ASGI application (default {APPLICATION})"
    )
    args, daphne_args = parser.parse_known_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    if daphne_args[:1] == ["--"]:
        daphne_args = daphne_args[1:]
    return serve(
        host=args.bind,
        port=args.port,
        processes=args.processes,
        application=args.application,
        daphne_args=daphne_args,
    )


if __name__ == "__main__":
    sys.exit(main())
