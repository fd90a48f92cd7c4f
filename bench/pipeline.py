"""Time to ingredients and worker scaling, on a real stack (bench/common.py).

1. Time to ingredients: from sending the upload to receiving its `extraction_complete` on the session's
   WebSocket, per file type (2 KB text, 300 KB PDF with a text layer, 3 MB photo), with 1 and 16
   uploaders (each its own session and socket, one upload after another). The pipeline's own overhead is
   that time minus the extraction time the worker recorded (the job's `timings.total`). The same run with
   an instant extractor (bench/noop_worker.py) gives the pipeline's floor.
2. Worker scaling: jobs completed per minute with 1, 2 and 4 worker processes, a queue of PDFs (or
   --scaling-file) uploaded first and timed until the last completes; the workers' CPU use says what limits it.

    .venv/bin/python bench/pipeline.py [--uploads 15] [--concurrent 16] [--files txt,pdf,photo]
        [--workers-levels 1,2,4] [--scaling-jobs 200] [--parts ttc,scaling]
"""

import argparse
import asyncio
import json
import time
from collections import Counter
from datetime import datetime

from common import (
    Connection,
    add_database_argument,
    bench_stack,
    cpu_seconds,
    create_session,
    db_query,
    machine_line,
    ms,
    payloads,
    percentile,
    ratio,
    table,
    token_for,
    upload_path,
    worker_pids,
)
from websockets.asyncio.client import connect

# Uploads per uploader with 16 uploaders, per file (photos take a second of OCR each).
CONCURRENT_UPLOADS = {"txt": 4, "pdf": 4, "photo": 1}


class Socket:
    """A session's WebSocket; records when each task's extraction_complete arrives."""

    def __init__(self, ws):
        self.ws = ws
        self.done: dict[str, tuple[float, dict]] = {}
        self.waiters: dict[str, asyncio.Event] = {}
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for raw in self.ws:
            now = time.perf_counter()
            message = json.loads(raw)
            if message.get("type") == "extraction_complete":
                task_id = message["task_id"]
                self.done[task_id] = (now, message)
                if task_id in self.waiters:
                    self.waiters.pop(task_id).set()

    async def wait(self, task_id: str, timeout: float) -> tuple[float, dict]:
        if task_id not in self.done:
            event = self.waiters.setdefault(task_id, asyncio.Event())
            await asyncio.wait_for(event.wait(), timeout)
        return self.done.pop(task_id)

    async def close(self) -> None:
        self.reader.cancel()
        await self.ws.close()


async def open_socket(port: int, token: str, session_id: str) -> Socket:
    ws = await connect(
        f"ws://127.0.0.1:{port}/ws/{session_id}",
        additional_headers={"Authorization": f"Token {token}"},
        proxy=None,
        max_size=None,
    )
    await ws.recv()  # session_state
    return Socket(ws)


async def uploader(port, token, payload, count: int, results: list, failures: list) -> None:
    """One person: a session, its socket, `count` uploads one after the other (plus one unmeasured)."""
    conn = Connection("127.0.0.1", port, token)
    session_id = await create_session(conn)
    sock = await open_socket(port, token, session_id)
    try:
        for number in range(count + 1):
            sent = time.perf_counter()
            status, body = await conn.upload(upload_path(session_id), payload)
            accepted = time.perf_counter()
            if status != 202:
                failures.append(f"upload {status}")
                continue
            task_id = json.loads(body)["task_id"]
            try:
                arrived, message = await sock.wait(task_id, 120)
            except TimeoutError:
                failures.append("no extraction_complete in 120 s")
                continue
            if not message.get("success"):
                failures.append(message.get("code", "failed"))
                continue
            if number == 0:
                continue  # warm-up
            status, body = await conn.request("GET", f"/api/tasks/{task_id}/")
            task = json.loads(body)
            extraction = task.get("timings", {}).get("total", 0.0)
            created, started, finished = (
                datetime.fromisoformat(task[key]).timestamp()
                for key in ("created_at", "started_at", "finished_at")
            )
            # Server clock (wall) against the client's: same machine. arrived is perf_counter, so shift it.
            arrived_wall = arrived - time.perf_counter() + time.time()
            results.append(
                (
                    arrived - sent,
                    accepted - sent,
                    extraction,
                    started - created,
                    finished - started - extraction,
                    arrived_wall - finished,
                )
            )
    finally:
        await sock.close()
        await conn.close()


async def time_to_ingredients(port, token, payload, uploaders: int, count: int) -> tuple[list, list]:
    results: list = []
    failures: list = []
    await asyncio.gather(
        *(uploader(port, token, payload, count, results, failures) for _ in range(uploaders))
    )
    return results, failures


def ttc_rows(label, uploaders, extractor, results, failures) -> list:
    total = [r[0] for r in results]
    overhead = [r[0] - r[2] for r in results]
    extraction = [r[2] for r in results]
    return [
        label,
        uploaders,
        extractor,
        len(results),
        len(failures),
        ms(percentile(total, 50)),
        ms(percentile(total, 95)),
        ms(percentile(total, 99)),
        ms(percentile(extraction, 50)),
        ms(percentile(overhead, 50)),
        ms(percentile(overhead, 99)),
        ms(percentile([r[1] for r in results], 50)),
        ms(percentile([r[3] for r in results], 50)),
        ms(percentile([r[4] for r in results], 50)),
        ms(percentile([r[5] for r in results], 50)),
    ]


def run_ttc(args, files) -> None:
    rows = []
    medians = {}
    for extractor in ("real", "noop"):
        chosen = files if extractor == "real" else files[:1]
        with bench_stack(
            workers=args.workers, noop_extractor=extractor == "noop", database=args.database
        ) as stack:
            token = token_for(stack)
            for payload in chosen:
                key = payload.label.split()[0]
                for uploaders in (1, args.concurrent):
                    count = args.uploads if uploaders == 1 else CONCURRENT_UPLOADS.get(key, 2)
                    results, failures = asyncio.run(
                        time_to_ingredients(stack.http_port, token, payload, uploaders, count)
                    )
                    rows.append(ttc_rows(payload.label, uploaders, extractor, results, failures))
                    medians[(payload.label, uploaders, extractor)] = percentile([r[0] for r in results], 50)
                    print(f"  {rows[-1]}", flush=True)
                    if failures:
                        reasons = ", ".join(f"{n} × {r}" for r, n in Counter(failures).most_common())
                        print(f"  failed: {reasons}", flush=True)
    print(f"\n### Time to ingredients ({args.workers} worker processes)\n")
    headers = [
        "file",
        "uploaders",
        "extractor",
        "n",
        "failed",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "extraction p50 ms",
        "overhead p50 ms",
        "overhead p99 ms",
        "of which: 202 p50",
        "queued p50",
        "worker writes p50",
        "relay p50",
    ]
    print(table(headers, rows))
    print(
        "\nOverhead = time to ingredients - the extraction time the worker recorded. Its parts (medians, so "
        "they need not add up): the 202; queued = job created (in the request) to claimed by a worker "
        "(commit, publish, broker, pool hand-off); worker writes = the worker's time on the job besides "
        "extraction (claim, events, saving); relay = saved to the event's arrival at the client."
    )
    txt = files[0].label
    for uploaders in (1, args.concurrent):
        real, noop = medians.get((txt, uploaders, "real")), medians.get((txt, uploaders, "noop"))
        if real and noop:
            print(
                f"\n{txt}, {uploaders} uploader(s): real ÷ no-op extractor p50 = {ratio(real, noop)}; "
                f"3 s (the old design's fastest answer) ÷ real p50 = {3 / real:.0f}×"
            )


async def queue_jobs(port, token, payload, jobs: int) -> list[str]:
    conn = Connection("127.0.0.1", port, token)
    session_id = await create_session(conn)
    task_ids = []
    for _ in range(jobs):
        status, body = await conn.upload(upload_path(session_id), payload)
        task_ids.append(json.loads(body)["task_id"])
    await conn.close()
    return task_ids


def run_scaling(args, payload) -> None:
    rows = []
    for workers in args.workers_levels:
        with bench_stack(workers=workers, database=args.database) as stack:
            token = token_for(stack)
            main, pool = worker_pids(stack)
            cpu_before = sum(cpu_seconds(pid) for pid in pool)
            started = time.perf_counter()
            asyncio.run(queue_jobs(stack.http_port, token, payload, args.scaling_jobs))
            queued = time.perf_counter() - started
            deadline = started + 600
            done = 0
            while time.perf_counter() < deadline:
                ((done,),) = db_query(
                    stack,
                    "SELECT COUNT(*) FROM sessions_app_extractionjob WHERE status IN ('completed', 'failed')",
                )
                if done >= args.scaling_jobs:
                    break
                time.sleep(0.1)
            elapsed = time.perf_counter() - started
            cpu = sum(cpu_seconds(pid) for pid in pool) - cpu_before
            rows.append(
                [
                    workers,
                    done,
                    f"{elapsed:.1f}",
                    f"{queued:.1f}",
                    f"{done / elapsed * 60:.0f}",
                    f"{cpu / elapsed:.2f}",
                    f"{cpu / max(done, 1) * 1000:.0f}",
                ]
            )
            print(f"  {rows[-1]}", flush=True)
    print(f"\n### Worker scaling: {args.scaling_jobs} × {payload.label}, queued at once\n")
    print(
        table(
            [
                "worker processes",
                "jobs done",
                "seconds",
                "upload s",
                "jobs/min",
                "worker CPU (cores)",
                "worker CPU ms/job",
            ],
            rows,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--parts", default="ttc,scaling")
    parser.add_argument("--files", default="txt,pdf,photo")
    parser.add_argument("--uploads", type=int, default=15, help="uploads timed for the single uploader")
    parser.add_argument("--concurrent", type=int, default=16, help="uploaders in the concurrent run")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for time to ingredients")
    parser.add_argument("--workers-levels", default="1,2,4")
    parser.add_argument("--scaling-jobs", type=int, default=200)
    parser.add_argument("--scaling-file", default="pdf")
    add_database_argument(parser)
    args = parser.parse_args()
    args.workers_levels = [int(x) for x in args.workers_levels.split(",") if x]
    parts = args.parts.split(",")
    print(f"pipeline: {machine_line()}, database {args.database}", flush=True)
    if "ttc" in parts:
        run_ttc(args, payloads([x for x in args.files.split(",") if x]))
    if "scaling" in parts:
        run_scaling(args, payloads([args.scaling_file])[0])
    print(f"\nended: {machine_line()}")


if __name__ == "__main__":
    main()
