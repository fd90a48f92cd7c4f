"""Files of kinds people upload that extraction once got wrong, each judged as a cook would.

Each folder under tests/files/cases holds the input file(s), expected.json (title, the ingredient lines as
printed, and where the recipe has sub-recipes the groups) and, where parsing is the point,
expected_parse.json (quantity and unit each line should give). Lines are matched the way the corpus
scorer matches them: after normalising case, fractions and punctuation, at 85% similarity, best pairs
first, so an OCR slip of one character in a long line still counts.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest

from extraction.pipeline import extract

CASES = Path(__file__).parent / "files" / "cases"
SIMILARITY = 0.85
UNITS = {
    "tablespoon": {"tablespoon", "tablespoons", "tbsp", "tbs", "el"},
    "teaspoon": {"teaspoon", "teaspoons", "tsp", "tl"},
    "cup": {"cup", "cups", "c"},
    "pound": {"pound", "pounds", "lb", "lbs"},
    "gram": {"gram", "grams", "g"},
    "kilogram": {"kilogram", "kilograms", "kg"},
    "milliliter": {"milliliter", "milliliters", "millilitre", "ml"},
    "clove": {"clove", "cloves"},
}


def _inputs(case: Path) -> list[Path]:
    return sorted(
        path for path in case.iterdir() if path.is_file() and not path.name.startswith(("expected", "README"))
    )


def _number(match: re.Match) -> str:
    token = match.group(1)
    try:
        value = sum(Fraction(part) for part in token.split()) if " " in token else Fraction(token)
    except (ValueError, ZeroDivisionError):
        return token
    return format(float(value), "g")


def normalise(line: str) -> str:
    text = re.sub(r"(\d)([\u00bc-\u00be\u2150-\u215e])", r"\1 \2", line)
    text = unicodedata.normalize("NFKC", text).replace("\u2044", "/").lower()
    text = re.sub(r"^[\s\-*\u2022\u25aa\u25cf\u25a1\u25a2\u2610\u2713\u2714\u00b7>]+", "", text)
    text = re.sub(r"(?<![\w.])(\d+\s+\d+/\d+|\d+/\d+|\d+\.\d+|\d+)(?![\w.])", _number, text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    return re.sub(r"[\s,;:()]+", " ", text).strip()


def unmatched(expected: list[str], found: list[str]) -> tuple[list[str], list[str]]:
    """Expected lines not found and found lines not expected, pairs taken most similar first."""
    want, got = [normalise(line) for line in expected], [normalise(line) for line in found]
    pairs = sorted(
        (
            (difflib.SequenceMatcher(None, w, g).ratio() if w != g else 1.0, i, j)
            for i, w in enumerate(want)
            for j, g in enumerate(got)
        ),
        reverse=True,
    )
    used_want, used_got = set(), set()
    for ratio, i, j in pairs:
        if ratio >= SIMILARITY and i not in used_want and j not in used_got:
            used_want.add(i)
            used_got.add(j)
    missed = [expected[i] for i in range(len(want)) if i not in used_want]
    extra = [found[j] for j in range(len(got)) if j not in used_got]
    return missed, extra


def _unit_matches(want: str, got: str) -> bool:
    want, got = want.strip().lower(), got.strip().lower().rstrip(".")
    if not want:
        return got == ""
    names = next((names | {key} for key, names in UNITS.items() if want == key or want in names), None)
    return got in names if names else got in (want, want + "s", want + "es")


CASE_INPUTS = [
    (case.name, path) for case in sorted(CASES.iterdir()) if case.is_dir() for path in _inputs(case)
]


@pytest.mark.parametrize(("case", "path"), CASE_INPUTS, ids=[path.name for _, path in CASE_INPUTS])
def test_case(case, path):
    folder = CASES / case
    title_case = "title-case" in path.name
    expected = {} if title_case else json.loads((folder / "expected.json").read_text())
    parse_file = folder / ("expected_parse_title_case.json" if title_case else "expected_parse.json")

    result = extract(path.read_bytes(), filename=path.name)
    lines = [item.text for item in result.ingredients]

    if expected.get("ingredients"):
        missed, extra = unmatched(expected["ingredients"], lines)
        assert (missed, extra) == ([], [])
    if expected.get("title"):
        assert normalise(result.title) == normalise(expected["title"])
    if expected.get("groups"):
        # Each sub-recipe's lines carry its heading, in order; headings are never lines themselves.
        groups = [item.group for item in result.ingredients]
        for name, (first, last) in expected["groups"].items():
            assert {normalise(group) for group in groups[first : last + 1]} == {normalise(name)}
        assert not {normalise(name) for name in expected["groups"]} & {normalise(line) for line in lines}
    if parse_file.exists():
        for want in json.loads(parse_file.read_text()):
            item = next(
                item for item in result.ingredients if normalise(item.text) == normalise(want["text"])
            )
            if want.get("quantity") is None:
                assert item.quantity is None
            else:
                assert item.quantity == pytest.approx(want["quantity"])
            if "quantity_max" in want:
                assert item.quantity_max == (
                    None if want["quantity_max"] is None else pytest.approx(want["quantity_max"])
                )
            if "unit" in want:
                assert _unit_matches(want["unit"].split(" (")[0], item.unit), (want["text"], item.unit)


def test_package_sizes_are_kept_in_the_comment_never_as_the_quantity():
    result = extract((CASES / "nested-package-size-txt" / "lentil-sausage-soup.txt").read_bytes())
    by_text = {item.text: item for item in result.ingredients}
    assert "14.5" in by_text["2 (14.5 ounce) cans diced tomatoes"].comment
    chickpeas = by_text["2 x 400g tins chickpeas, drained"]
    assert (chickpeas.quantity, "400" in chickpeas.comment) == (2.0, True)
