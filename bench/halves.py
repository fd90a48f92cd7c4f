"""Score one form's results by half of the corpus, and compare two runs page by page.

The corpus is cut in two halves by recipe id (first 8 bytes of SHA-256, even: A, odd: B), as the
printed-web-page rounds in docs/benchmarks.md do: rules are tuned by reading half A's failures only, and
half B is scored as a held-out check.

    .venv/bin/python bench/halves.py RESULTS.jsonl [--before OLD.jsonl] [--misses N] [--half A|B]
        [--first N]

RESULTS.jsonl is a `bench/extraction.py` output (var/bench-cache/results/<stamp>.<form>.jsonl). Prints
lines expected / taken / matched, F1 and the exact-match share for each half and both; with --before,
the same for the older run and every page whose matched or taken count changed; with --misses, the
half's pages that lose the most lines, with their missed and extra lines.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def half_of(recipe_id: str) -> str:
    """ "A" when the first 8 bytes of the id's SHA-256, read big-endian, are even, else "B"."""
    return "AB"[int.from_bytes(hashlib.sha256(recipe_id.encode()).digest()[:8], "big") % 2]


def _scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def per_page(results: Path, corpus: Path, first: int = 0) -> dict[str, dict]:
    """{recipe id: {half, expected, taken, matched, missed, extra}} for every scored page of a run."""
    score = _scorer(corpus)
    expected_dir = str(corpus / "recipes")
    pages = {}
    for raw in results.read_text(encoding="utf-8").splitlines():
        if not raw.startswith("{"):
            continue
        result = json.loads(raw)
        name = os.path.basename(result.get("file", ""))
        path, _ = score.expected_for(expected_dir, name)
        if path is None:
            continue
        recipe_id = Path(path).name[: -len(".json")]
        expected = json.loads(Path(path).read_text(encoding="utf-8"))["ingredients"]
        extracted = (
            [] if result.get("error") else [score.line_text(i) for i in result.get("ingredients") or []]
        )
        matched, missed, extra = score.match_count(expected, extracted)
        pages[recipe_id] = {
            "half": half_of(recipe_id),
            "expected": len(expected),
            "taken": len(extracted),
            "matched": matched,
            "missed": missed,
            "extra": extra,
        }
    if first:
        pages = {rid: pages[rid] for rid in sorted(pages)[:first]}
    return pages


def totals(pages: dict[str, dict], half: str | None) -> dict:
    """Summed counts, F1 and exact share over the pages of one half (None: both)."""
    chosen = [p for p in pages.values() if half is None or p["half"] == half]
    expected = sum(p["expected"] for p in chosen)
    taken = sum(p["taken"] for p in chosen)
    matched = sum(p["matched"] for p in chosen)
    precision = matched / taken if taken else 0.0
    recall = matched / expected if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    exact = sum(not p["missed"] and not p["extra"] for p in chosen)
    return {
        "docs": len(chosen),
        "expected": expected,
        "taken": taken,
        "matched": matched,
        "f1": f1,
        "exact": exact / len(chosen) if chosen else 0.0,
    }


def _row(label: str, t: dict) -> str:
    return (
        f"{label:<10}{t['docs']:>5}{t['expected']:>7}{t['taken']:>7}{t['matched']:>7}"
        f"{t['f1']:>9.4f}{t['exact']:>8.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", type=Path)
    parser.add_argument("--before", type=Path, help="an older run of the same form, to compare with")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--misses", type=int, default=0, help="worst pages of --half to show")
    parser.add_argument("--half", choices=("A", "B"), default="A", help="half whose pages are listed")
    parser.add_argument("--first", type=int, default=0, help="only the first N recipe ids")
    args = parser.parse_args(argv)

    runs = [("after", per_page(args.results, args.corpus, args.first))]
    if args.before:
        runs.insert(0, ("before", per_page(args.before, args.corpus, args.first)))
    print(f"{'':<10}{'docs':>5}{'expect':>7}{'taken':>7}{'match':>7}{'F1':>9}{'exact':>8}")
    for name, pages in runs:
        for half in ("A", "B", None):
            print(_row(f"{name} {half or 'all'}", totals(pages, half)))
    after = runs[-1][1]
    if args.before:
        before = runs[0][1]
        print("\nchanged pages (half, matched, taken: before -> after):")
        for rid in sorted(after):
            old, new = before.get(rid), after[rid]
            if old and (old["matched"], old["taken"]) != (new["matched"], new["taken"]):
                shown = new["half"] == args.half
                print(
                    f"  {new['half']} {rid}: matched {old['matched']} -> {new['matched']}, "
                    f"taken {old['taken']} -> {new['taken']}"
                )
                if shown:
                    for line in (x for x in new["missed"] if x not in old["missed"]):
                        print(f"      now missed: {line}")
                    for line in (x for x in new["extra"] if x not in old["extra"]):
                        print(f"      now extra:  {line}")
    if args.misses:
        worst = sorted(
            (p for p in after.items() if p[1]["half"] == args.half),
            key=lambda item: -(len(item[1]["missed"]) + len(item[1]["extra"])),
        )
        for rid, p in worst[: args.misses]:
            if not p["missed"] and not p["extra"]:
                break
            print(
                f"\n{rid}: {len(p['missed'])} missed, {len(p['extra'])} extra "
                f"({p['matched']}/{p['expected']} matched, {p['taken']} taken)"
            )
            for line in p["missed"]:
                print(f"  missed: {line}")
            for line in p["extra"]:
                print(f"  extra:  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
