"""Accept latency: the time to the upload's 202 and uploads per second, beside two baselines in the same run.

For each worker state (idle: no worker running; busy: a 2-process worker kept extracting photos, a few
always waiting), on one real stack (daphne, Redis, SQLite; bench/common.py). Between levels the jobs a
level queued are cancelled straight in the database, as if drained, so each level starts alike:

- closed loop: 1, 8, 32, 64 clients, each on its own keep-alive connection and session, uploading one file
  after another for --seconds per level; files: a 2 KB text, a 300 KB PDF, a 3 MB photo;
- three targets on the same server: the real upload (`upload`), the old design that extracts inside the
  request (`sync`, bench/views.py) and an authenticated no-op upload that stores nothing (`noop`, the
  ceiling);
- open loop (upload target, PDF): arrivals at a fixed rate whatever the answers, latency counted from the
  moment each request was due, so a queue in the server shows in the figures.

Prints p50/p95/p99 of the 202 (200 for `sync`), uploads/s, daphne CPU ms per request, and ratios.

    .venv/bin/python bench/accept.py [--seconds 1.5] [--levels 1,8,32,64] [--files txt,pdf,photo]
        [--targets upload,noop,sync] [--rates 25,50,100,150,200] [--states idle,busy] [--web-processes 1]
"""

import argparse
import asyncio
import json
import math
import time
import uuid

from common import (
    Connection,
    HttpError,
    Payload,
    add_database_argument,
    bench_stack,
    cpu_seconds,
    create_session,
    db_query,
    machine_line,
    ms,
    payloads,
    percentile,
    photo_payload,
    ratio,
    table,
    token_for,
    upload_path,
    web_pids,
)

PATHS = {
    "upload": upload_path,
    "noop": lambda session_id: f"/bench/noop/{session_id}",
    "sync": lambda session_id: f"/bench/sync/{session_id}",
}
OK = {"upload": 202, "noop": 202, "sync": 200}
# The old design holds a request for the whole extraction: past 8 clients a photo level would take
# minutes; --sync-photo-levels widens it.
SYNC_PHOTO_LEVELS_DEFAULT = "1,8"


class Cell:
    """The figures of one level: latencies in seconds, errors by kind, wall and daphne CPU seconds."""

    def __init__(self):
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.elapsed = 0.0
        self.cpu = 0.0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else float("nan")

    def row(self, *labels) -> list:
        lat = self.latencies
        cpu_ms = self.cpu / len(lat) * 1000 if lat else float("nan")
        errors = ", ".join(f"{k}:{v}" for k, v in sorted(self.errors.items())) or "0"
        return [
            *labels,
            len(lat),
            errors,
            ms(percentile(lat, 50)),
            ms(percentile(lat, 95)),
            ms(percentile(lat, 99)),
            f"{self.per_second:.1f}",
            "–" if math.isnan(cpu_ms) else f"{cpu_ms:.1f}",
        ]


async def _sessions(host, port, token, count: int) -> list[str]:
    conn = Connection(host, port, token)
    try:
        return [await create_session(conn) for _ in range(count)]
    finally:
        await conn.close()


async def closed_loop(
    host, port, token, daphnes, target: str, payload: Payload, clients: int, seconds: float, drain: float
) -> Cell:
    """`clients` users, each uploading one file after another until the level's time is up."""
    cell = Cell()
    sessions = await _sessions(host, port, token, clients)
    conns = [Connection(host, port, token) for _ in range(clients)]
    path = PATHS[target]
    ok = OK[target]
    # One unmeasured request per connection: opens it and warms the view (a refused one reconnects later).
    await asyncio.gather(
        *(conn.upload(path(sid), payload) for conn, sid in zip(conns, sessions, strict=True)),
        return_exceptions=True,
    )
    cpu_before = sum(cpu_seconds(pid) for pid in daphnes)
    started = time.perf_counter()
    deadline = started + seconds

    async def user(conn: Connection, sid: str) -> None:
        while time.perf_counter() < deadline:
            sent = time.perf_counter()
            try:
                status, _ = await conn.upload(path(sid), payload)
            except HttpError:
                cell.error("connection")
                continue
            if status == ok:
                cell.latencies.append(time.perf_counter() - sent)
            else:
                cell.error(str(status))

    tasks = [asyncio.ensure_future(user(c, s)) for c, s in zip(conns, sessions, strict=True)]
    return await _finish(cell, tasks, seconds + drain, started, daphnes, cpu_before, conns)


async def _finish(
    cell: Cell, tasks, timeout: float, started: float, daphnes, cpu_before: float, conns
) -> Cell:
    """Wait up to `timeout` s for the level's requests, count the unfinished, then fill in time and CPU."""
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    for task in pending:
        task.cancel()
        cell.error("unfinished")
    cell.elapsed = time.perf_counter() - started
    cell.cpu = sum(cpu_seconds(pid) for pid in daphnes) - cpu_before
    for conn in conns:
        await conn.close()
    return cell


async def open_loop(host, port, token, daphnes, payload: Payload, rate: float, seconds: float) -> Cell:
    """Requests due every 1/rate seconds on a pool of connections; latency from when each was due."""
    cell = Cell()
    sessions = await _sessions(host, port, token, 8)
    idle: list[Connection] = [Connection(host, port, token) for _ in range(8)]
    await asyncio.gather(
        *(conn.upload(upload_path(sid), payload) for conn, sid in zip(idle, sessions, strict=True)),
        return_exceptions=True,
    )
    all_conns = list(idle)
    count = max(1, int(rate * seconds))
    cpu_before = sum(cpu_seconds(pid) for pid in daphnes)
    started = time.perf_counter()

    async def one(number: int, due: float) -> None:
        conn = idle.pop() if idle else None
        if conn is None:
            conn = Connection(host, port, token)
            all_conns.append(conn)
        try:
            status, _ = await conn.upload(upload_path(sessions[number % len(sessions)]), payload)
            if status == 202:
                cell.latencies.append(time.perf_counter() - due)
            else:
                cell.error(str(status))
        except HttpError:
            cell.error("connection")
        idle.append(conn)

    tasks = []
    for number in range(count):
        due = started + number / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.ensure_future(one(number, due)))
    return await _finish(cell, tasks, 30, started, daphnes, cpu_before, all_conns)


def settle(stack, keep_session: str | None) -> None:
    """Cancel the jobs the last level left pending (but the backlog's), as drained workers would leave it.

    A level with no workers leaves thousands of jobs pending; the next level's cap check would then count
    a queue no real deployment keeps (the cap, MAX_JOBS_IN_FLIGHT, is 20 by default).
    """
    db_query(
        stack,
        "UPDATE sessions_app_extractionjob SET status = 'cancelled' WHERE status = 'pending' "
        "AND session_id != ?",
        (uuid.UUID(keep_session) if keep_session else uuid.UUID(int=0),),
    )


async def keep_busy(stack, host, port, token, sid: str, depth: int, stop: asyncio.Event) -> None:
    """Keep about `depth` photo jobs waiting for the workers, so they are extracting all along."""
    conn = Connection(host, port, token)
    photo = photo_payload()
    try:
        while not stop.is_set():
            ((waiting,),) = db_query(
                stack,
                "SELECT COUNT(*) FROM sessions_app_extractionjob WHERE status IN ('pending', 'processing') "
                "AND session_id = ?",
                (uuid.UUID(sid),),
            )
            for _ in range(max(0, depth - waiting)):
                await conn.upload(upload_path(sid, "Backlog"), photo)
            try:
                await asyncio.wait_for(stop.wait(), 0.5)
            except TimeoutError:
                pass
    finally:
        await conn.close()


async def run_state(args, state: str, files: list[Payload]) -> dict:
    results = {"closed": [], "open": []}
    workers = 0 if state == "idle" else args.workers
    with bench_stack(workers=workers, web_processes=args.web_processes, database=args.database) as stack:
        token = token_for(stack)
        host, port = "127.0.0.1", stack.http_port
        daphnes = web_pids(stack)
        stop = asyncio.Event()
        backlog = None
        if state == "busy":
            (backlog,) = await _sessions(host, port, token, 1)
            keeper = asyncio.ensure_future(keep_busy(stack, host, port, token, backlog, args.backlog, stop))
            await asyncio.sleep(3)  # the workers pick up the first photos
        for payload in files:
            for target in args.targets:
                levels = args.levels
                if target == "sync" and payload.label.startswith("photo"):
                    levels = [level for level in levels if level in args.sync_photo_levels]
                for clients in levels:
                    cell = await closed_loop(
                        host, port, token, daphnes, target, payload, clients, args.seconds, args.drain
                    )
                    results["closed"].append((payload.label, clients, target, cell))
                    settle(stack, backlog)
                    print(
                        f"  [{state}] {payload.label} {target} x{clients}: {len(cell.latencies)} ok, "
                        f"p50 {ms(percentile(cell.latencies, 50))} p99 {ms(percentile(cell.latencies, 99))} "
                        f"ms, {cell.per_second:.1f}/s",
                        flush=True,
                    )
        pdf = next((p for p in files if p.label.startswith("pdf")), files[0])
        for rate in args.rates:
            cell = await open_loop(host, port, token, daphnes, pdf, rate, args.open_seconds)
            results["open"].append((pdf.label, rate, cell))
            p99 = percentile(cell.latencies, 99)
            print(f"  [{state}] open loop {rate}/s: p99 {ms(p99)} ms", flush=True)
            settle(stack, backlog)
            if not cell.latencies or p99 > 1.0:
                break  # past saturation every higher rate only queues more
        stop.set()
        if backlog:
            await keeper
    return results


def report(state: str, results: dict, args) -> None:
    print(f"\n### Closed loop, workers {state} ({args.web_processes} daphne process(es))\n")
    headers = [
        "file",
        "clients",
        "target",
        "n",
        "errors",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "per s",
        "CPU ms/req",
    ]
    print(table(headers, [cell.row(f, c, t) for f, c, t, cell in results["closed"]]))
    by_key = {(f, c, t): cell for f, c, t, cell in results["closed"]}
    rows = []
    for (f, c, t), cell in by_key.items():
        if t != "upload":
            continue
        sync, noop = by_key.get((f, c, "sync")), by_key.get((f, c, "noop"))
        rows.append(
            [
                f,
                c,
                ratio(cell.per_second, sync.per_second) if sync else "–",
                ratio(cell.per_second, noop.per_second) if noop else "–",
                ratio(percentile(cell.latencies, 50), percentile(sync.latencies, 50)) if sync else "–",
                ratio(percentile(cell.latencies, 50), percentile(noop.latencies, 50)) if noop else "–",
            ]
        )
    print("\nRatios (ours = the real upload):\n")
    print(
        table(
            ["file", "clients", "per s ÷ sync", "per s ÷ noop", "p50 ÷ sync p50", "p50 ÷ noop p50"],
            rows,
        )
    )
    if results["open"]:
        print(f"\n### Open loop, workers {state}, upload target\n")
        print(
            table(
                ["file", "rate /s", "n", "errors", "p50 ms", "p95 ms", "p99 ms", "per s", "CPU ms/req"],
                [cell.row(f, rate) for f, rate, cell in results["open"]],
            )
        )
        under = [rate for _, rate, cell in results["open"] if percentile(cell.latencies, 99) < 0.1]
        print(f"\nHighest rate tried with p99 < 100 ms: {max(under) if under else 'none'} /s")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=1.5, help="measured seconds per closed-loop level")
    parser.add_argument(
        "--drain", type=float, default=30.0, help="seconds to let a level's last requests end"
    )
    parser.add_argument("--levels", default="1,8,32,64")
    parser.add_argument("--files", default="txt,pdf,photo")
    parser.add_argument("--targets", default="upload,noop,sync")
    parser.add_argument("--sync-photo-levels", default=SYNC_PHOTO_LEVELS_DEFAULT)
    parser.add_argument("--rates", default="25,50,100,150,200", help="open-loop arrivals per second")
    parser.add_argument("--open-seconds", type=float, default=3.0)
    parser.add_argument("--states", default="idle,busy", help="workers idle (none running) and/or busy")
    parser.add_argument("--workers", type=int, default=2, help="worker processes in the busy state")
    parser.add_argument("--backlog", type=int, default=4, help="photo jobs kept waiting for the workers")
    parser.add_argument("--web-processes", type=int, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    add_database_argument(parser)
    args = parser.parse_args()
    args.levels = [int(x) for x in args.levels.split(",") if x]
    args.sync_photo_levels = [int(x) for x in args.sync_photo_levels.split(",") if x]
    args.targets = [x for x in args.targets.split(",") if x]
    args.rates = [float(x) for x in args.rates.split(",") if x]
    files = payloads([x for x in args.files.split(",") if x])
    print(f"accept latency: {machine_line()}, database {args.database}", flush=True)
    print("files: " + ", ".join(f"{p.label} ({len(p.data)} bytes)" for p in files), flush=True)
    everything = {}
    for state in args.states.split(","):
        results = asyncio.run(run_state(args, state, files))
        report(state, results, args)
        everything[state] = {
            "closed": [
                {
                    "file": f,
                    "clients": c,
                    "target": t,
                    "latencies": cell.latencies,
                    "errors": cell.errors,
                    "elapsed": cell.elapsed,
                    "cpu": cell.cpu,
                }
                for f, c, t, cell in results["closed"]
            ],
            "open": [
                {
                    "file": f,
                    "rate": r,
                    "latencies": cell.latencies,
                    "errors": cell.errors,
                    "elapsed": cell.elapsed,
                    "cpu": cell.cpu,
                }
                for f, r, cell in results["open"]
            ],
        }
    print(f"\nended: {machine_line()}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(everything, fh)


if __name__ == "__main__":
    main()
