"""CPU per upload through the ASGI application in this process, with a real Redis and SQLite, no daphne.

Drives `recipeplanner.asgi.application` (with the benchmark's settings) directly: one request at a time,
the multipart body handed over in ASGI messages of the size daphne uses here, and times each request
twice: wall time to the response's last byte, and this process's CPU time (every thread) per request.
Without a network, a load generator or other processes in the figures, it shows what the accept path
itself costs, and it is steady on a busy machine where wall-time latencies are not.

    .venv/bin/python bench/inprocess.py [--requests 400] [--targets upload,noop] [--files pdf,txt]
        [--profile upload] [--profile-out /tmp/upload.prof] [--ab-rounds 6]
        [--ab publish|upload-memory|body-messages|cap-sql|dish-sql|token-sql|session-sql|plain-sql|row-converters]

With --profile, the named target runs a second time under cProfile and the top functions are printed
(cumulative and own time). No worker runs: the published tasks wait in Redis.
"""

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import BENCH_ENV, multipart, payloads, percentile, text_payload  # noqa: E402
from tests.integration.stack import Stack  # noqa: E402

# The size of the body's pieces; recipeplanner.asgi.BODY_MESSAGE_BYTES once Django is set up.
BODY_MESSAGE = {"bytes": 64 * 1024}


async def _request(app, path: str, body: bytes, content_type: str, token: str) -> tuple[int, float]:
    """One POST through the ASGI app; its status and seconds to the response's last byte."""
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"authorization", f"Token {token}".encode()),
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    status = 0
    finished = asyncio.get_running_loop().create_future()
    # In pieces of daphne's size, as daphne hands a body over (recipeplanner/asgi.py).
    size = BODY_MESSAGE["bytes"]
    messages = [
        {"type": "http.request", "body": body[start : start + size], "more_body": start + size < len(body)}
        for start in range(0, len(body), size)
    ] or [{"type": "http.request", "body": b"", "more_body": False}]
    messages.reverse()

    async def receive():
        if messages:
            return messages.pop()
        await finished  # as a server does: a disconnect only once the response is over
        return {"type": "http.disconnect"}

    done_at = 0.0

    async def send(message):
        nonlocal status, done_at
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body" and not message.get("more_body"):
            done_at = time.perf_counter()
            if not finished.done():
                finished.set_result(None)

    started = time.perf_counter()
    await app(scope, receive, send)
    return status, done_at - started


async def _run(app, paths: list[str], body: bytes, content_type: str, token: str) -> tuple[list, float]:
    """Send the requests one after another; their wall times, and the CPU seconds they took in all."""
    from asgiref.sync import sync_to_async

    cpu = 0.0
    walls = []
    for number, path in enumerate(paths, start=1):
        started = time.process_time()
        status, wall = await _request(app, path, body, content_type, token)
        cpu += time.process_time() - started
        if status not in (200, 202):
            raise SystemExit(f"{path}: HTTP {status}")
        walls.append(wall)
        if number % 20 == 0:
            # As if the workers had taken them, untimed: the queue of pending jobs stays short, as in
            # production, where MAX_JOBS_IN_FLIGHT bounds it per user.
            await sync_to_async(_drain, thread_sensitive=True)()
    return walls, cpu


def _drain() -> None:
    from sessions_app.models import ExtractionJob

    ExtractionJob.objects.filter(status=ExtractionJob.Status.PENDING).update(
        status=ExtractionJob.Status.CANCELLED
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--targets", default="upload,noop")
    parser.add_argument("--files", default="pdf")
    parser.add_argument("--profile", default="", help="a target to run again under cProfile")
    parser.add_argument("--profile-out", default="", help="also write the cProfile stats to this file")
    parser.add_argument(
        "--ab",
        action="append",
        default=[],
        help="alternate blocks of uploads under two variants: publish (inside the request or after the "
        "response), upload-memory (bodies over 256 KiB to disk, or held in memory), body-messages (the body "
        "handed over in 8 KiB or 64 KiB ASGI messages), cap-sql and dish-sql (the jobs-in-flight count and the dish "
        "lookup through the ORM or as plain SQL), token-sql and session-sql (the token's user, the upload's "
        "session, likewise), plain-sql (the four), row-converters (recipeplanner/rows.py); may be repeated",
    )
    parser.add_argument("--ab-target", default="upload", help="the target --ab runs: upload or noop")
    parser.add_argument("--ab-rounds", type=int, default=6, help="blocks of 50 uploads per variant in --ab")
    parser.add_argument(
        "--ab-publish", action="append_const", dest="ab", const="publish", help="--ab publish"
    )
    parser.add_argument(
        "--jobs", type=int, default=0, help="also run this many jobs through the task, instant extractor"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="recipeplanner-inprocess-") as folder:
        stack = Stack(Path(folder), worker_concurrency=0, env={**BENCH_ENV, "LOG_LEVEL": "WARNING"})
        try:
            stack._start_redis()
            stack.manage("migrate", "--noinput")
            token = stack.ensure_user("bench", "bench-password-1", superuser=False)
            os.environ.update(stack.env)
            if args.requests:
                asyncio.run(_measure(args, token))
            if args.jobs:
                _measure_worker(args)
        finally:
            stack.stop()


async def _measure(args, token: str) -> None:
    from recipeplanner.asgi import BODY_MESSAGE_BYTES, application
    from sessions_app.models import PlanningSession

    BODY_MESSAGE["bytes"] = BODY_MESSAGE_BYTES
    session = await PlanningSession.objects.acreate(
        owner=await _user("bench"), title="inprocess", guest_count=4
    )
    prefixes = {
        "upload": f"/api/sessions/{session.id}/upload-recipe?dish_name=Soup",
        "noop": f"/bench/noop/{session.id}",
    }
    print("| file | target | requests | wall p50 ms | wall p99 ms | CPU ms/req |")
    print("|---|---|---|---|---|---|")
    for payload in payloads(args.files.split(",")):
        body, content_type = multipart(payload)
        for target in args.targets.split(","):
            path = prefixes[target]
            await _run(application, [path] * args.warmup, body, content_type, token)
            walls, cpu = await _run(application, [path] * args.requests, body, content_type, token)
            print(
                f"| {payload.label} | {target} | {len(walls)} | {percentile(walls, 50) * 1000:.2f} | "
                f"{percentile(walls, 99) * 1000:.2f} | {cpu / len(walls) * 1000:.2f} |"
            )
            sys.stdout.flush()
        for name in args.ab:
            await _ab(
                application,
                name,
                prefixes[args.ab_target],
                body,
                content_type,
                token,
                payload.label,
                args.ab_rounds,
            )
        if args.profile:
            await _profile(application, prefixes[args.profile], body, content_type, token, args)


def _ab_variants(name: str) -> tuple[tuple[str, object], tuple[str, object]]:
    """The two variants an A/B run alternates: (label, a function that switches the process to it)."""
    from django.conf import settings

    from sessions_app import services

    if name == "publish":
        after_response = services.run_after_response

        def publish_inside():
            services.run_after_response = lambda func: func()

        def publish_after():
            services.run_after_response = after_response

        return ("inside the request", publish_inside), ("after the response", publish_after)
    if name == "upload-memory":
        in_memory = settings.FILE_UPLOAD_MAX_MEMORY_SIZE

        def spooled():
            # The limit before the fifth round: a 300 KB body went to a temporary file, twice.
            settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024

        def held():
            settings.FILE_UPLOAD_MAX_MEMORY_SIZE = in_memory

        return ("files over 256 KiB to disk", spooled), (f"up to {in_memory // 1024} KiB in memory", held)
    if name == "body-messages":
        from recipeplanner.asgi import BODY_MESSAGE_BYTES

        def daphne_default():
            BODY_MESSAGE["bytes"] = 8 * 1024

        def ours():
            BODY_MESSAGE["bytes"] = BODY_MESSAGE_BYTES

        return ("8 KiB messages", daphne_default), (f"{BODY_MESSAGE_BYTES // 1024} KiB messages", ours)
    if name == "plain-sql":
        # The four together: what the sixth round changed on the accept path.
        parts = [_ab_variants(part) for part in ("cap-sql", "dish-sql", "token-sql", "session-sql")]

        def orm():
            for (_, switch), _ in parts:
                switch()

        def sql():
            for _, (_, switch) in parts:
                switch()

        return ("token, session, cap, dish through the ORM", orm), ("the four as plain SQL", sql)
    if name == "row-converters":
        from recipeplanner import rows

        kept = rows._converters

        def looked_up():
            rows._converters = kept.__wrapped__

        def cached():
            rows._converters = kept

        return ("converters looked up per row", looked_up), ("kept per model", cached)
    if name == "cap-sql":
        from sessions_app import selectors
        from sessions_app.models import ExtractionJob

        plain_sql = selectors._jobs_in_flight_bounded

        def through_the_orm(user_id, up_to):
            # The count as the fifth round made it: ids, unordered, sliced.
            jobs = ExtractionJob.objects.filter(session__owner=user_id, status__in=ExtractionJob.IN_FLIGHT)
            return len(jobs.order_by().values_list("pk", flat=True)[:up_to])

        def orm():
            selectors._jobs_in_flight_bounded = through_the_orm

        def sql():
            selectors._jobs_in_flight_bounded = plain_sql

        return ("cap count through the ORM", orm), ("cap count as plain SQL", sql)
    if name == "dish-sql":
        from sessions_app.models import Dish

        plain_sql = services._dish_by_name

        def through_the_orm(*, session_id, name):
            # The lookup as the fifth round made it: iexact, unordered, [:1].
            return next(iter(Dish.objects.filter(session=session_id, name__iexact=name).order_by()[:1]), None)

        def orm():
            services._dish_by_name = through_the_orm

        def sql():
            services._dish_by_name = plain_sql

        return ("dish lookup through the ORM", orm), ("dish lookup as plain SQL", sql)
    if name == "token-sql":
        from rest_framework.authentication import TokenAuthentication as DRFTokenAuthentication

        from recipeplanner.authentication import TokenAuthentication

        plain_sql = TokenAuthentication.authenticate_credentials

        def orm():
            TokenAuthentication.authenticate_credentials = DRFTokenAuthentication.authenticate_credentials

        def sql():
            TokenAuthentication.authenticate_credentials = plain_sql

        return ("DRF's token query (ORM)", orm), ("token query as plain SQL", sql)
    if name == "session-sql":
        from django.shortcuts import get_object_or_404

        from sessions_app import selectors
        from sessions_app.models import PlanningSession

        plain_sql = selectors.session_get_owned

        def through_the_orm(*, user, id):
            return get_object_or_404(PlanningSession, pk=id, owner=user)

        def orm():
            selectors.session_get_owned = through_the_orm

        def sql():
            selectors.session_get_owned = plain_sql

        return ("session lookup through the ORM", orm), ("session lookup as plain SQL", sql)
    raise SystemExit(
        f"unknown A/B: {name} (publish, upload-memory, body-messages, cap-sql, dish-sql, token-sql, "
        "session-sql, plain-sql, row-converters)"
    )


async def _ab(
    application, name: str, path: str, body: bytes, content_type: str, token: str, label: str, rounds: int
) -> None:
    """The same uploads in alternating blocks of 50, `rounds` blocks under each of two variants (see
    _ab_variants), in one process. Alternating keeps the machine's drift out of the comparison."""
    variants = _ab_variants(name)
    figures = {mode: ([], 0.0) for mode, _ in variants}
    for _ in range(rounds):
        for mode, switch in variants:
            switch()
            walls, cpu = await _run(application, [path] * 50, body, content_type, token)
            figures[mode] = (figures[mode][0] + walls, figures[mode][1] + cpu)
    variants[-1][1]()  # the code as it is
    print(
        f"\n| file | {name} | requests | wall p50 ms | wall p99 ms | CPU ms/req |\n|---|---|---|---|---|---|"
    )
    for mode, (walls, cpu) in figures.items():
        print(
            f"| {label} | {mode} | {len(walls)} | {percentile(walls, 50) * 1000:.2f} | "
            f"{percentile(walls, 99) * 1000:.2f} | {cpu / len(walls) * 1000:.2f} |"
        )


def _measure_worker(args) -> None:
    """CPU and wall time per job of the worker's task with an instant extractor: its own overhead.

    The task runs as in a pool process: its writes, and its broadcasts through the real channel layer
    (Redis) on the process's broadcast loop. Jobs are made beforehand (through the service, untimed).
    """
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    import bench.noop_worker  # noqa: F401  (replaces the extractor)
    from notifications import events
    from sessions_app import services
    from sessions_app.models import PlanningSession
    from sessions_app.tasks import extract_recipe_job

    session = PlanningSession.objects.create(
        owner=get_user_model().objects.get(username="bench"), title="worker", guest_count=4
    )

    def make_jobs(count: int) -> list[str]:
        return [
            str(
                services.job_create(
                    session=session,
                    dish_name="Soup",
                    upload=SimpleUploadedFile("recipe.txt", text_payload().data),
                    mime_type="text/plain",
                ).id
            )
            for _ in range(count)
        ]

    def run(job_id: str) -> str:
        # Through Celery's tracer, as a pool process runs it: with the worker's task_prerun/postrun hooks.
        return extract_recipe_job.apply(args=[job_id], task_id=job_id).get()

    for job_id in make_jobs(10):  # warm-up: connections, the broadcast loop
        run(job_id)
    job_ids = make_jobs(args.jobs)
    walls, cpu = [], 0.0
    profiler = on_loop = None
    if args.profile == "worker":
        profiler, on_loop = cProfile.Profile(time.thread_time), cProfile.Profile(time.thread_time)
        events._broadcast_loop().call_soon_threadsafe(on_loop.enable)
        profiler.enable()
    for job_id in job_ids:
        started, started_cpu = time.perf_counter(), time.process_time()
        assert run(job_id) == "completed"
        walls.append(time.perf_counter() - started)
        cpu += time.process_time() - started_cpu
    print("\n| task | jobs | wall p50 ms | wall p99 ms | CPU ms/job |\n|---|---|---|---|---|")
    print(
        f"| extract_recipe_job, instant extractor | {len(walls)} | {percentile(walls, 50) * 1000:.2f} | "
        f"{percentile(walls, 99) * 1000:.2f} | {cpu / len(walls) * 1000:.2f} |"
    )
    if profiler is not None:
        profiler.disable()
        events._broadcast_loop().call_soon_threadsafe(on_loop.disable)
        time.sleep(0.2)
        _print_profiles((("task thread", profiler), ("broadcast loop", on_loop)), args.profile_out)


async def _profile(application, path: str, body: bytes, content_type: str, token: str, args) -> None:
    """Run the target again under two profilers: the requests' one thread, and the event loop's."""
    from asgiref.sync import sync_to_async

    # CPU time, not wall time: the machine may be busy with other work.
    on_thread, on_loop = cProfile.Profile(time.thread_time), cProfile.Profile(time.thread_time)
    # cProfile follows the thread that enables it: the sync views all run on one thread (asgi.py).
    await sync_to_async(on_thread.enable, thread_sensitive=True)()
    on_loop.enable()
    await _run(application, [path] * args.requests, body, content_type, token)
    on_loop.disable()
    await sync_to_async(on_thread.disable, thread_sensitive=True)()
    _print_profiles((("request thread", on_thread), ("event loop", on_loop)), args.profile_out)


def _print_profiles(profiles, profile_out: str | None) -> None:
    """Print each (name, cProfile.Profile) by cumulative then own time; also dump it to profile_out.<name>."""
    for name, profiler in profiles:
        print(f"\n## {name}\n")
        stats = pstats.Stats(profiler)
        if profile_out:
            stats.dump_stats(f"{profile_out}.{name.replace(' ', '-')}")
        stats.sort_stats("cumulative").print_stats(70)
        stats.sort_stats("tottime").print_stats(30)


async def _user(username: str):
    from django.contrib.auth import get_user_model

    return await get_user_model().objects.aget(username=username)


if __name__ == "__main__":
    main()
