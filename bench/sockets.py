"""WebSockets: many clients held by one daphne, every one receiving its session's events.

Opens --clients WebSocket clients (default 1,000) on --sessions sessions (default 200) against one daphne
process, then makes --events changes per session through the API (adding a dish, which records a
`session_updated` event and broadcasts it), once per --senders value: with 1 request in flight (a steady
stream) and with 8 (daphne's core busy with requests, so events wait behind them). Every client must receive
every event of its session once, in order; the delivery latency runs from sending the API request to the
event arriving at the client. Memory per connection is daphne's resident memory after connecting minus before,
divided by the clients.

    .venv/bin/python bench/sockets.py [--clients 1000] [--sessions 200] [--events 3] [--senders 1,8]
"""

import argparse
import asyncio
import json
import time

from common import (
    Connection,
    bench_stack,
    create_session,
    machine_line,
    ms,
    percentile,
    rss_mib,
    table,
    token_for,
    web_pids,
)
from websockets.asyncio.client import connect


class Client:
    def __init__(self, session_id: str):
        self.session_id = session_id
        self.ws = None
        self.arrivals: list[tuple[float, dict]] = []
        self.reader = None

    async def open(self, port: int, token: str) -> None:
        self.ws = await connect(
            f"ws://127.0.0.1:{port}/ws/{self.session_id}",
            additional_headers={"Authorization": f"Token {token}"},
            proxy=None,
            open_timeout=60,
            # No keepalive pings from 1,000 clients on one loop: a late pong would close a healthy socket.
            ping_interval=None,
        )
        state = json.loads(await self.ws.recv())
        self.last_event_id = state["last_event_id"]
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        try:
            async for raw in self.ws:
                self.arrivals.append((time.perf_counter(), json.loads(raw)))
        finally:
            self.closed_early = not self.closing

    closing = False
    closed_early = False

    async def close(self) -> None:
        self.closing = True
        if self.reader:
            self.reader.cancel()
        if self.ws:
            await self.ws.close()


async def deliver(args, port, token, sessions, clients, senders: int, phase: int) -> list:
    """Make args.events changes per session with `senders` API requests in flight; one table row."""
    sent_at: dict[tuple[str, str], float] = {}
    jobs = [(sid, f"Dish {phase}-{k}") for k in range(args.events) for sid in sessions]
    queue: asyncio.Queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)
    errors = []
    for client in clients:
        client.arrivals.clear()

    async def sender() -> None:
        api = Connection("127.0.0.1", port, token)
        while not queue.empty():
            sid, name = queue.get_nowait()
            sent_at[(sid, name)] = time.perf_counter()
            body = json.dumps({"name": name}).encode()
            status, data = await api.request("POST", f"/api/sessions/{sid}/dishes/", body, "application/json")
            if status != 201:
                errors.append(status)
        await api.close()

    send_started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(senders)))
    send_seconds = time.perf_counter() - send_started
    expected = args.events * len(clients)
    deadline = time.perf_counter() + args.wait
    while time.perf_counter() < deadline:
        if sum(len(c.arrivals) for c in clients) >= expected:
            break
        await asyncio.sleep(0.2)

    latencies, delivered, out_of_order, duplicates = [], 0, 0, 0
    for client in clients:
        seen = set()
        for arrived, message in client.arrivals:
            if message.get("type") != "session_updated":
                continue
            key = (client.session_id, message.get("dish_name"))
            if message["event_id"] in seen:
                duplicates += 1
                continue
            seen.add(message["event_id"])
            if message["event_id"] != client.last_event_id + 1:
                out_of_order += 1
            client.last_event_id = message["event_id"]
            if key in sent_at:
                delivered += 1
                latencies.append(arrived - sent_at[key])
    return [
        len(clients),
        senders,
        f"{len(jobs) / send_seconds:.1f}",
        len(jobs),
        expected,
        delivered,
        f"{100 * delivered / expected:.1f}",
        out_of_order,
        duplicates,
        len(errors),
        ms(percentile(latencies, 50)),
        ms(percentile(latencies, 95)),
        ms(percentile(latencies, 99)),
        ms(max(latencies) if latencies else float("nan")),
    ]


async def run(args) -> None:
    with bench_stack(workers=0, web_processes=1) as stack:
        token = token_for(stack)
        port = stack.http_port
        (daphne,) = web_pids(stack)
        conn = Connection("127.0.0.1", port, token)
        sessions = [await create_session(conn, f"ws {n}") for n in range(args.sessions)]
        await conn.close()
        clients = [Client(sessions[n % len(sessions)]) for n in range(args.clients)]
        rss_before = rss_mib(daphne)
        started = time.perf_counter()
        for first in range(0, len(clients), args.connect_batch):
            await asyncio.gather(*(c.open(port, token) for c in clients[first : first + args.connect_batch]))
        connect_seconds = time.perf_counter() - started
        await asyncio.sleep(1)
        rss_after = rss_mib(daphne)
        print(f"  {len(clients)} clients connected in {connect_seconds:.1f} s", flush=True)

        rows = []
        for phase, senders in enumerate(args.senders):
            rows.append(await deliver(args, port, token, sessions, clients, senders, phase))
            print(f"  {senders} sender(s): {rows[-1]}", flush=True)
        rss_end = rss_mib(daphne)
        closed_early = sum(c.closed_early for c in clients)
        for first in range(0, len(clients), 100):
            await asyncio.gather(*(c.close() for c in clients[first : first + 100]), return_exceptions=True)

    print(f"\n### WebSockets: {len(clients)} clients on {len(sessions)} sessions, one daphne\n")
    print(
        table(
            [
                "clients",
                "API requests in flight",
                "changes per s",
                "events sent",
                "deliveries expected",
                "delivered",
                "%",
                "out of order",
                "duplicates",
                "API errors",
                "delivery p50 ms",
                "p95 ms",
                "p99 ms",
                "max ms",
            ],
            rows,
        )
    )
    print(
        f"\nConnecting took {connect_seconds:.1f} s. "
        f"daphne RSS {rss_before:.0f} MiB before, {rss_after:.0f} MiB with the clients connected, "
        f"{rss_end:.0f} MiB at the end: {(rss_after - rss_before) * 1024 / len(clients):.0f} KiB per connection. "
        f"Connections closed before the end: {closed_early}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--events", type=int, default=3, help="changes per session")
    parser.add_argument(
        "--senders",
        default="1,8",
        help="API requests in flight at once, one round of changes per value: 1 is a steady stream, 8 keeps "
        "daphne's core busy with requests",
    )
    parser.add_argument("--connect-batch", type=int, default=50)
    parser.add_argument("--wait", type=float, default=30, help="seconds to wait for the last deliveries")
    args = parser.parse_args()
    args.senders = [int(x) for x in args.senders.split(",") if x]
    print(f"sockets: {machine_line()}", flush=True)
    asyncio.run(run(args))
    print(f"\nended: {machine_line()}")


if __name__ == "__main__":
    main()
