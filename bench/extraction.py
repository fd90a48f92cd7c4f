"""Measure extraction on the recipe corpus, one score per upload form.

Renders each corpus recipe into the forms users upload (the card as text, printed to PDF, as an image and
as a phone-photo-like copy; the saved web page as HTML and printed to PDF), caches the renders under
var/bench-cache/, runs `manage.py extract_recipe --json` on each form and scores the output with the
corpus's score.py.

    .venv/bin/python bench/extraction.py [--limit N] [--forms txt,card.png] [--lang en|all]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / "var" / "bench-cache"
RESULTS = CACHE / "results"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
FORMS = ("txt", "card.pdf", "card.png", "card.photo.jpg", "html", "web.pdf")

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype/liberation")
# Cards alternate between a sans and a serif face (by recipe), both with the ⅓ ⅔ ⅛ glyphs recipes use;
# a face without them would print empty boxes no reader could take for fractions.
FACES = (
    (("DejaVuSans.ttf", "LiberationSans-Regular.ttf"), ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf")),
    (
        ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf"),
        ("DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf"),
    ),
)

# A4 at 170 dpi, 11 pt body text: what a printed card scanned at an ordinary resolution looks like.
PAGE_WIDTH = 1400
MARGIN = 120
BODY_PX = 26
TITLE_PX = 38
LINE_SPACING = 1.4
# A printed page with nothing on it is about 1 KB; anything under this is treated as blank.
BLANK_PDF_BYTES = 4000
PRINT_TIMEOUT = 30


# ---------------------------------------------------------------------------------------------- corpus


def corpus_ids(corpus: Path, lang: str) -> list[str]:
    """Recipe ids in the corpus, English-only unless lang is "all"."""
    ids = []
    for path in sorted((corpus / "recipes").glob("*.json")):
        if lang != "all":
            language = (json.loads(path.read_text(encoding="utf-8")).get("language") or "").lower()
            if language.split("-")[0] != lang:
                continue
        ids.append(path.name[: -len(".json")])
    return ids


def _seed(recipe_id: str) -> int:
    return int.from_bytes(hashlib.sha256(recipe_id.encode()).digest()[:8], "big")


# ------------------------------------------------------------------------------------------- renderers


def _font(names: tuple[str, ...], size: int):
    from PIL import ImageFont

    for directory in FONT_DIRS:
        for name in names:
            path = Path(directory) / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _wrap(text: str, font, width: int) -> list[str]:
    words = text.split()
    if not words:
        return [""]
    lines, current = [], words[0]
    for word in words[1:]:
        candidate = f"{current} {word}"
        if font.getlength(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def render_card_png(card: str, out: Path, seed: int) -> None:
    """Draw the text card on a white page: bold title, wrapped body lines."""
    from PIL import Image, ImageDraw

    regular, bold = FACES[seed % len(FACES)]
    body, title = _font(regular, BODY_PX), _font(bold, TITLE_PX)
    text_width = PAGE_WIDTH - 2 * MARGIN
    rows = []  # (font, text, advance)
    for index, line in enumerate(card.splitlines()):
        font = title if index == 0 else body
        for part in _wrap(line, font, text_width):
            rows.append((font, part, round(font.size * LINE_SPACING)))
    height = 2 * MARGIN + sum(advance for _, _, advance in rows)
    image = Image.new("L", (PAGE_WIDTH, max(height, 600)), 255)
    draw = ImageDraw.Draw(image)
    y = MARGIN
    for font, text, advance in rows:
        draw.text((MARGIN, y), text, font=font, fill=20)
        y += advance
    image.save(out, format="PNG", dpi=(170, 170))


def render_card_photo(png: Path, out: Path, seed: int) -> None:
    """A phone-photo-like copy: page on a darker surface, slight rotation, blur, uneven light, noise."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = random.Random(seed)
    page = Image.open(png).convert("L")
    # Slightly smaller than the scan, as a phone photo of a full page usually is.
    scale = rng.uniform(0.85, 0.95)
    page = page.resize((round(page.width * scale), round(page.height * scale)), Image.LANCZOS)
    border = 60
    canvas = Image.new("L", (page.width + 2 * border, page.height + 2 * border), 90)
    canvas.paste(page, (border, border))
    angle = rng.uniform(1.0, 3.0) * rng.choice((-1, 1))
    canvas = canvas.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=90)
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.7, 1.1)))

    pixels = np.asarray(canvas, dtype=np.float32)
    h, w = pixels.shape
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    # Light falls off from one corner, with a soft vignette: the usual hand-held photo.
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    distance = np.hypot((xs - cx) / w, (ys - cy) / h)
    light = 1.0 - rng.uniform(0.25, 0.4) * np.clip(distance, 0, 1.2) / 1.2
    pixels = pixels * light
    noise = np.random.default_rng(seed).normal(0, rng.uniform(6, 10), pixels.shape)
    pixels = np.clip(pixels + noise, 0, 255).astype(np.uint8)
    Image.fromarray(pixels, "L").convert("RGB").save(out, format="JPEG", quality=60)


def _card_html(card: str) -> str:
    lines = card.splitlines()
    title = html.escape(lines[0] if lines else "")
    body = "\n".join(html.escape(line) for line in lines[1:])
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>" + title + "</title><style>"
        "body{font-family:'Liberation Sans','DejaVu Sans',sans-serif;font-size:11pt;margin:2cm}"
        "h1{font-size:16pt}pre{font-family:inherit;white-space:pre-wrap;line-height:1.4}"
        "</style></head><body><h1>" + title + "</h1><pre>" + body + "</pre></body></html>"
    )


def print_to_pdf(html_path: Path, out: Path) -> None:
    """Print a local HTML file to PDF with headless Chromium; network assets are not waited for."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise RuntimeError("chromium is not installed")
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile:
        tmp_out = out.with_suffix(out.suffix + ".part")
        proc = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                f"--print-to-pdf={tmp_out}",
                "--no-pdf-header-footer",
                "--timeout=1500",
                "--virtual-time-budget=1000",
                html_path.resolve().as_uri(),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=PRINT_TIMEOUT)
        except subprocess.TimeoutExpired:
            # Chromium's helper processes share its session; end them with it, and any that left it (its
            # main process leaves the wrapper script's group and would go on rendering at full speed).
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            _kill_processes_using(profile)
            raise
        if tmp_out.exists() and tmp_out.stat().st_size > 0:
            tmp_out.replace(out)


def _kill_processes_using(profile: str) -> None:
    """SIGKILL every process whose command line names profile (a Chromium --user-data-dir)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if profile.encode() in (entry / "cmdline").read_bytes():
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ProcessLookupError):
            continue


def _without_scripts(page: str) -> str:
    return re.sub(r"(?is)<script\b.*?</script\s*>", "", page)


def render(task: tuple[str, str, str]) -> tuple[str, str, float, str | None]:
    """Render one (corpus, recipe id, form) into the cache unless it is there already."""
    corpus, recipe_id, form = task
    source = Path(corpus) / "recipes" / recipe_id
    out = CACHE / f"{recipe_id}.{form}"
    if out.exists():
        return recipe_id, form, 0.0, None
    started = time.monotonic()
    try:
        card = Path(f"{source}.txt").read_text(encoding="utf-8") if form != "html" else ""
        if form == "txt":
            shutil.copyfile(f"{source}.txt", out)
        elif form == "card.png":
            render_card_png(card, out, _seed(recipe_id))
        elif form == "card.photo.jpg":
            png = CACHE / f"{recipe_id}.card.png"
            if not png.exists():
                render_card_png(card, png, _seed(recipe_id))
            render_card_photo(png, out, _seed(recipe_id))
        elif form == "card.pdf":
            with tempfile.TemporaryDirectory(prefix="bench-card-") as tmp:
                page = Path(tmp) / "card.html"
                page.write_text(_card_html(card), encoding="utf-8")
                print_to_pdf(page, out)
        elif form == "html":
            out.write_bytes(gzip.decompress(Path(f"{source}.html.gz").read_bytes()))
        elif form == "web.pdf":
            page = CACHE / f"{recipe_id}.html"
            if not page.exists():
                page.write_bytes(gzip.decompress(Path(f"{source}.html.gz").read_bytes()))
            try:
                print_to_pdf(page, out)
            except subprocess.TimeoutExpired:
                pass  # a page whose scripts never let it finish; printed without them below
            if not out.exists() or out.stat().st_size < BLANK_PDF_BYTES:
                # Offline, some pages' scripts blank the page (a redirect, an app shell that never
                # hydrates); the script-free copy shows what the server sent, as a live print would.
                with tempfile.TemporaryDirectory(prefix="bench-page-") as tmp:
                    bare = Path(tmp) / "page.html"
                    bare.write_text(_without_scripts(page.read_text(encoding="utf-8", errors="replace")))
                    print_to_pdf(bare, out)
    except Exception as exc:  # noqa: BLE001 - one broken render must not stop the run
        return recipe_id, form, time.monotonic() - started, f"{type(exc).__name__}: {exc}"
    if not out.exists():
        return recipe_id, form, time.monotonic() - started, "nothing written"
    return recipe_id, form, time.monotonic() - started, None


def render_all(corpus: Path, ids: list[str], forms: list[str], jobs: int) -> None:
    CACHE.mkdir(parents=True, exist_ok=True)
    # Forms a later one is made from come first, so the derived render finds them cached.
    order = sorted(forms, key=lambda f: ("card.png", "html").index(f) if f in ("card.png", "html") else 2)
    tasks = [
        (str(corpus), rid, form) for form in order for rid in ids if not (CACHE / f"{rid}.{form}").exists()
    ]
    if not tasks:
        return
    print(f"rendering {len(tasks)} files with {jobs} processes ...", file=sys.stderr)
    failures = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done, (rid, form, _, error) in enumerate(pool.map(render, tasks, chunksize=1), 1):
            if error:
                failures += 1
                print(f"  render failed: {rid}.{form}: {error}", file=sys.stderr)
            if done % 100 == 0:
                print(f"  {done}/{len(tasks)}", file=sys.stderr)
    if failures:
        print(f"{failures} renders failed", file=sys.stderr)


# ------------------------------------------------------------------------------------------ extraction


def _nltk_data() -> str:
    if os.environ.get("NLTK_DATA"):
        return os.environ["NLTK_DATA"]
    local = REPO / "var" / "nltk_data"
    return str(local if local.exists() else REPO.parent / "shared" / "nltk_data")


def _extract_batch(chunk: list[str]) -> tuple[list[str], int]:
    """Run one batch; return its JSON lines and the process's peak resident memory in KiB."""
    # extract_recipe needs no SECRET_KEY, database or Redis.
    env = {**os.environ, "NLTK_DATA": _nltk_data(), "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "manage.py"), "extract_recipe", "--json", *chunk],
            cwd=REPO,
            env=env,
            stdout=stdout,
            stderr=stderr,
            text=True,
        )
        # wait4 gives this child's own peak RSS, where getrusage(RUSAGE_CHILDREN) mixes all of them.
        _, status, usage = os.wait4(proc.pid, 0)
        returncode = os.waitstatus_to_exitcode(status)
        proc.returncode = returncode
        stdout.seek(0)
        stderr.seek(0)
        output, errors = stdout.read(), stderr.read()
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines and returncode:
        sys.stderr.write(errors[-2000:])
        raise SystemExit(f"extract_recipe failed with exit code {returncode}")
    seen = {json.loads(line).get("file") for line in lines}
    for missing in (f for f in chunk if f not in seen):
        # A crash part-way through a batch still counts against the form, not silently.
        lines.append(json.dumps({"file": missing, "error": "no output (command crashed)"}))
    return lines, usage.ru_maxrss


def extract(files: list[Path], out: Path, jobs: int, batch: int = 20) -> int:
    """Run `manage.py extract_recipe --json` over files in batches, jobs at a time, into out (JSON Lines).

    Returns the highest peak resident memory of one extraction process, in KiB.
    """
    chunks = [[str(f) for f in files[start : start + batch]] for start in range(0, len(files), batch)]
    peak = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool, out.open("w", encoding="utf-8") as fh:
        for lines, max_rss in pool.map(_extract_batch, chunks):
            fh.write("\n".join(lines) + "\n")
            peak = max(peak, max_rss)
    return peak


def score(corpus: Path, results: Path, misses: int = 0) -> tuple[dict, str]:
    script = corpus / "score.py"
    expected = str(corpus / "recipes")
    totals = subprocess.run(
        [sys.executable, str(script), expected, str(results), "--by-format", "--json"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    worst = ""
    if misses:
        worst = subprocess.run(
            [sys.executable, str(script), expected, str(results), "--show-misses", str(misses)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        worst = worst.split("\n", 1)[1] if "\n" in worst else ""
    return (json.loads(totals) if totals.strip() else {}), worst


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def seconds_of(results: Path) -> list[float]:
    values = []
    for line in results.read_text(encoding="utf-8").splitlines():
        if line.startswith("{"):
            seconds = json.loads(line).get("seconds")
            if isinstance(seconds, (int, float)):
                values.append(float(seconds))
    return values


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N recipes")
    parser.add_argument("--forms", default=",".join(FORMS), help=f"comma-separated, from {', '.join(FORMS)}")
    parser.add_argument("--lang", default="en", help="language code to keep, or 'all' (default: en)")
    parser.add_argument("--jobs", type=int, default=2, help="parallel render and extraction processes")
    parser.add_argument("--render-only", action="store_true", help="fill the cache and stop")
    parser.add_argument("--misses", type=int, default=5, help="worst documents to show per form")
    args = parser.parse_args(argv)

    forms = [f.strip() for f in args.forms.split(",") if f.strip()]
    unknown = set(forms) - set(FORMS)
    if unknown:
        parser.error(f"unknown forms: {', '.join(sorted(unknown))}")
    ids = corpus_ids(args.corpus, args.lang)
    if args.limit:
        ids = ids[: args.limit]
    render_all(args.corpus, ids, forms, args.jobs)
    if args.render_only:
        return 0

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    rows, worst_by_form = [], {}
    for form in forms:
        files = [CACHE / f"{rid}.{form}" for rid in ids if (CACHE / f"{rid}.{form}").exists()]
        if not files:
            continue
        out = RESULTS / f"{stamp}.{form}.jsonl"
        print(f"extracting {len(files)} {form} files ...", file=sys.stderr)
        peak_kib = extract(files, out, args.jobs)
        report, worst = score(args.corpus, out, args.misses)
        figures = report.get(form) or report.get("all") or {}
        seconds = seconds_of(out)
        rows.append((form, figures, seconds, peak_kib))
        worst_by_form[form] = worst

    # The plain-text card is the baseline: every other form's median time is also given as a multiple of it.
    medians = {form: statistics.median(seconds) if seconds else math.nan for form, _, seconds, _ in rows}
    baseline = medians.get("txt", math.nan)
    header = (
        f"{'form':<15}{'docs':>6}{'P':>7}{'R':>7}{'F1':>7}{'exact':>7}{'errors':>7}{'med s':>8}{'p99 s':>8}"
        f"{'x txt':>7}{'peak MiB':>10}"
    )
    print(header)
    print("-" * len(header))
    for form, r, seconds, peak_kib in rows:
        print(
            f"{form:<15}{r.get('documents', 0):>6}{r.get('precision', 0):>7.3f}{r.get('recall', 0):>7.3f}"
            f"{r.get('f1', 0):>7.3f}{r.get('exact_share', 0):>7.3f}{r.get('errors', 0):>7}"
            f"{medians[form]:>8.3f}{_percentile(seconds, 0.99):>8.3f}{medians[form] / baseline:>7.1f}"
            f"{peak_kib / 1024:>10.0f}"
        )
    for form, worst in worst_by_form.items():
        if worst.strip():
            print(f"\n== worst {form} ==\n{worst.rstrip()}")
    print(f"\nresults: {RESULTS}/{stamp}.*.jsonl", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
