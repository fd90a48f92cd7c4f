"""Soak: thousands of uploads through a real stack; the RSS of daphne and the worker must stay flat after warm-up.

Uploads text recipes in rounds (each round: `--round` uploads spread over `--sessions` sessions, then waits
until every job of the round has finished), samples the resident memory of daphne and of the Celery worker
(its main process plus its pool) after each round, and ends with the counts: sent, completed, failed with a
reason, lost (still pending/processing), duplicated (a job with more than one extraction_complete event).

    .venv/bin/python bench/soak.py                       # 2,000 uploads on SQLite
    .venv/bin/python bench/soak.py --postgres --count 500

Growth is measured from the end of the first quarter of the rounds (warm-up: parser model, caches, pools).
Exit status 1 when a job was lost or duplicated, or RSS grew by more than --max-growth-mib.
"""

import argparse
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration import recipes  # noqa: E402
from tests.integration.db import audit  # noqa: E402
from tests.integration.stack import Stack  # noqa: E402


def rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (Linux /proc)."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            with open(f"/proc/{current}/task/{current}/children") as children:
                pending.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return total / 1024


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=2000, help="uploads in all (default 2000)")
    parser.add_argument("--round", type=int, default=50, help="uploads per round (default 50)")
    parser.add_argument("--sessions", type=int, default=10, help="sessions the uploads are spread over")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--max-growth-mib", type=float, default=60.0)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="recipeplanner-soak-"))
    stack = Stack(folder, database="postgresql" if args.postgres else "sqlite")
    stack.start()
    try:
        from tests.integration.client import Api

        token = stack.ensure_user("soak", "pw-soak-1234567", superuser=False)
        api = Api(stack.base_url, token)
        sessions = [api.create_session(title=f"Soak {n}")["id"] for n in range(args.sessions)]
        content = recipes.text_recipe()
        daphne = stack._service("daphne").process.pid
        worker = stack._service("worker").process.pid
        samples: list[tuple[int, float, float]] = []
        task_ids: list[str] = []
        started = time.monotonic()
        rounds = max(1, args.count // args.round)
        print(f"{'uploads':>8} {'daphne MiB':>11} {'worker MiB':>11} {'seconds':>8}", flush=True)
        for number in range(rounds):

            def send(index: int, number=number) -> str:
                session = sessions[index % len(sessions)]
                response = api.upload(session, f"Dish {number}-{index}", "r.txt", content, "text/plain")
                assert response.status == 202, (response.status, response.body[:200])
                return response.json()["task_id"]

            with ThreadPoolExecutor(max_workers=8) as pool:
                batch = list(pool.map(send, range(args.round)))
            task_ids += batch
            for task_id in batch:
                api.wait_for_task(task_id, timeout=300)
            samples.append((len(task_ids), rss_mib(daphne), rss_mib(worker)))
            print(
                f"{samples[-1][0]:>8} {samples[-1][1]:>11.1f} {samples[-1][2]:>11.1f} "
                f"{time.monotonic() - started:>8.0f}",
                flush=True,
            )

        report = audit(stack, sessions)
        statuses = [job["status"] for job in report["jobs"].values()]
        completions: dict[str, int] = {}
        for events in report["events"].values():
            for _, kind, task_id, _ in events:
                if kind == "extraction_complete":
                    completions[task_id] = completions.get(task_id, 0) + 1
        counts = {
            "sent": len(task_ids),
            "completed": statuses.count("completed"),
            "failed_with_reason": sum(
                1 for job in report["jobs"].values() if job["status"] == "failed" and job["error"]
            ),
            "lost": sum(1 for status in statuses if status in ("pending", "processing"))
            + len(set(task_ids) - set(report["jobs"])),
            "duplicated": sum(1 for n in completions.values() if n > 1),
        }
        warm = samples[max(0, len(samples) // 4 - 1)]
        growth = {"daphne_mib": samples[-1][1] - warm[1], "worker_mib": samples[-1][2] - warm[2]}
        print(
            json.dumps(
                {
                    "counts": counts,
                    "rss_growth_after_warm_up": growth,
                    "seconds": round(time.monotonic() - started),
                },
                indent=2,
            )
        )
        bad = counts["lost"] or counts["duplicated"] or max(growth.values()) > args.max_growth_mib
        return 1 if bad else 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
