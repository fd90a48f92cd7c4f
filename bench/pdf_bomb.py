"""Peak memory of reading PDF decompression bombs: each file read by the pipeline in a fresh process.

    .venv/bin/python bench/pdf_bomb.py [--mib 300]

For each case (a content stream, an image's data, and an ordinary text PDF for comparison) a child process
builds the file, runs extraction.pipeline.extract on it and prints the outcome; this process reads the
child's peak resident memory (ru_maxrss) after it exits. The child's own start (Django, the parser model)
is included in every row, so the ordinary PDF is the floor.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "recipeplanner.settings")
import django
django.setup()
from extraction import pipeline
from extraction.errors import ExtractionError
from tests.pdfs import flate_bomb_pdf, make_pdf
case, size = sys.argv[1], int(sys.argv[2])
if case == "ordinary":
    data = make_pdf([b"BT /F1 12 Tf 72 720 Td (Lemon cake) Tj ET BT /F1 12 Tf 72 700 Td (2 cups flour) Tj ET"])
else:
    data = flate_bomb_pdf(size, image=case == "image")
started = time.perf_counter()
try:
    pipeline.extract(data, filename="x.pdf")
    outcome = "extracted"
except ExtractionError as error:
    outcome = f"{{error.code}}: {{error.message}}"
except MemoryError:
    outcome = "MemoryError"
print(json.dumps({{"file_bytes": len(data), "seconds": round(time.perf_counter() - started, 2), "outcome": outcome}}))
"""


def run(case: str, size: int) -> dict:
    """Run one case in a child; returns its printed result plus its peak RSS in MiB."""
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), case, str(size)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "recipeplanner.settings"},
    )
    stdout, stderr = child.stdout.read(), child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    result = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
    lines = result.stdout.strip().splitlines()
    row = (
        json.loads(lines[-1])
        if result.returncode == 0 and lines
        else {"outcome": f"exit {result.returncode}"}
    )
    row["peak_rss_mib"] = round(usage.ru_maxrss / 1024, 1)  # this child's own peak (KiB on Linux)
    row["case"] = case
    if result.returncode != 0:
        row["stderr"] = result.stderr[-500:]
    return row


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mib", type=int, default=300, help="inflated size of each bomb (MiB)")
    args = parser.parse_args()
    size = args.mib * 2**20
    started = time.time()
    for case in ("ordinary", "content", "image"):
        print(json.dumps(run(case, size)))
    print(f"# {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
