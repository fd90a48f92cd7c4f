"""Upload latency against a real stack: Redis, a Celery worker and daphne on loopback (tests/integration/stack.py).

Prints, median and p99:
- the time to the 202 of POST /api/sessions/{id}/upload-recipe, next to GET /api/sessions/{id}/ on the same
  server in the same run as a baseline (the requests alternate, one at a time, throttle off);
- the time from sending a text recipe to its extraction_complete on the session's WebSocket.

Run with `make bench`, or `.venv/bin/python bench/upload.py --uploads 200 --end-to-end 30`.
"""

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration import recipes  # noqa: E402
from tests.integration.client import Api, open_socket, receive, receive_until  # noqa: E402
from tests.integration.stack import Stack  # noqa: E402


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def row(label: str, seconds: list[float]) -> str:
    median = statistics.median(seconds) * 1000
    p99 = percentile(seconds, 99) * 1000
    return f"{label:<44} {len(seconds):>5} {median:>10.1f} {p99:>10.1f}"


def measure_requests(api: Api, upload_session: str, baseline_session: str, count: int) -> tuple[list, list]:
    """Alternate a baseline GET and an upload, `count` of each; return their latencies in seconds."""
    content = recipes.text_recipe()
    gets, uploads = [], []
    for number in range(count):
        response = api.get(f"/api/sessions/{baseline_session}/")
        assert response.status == 200, response.status
        gets.append(response.seconds)
        response = api.upload(upload_session, f"Dish {number % 20:02d}", "recipe.txt", content, "text/plain")
        assert response.status == 202, (response.status, response.body[:300])
        uploads.append(response.seconds)
    return gets, uploads


def measure_end_to_end(stack: Stack, api: Api, token: str, session_id: str, count: int) -> list[float]:
    """Upload one text recipe at a time and time it to its extraction_complete on the socket."""
    durations = []
    with open_socket(stack.ws_base_url, session_id, token=token) as ws:
        receive(ws)  # session_state
        for number in range(count):
            started = time.perf_counter()
            response = api.upload(
                session_id, f"Cake {number:02d}", "cake.txt", recipes.text_recipe(), "text/plain"
            )
            assert response.status == 202, (response.status, response.body[:300])
            task_id = response.json()["task_id"]
            messages = receive_until(
                ws,
                lambda m, task_id=task_id: (
                    m.get("type") == "extraction_complete" and m.get("task_id") == task_id
                ),
                timeout=120,
            )
            durations.append(time.perf_counter() - started)
            assert messages[-1]["success"], messages[-1]
    return durations


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--uploads", type=int, default=200, help="uploads (and baseline GETs) to time")
    parser.add_argument(
        "--end-to-end", type=int, default=30, help="text recipes to time to extraction_complete"
    )
    parser.add_argument("--warm-up", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="recipeplanner-bench-") as folder:
        print("starting Redis, a Celery worker (concurrency 2) and daphne on loopback ...", flush=True)
        with Stack(Path(folder), env={"MAX_JOBS_IN_FLIGHT": "1000000"}) as stack:
            token = stack.ensure_user("bench", "bench-password-1", superuser=False)
            api = Api(stack.base_url, token)
            baseline = api.create_session(title="Baseline", dishes=["Bread"])["id"]
            end_to_end_session = api.create_session(title="End to end")["id"]
            upload_session = api.create_session(title="Uploads")["id"]

            measure_end_to_end(stack, api, token, end_to_end_session, args.warm_up)
            end_to_end = measure_end_to_end(stack, api, token, end_to_end_session, args.end_to_end)
            # The worker extracts these uploads while later ones arrive, as it would in real use.
            measure_requests(api, upload_session, baseline, args.warm_up)
            gets, uploads = measure_requests(api, upload_session, baseline, args.uploads)

    print()
    print(f"{'':<44} {'n':>5} {'median ms':>10} {'p99 ms':>10}")
    print(row("GET /api/sessions/{id}/ (baseline)", gets))
    print(row("POST /api/sessions/{id}/upload-recipe -> 202", uploads))
    print(row("text upload -> extraction_complete (socket)", end_to_end))
    print()
    print("One client, one request at a time; SQLite, one worker with 2 processes, all on this machine.")


if __name__ == "__main__":
    main()
