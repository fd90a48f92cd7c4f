"""Variants of each kind of file in tests/files/cases, written anew: other recipes, languages, layouts and
fonts of the same kind, judged the same way (tests/test_extraction_cases.py's matcher and unit names).

Each folder tests/files/variants/<kind>/<variant>/ holds one input, expected.json and, where parsing is
the point, expected_parse.json. A parse row may also name the package size ("pack": "400") that must
survive in the line's comment or package size, never as its quantity. The PDFs and images are written by
tests/files/variants/make_variants.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extraction.errors import ExtractionError
from extraction.pipeline import extract
from tests.test_extraction_cases import _inputs, _unit_matches, normalise, unmatched

VARIANTS = Path(__file__).parent / "files" / "variants"

VARIANT_INPUTS = [
    pytest.param(folder, path, id=f"{kind.name}/{folder.name}")
    for kind in sorted(VARIANTS.iterdir())
    if kind.is_dir()
    for folder in sorted(kind.iterdir())
    if folder.is_dir()
    for path in _inputs(folder)
]


def _pack_kept(item, size: str) -> bool:
    return size in item.comment or (item.pack_quantity is not None and f"{item.pack_quantity:g}" == size)


@pytest.mark.parametrize(("folder", "path"), VARIANT_INPUTS)
def test_variant(folder, path):
    expected = json.loads((folder / "expected.json").read_text())
    parse_file = folder / "expected_parse.json"

    try:
        result = extract(path.read_bytes(), filename=path.name)
    except ExtractionError as error:
        # A photo format refused with a sentence that says so and how to fix it is acceptable.
        assert expected.get("acceptable_alternative") and "HEI" in str(error).upper(), error
        return
    lines = [item.text for item in result.ingredients]

    assert unmatched(expected["ingredients"], lines) == ([], [])
    assert normalise(result.title) == normalise(expected["title"])
    if expected.get("groups"):
        groups = [item.group for item in result.ingredients]
        for name, (first, last) in expected["groups"].items():
            assert {normalise(group) for group in groups[first : last + 1]} == {normalise(name)}, name
    if parse_file.exists():
        for want in json.loads(parse_file.read_text()):
            item = next(
                item for item in result.ingredients if normalise(item.text) == normalise(want["text"])
            )
            if want.get("quantity") is None:
                assert item.quantity is None, want["text"]
            else:
                assert item.quantity == pytest.approx(want["quantity"]), want["text"]
            if "quantity_max" in want:
                assert item.quantity_max == (
                    None if want["quantity_max"] is None else pytest.approx(want["quantity_max"])
                ), want["text"]
            if "unit" in want:
                assert _unit_matches(want["unit"], item.unit), (want["text"], item.unit)
            if "pack" in want:
                assert _pack_kept(item, want["pack"]), (want["text"], item.comment, item.pack_quantity)
