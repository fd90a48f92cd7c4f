"""Memory: resident memory of daphne and of each worker process over many uploads, and the peak of one
worker while it reads a 20-page scanned PDF.

Uploads --uploads text recipes (default 2,000) from 8 clients to a real stack with a 2-process worker
extracting them, and samples the resident memory (RSS) of daphne, the worker's main process and each pool
process every --every uploads, after the workers have caught up. Growth after the first sample (warm-up:
the parser model is loaded at start) would be a leak. Then uploads a 20-page image-only PDF and reports
the highest RSS (VmHWM) any pool process reached.

    .venv/bin/python bench/memory.py [--uploads 2000] [--every 250] [--pages 20]
"""

import argparse
import asyncio
import io
import time

from common import (
    Connection,
    Payload,
    bench_stack,
    create_session,
    db_query,
    machine_line,
    multipart,
    payloads,
    peak_rss_mib,
    rss_mib,
    table,
    token_for,
    upload_path,
    web_pids,
    worker_pids,
)

from tests.integration import recipes


def scanned_pdf(pages: int) -> Payload:
    """An image-only PDF of `pages` pages, each the recipe card printed at 150 dpi (no text layer)."""
    page = recipes.recipe_image().convert("RGB")
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150, save_all=True, append_images=[page] * (pages - 1))
    return Payload(f"scanned pdf {pages} pages", "scan.pdf", "application/pdf", out.getvalue())


def unfinished(stack) -> int:
    ((count,),) = db_query(
        stack, "SELECT COUNT(*) FROM sessions_app_extractionjob WHERE status IN ('pending', 'processing')"
    )
    return count


def wait_idle(stack, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while unfinished(stack) and time.monotonic() < deadline:
        time.sleep(0.5)


async def upload_batch(port, token, payload, count: int, clients: int = 8) -> int:
    conns = [Connection("127.0.0.1", port, token) for _ in range(clients)]
    sessions = [await create_session(c) for c in conns]
    remaining = count
    accepted = 0

    async def user(conn, sid):
        nonlocal remaining, accepted
        while remaining > 0:
            remaining -= 1
            status, _ = await conn.upload(upload_path(sid, f"Dish {remaining % 50}"), payload)
            accepted += status == 202

    await asyncio.gather(*(user(c, s) for c, s in zip(conns, sessions, strict=True)))
    for conn in conns:
        await conn.close()
    return accepted


def sample(stack) -> list[float]:
    main, pool = worker_pids(stack)
    return [sum(rss_mib(pid) for pid in web_pids(stack)), rss_mib(main), *(rss_mib(pid) for pid in pool)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--uploads", type=int, default=2000)
    parser.add_argument("--every", type=int, default=250)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    print(f"memory: {machine_line()}", flush=True)
    (text,) = payloads(["txt"])
    rows = []
    with bench_stack(workers=2) as stack:
        token = token_for(stack)
        port = stack.http_port
        main_pid, pool = worker_pids(stack)
        rows.append([0, *(f"{v:.0f}" for v in sample(stack))])
        done = 0
        while done < args.uploads:
            accepted = asyncio.run(upload_batch(port, token, text, min(args.every, args.uploads - done)))
            if not accepted:
                raise SystemExit("no upload was accepted; the stack's logs are in its temporary folder")
            done += accepted
            wait_idle(stack)
            rows.append([done, *(f"{v:.0f}" for v in sample(stack))])
            print(f"  {rows[-1]}", flush=True)
        before_peak = [peak_rss_mib(pid) for pid in pool]
        scan = scanned_pdf(args.pages)
        body, _ = multipart(scan)
        started = time.perf_counter()
        asyncio.run(upload_batch(port, token, scan, 1, clients=1))
        wait_idle(stack)
        scan_seconds = time.perf_counter() - started
        after_peak = [peak_rss_mib(pid) for pid in pool]
        final = sample(stack)
    headers = ["uploads", "daphne MiB", "worker main MiB", *(f"pool {n + 1} MiB" for n in range(len(pool)))]
    print(f"\n### Resident memory over {args.uploads} text uploads (sampled once the workers caught up)\n")
    print(table(headers, rows))
    print(
        f"\n{scan.label} ({len(scan.data) // 1024} KiB) read in {scan_seconds:.1f} s: highest RSS of a pool process "
        f"{max(after_peak):.0f} MiB (before it: {max(before_peak):.0f} MiB); after it: "
        + ", ".join(f"{v:.0f}" for v in final)
        + " MiB (daphne, worker main, pool processes)."
    )
    print(f"\nended: {machine_line()}")


if __name__ == "__main__":
    main()
