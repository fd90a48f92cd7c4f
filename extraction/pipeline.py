"""The extraction pipeline: bytes in, an Extraction (title, yield, parsed ingredient lines) out."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from . import filetypes, sniff
from .blocks import find_recipe
from .errors import NoIngredientsFound, NoTextFound, UnsupportedFileType
from .lines import (
    clean_line,
    group_name,
    ingredient_likeness,
    is_end_heading,
    is_group_heading,
    is_ingredient_heading,
)
from .parsing import check_parser_ready, parse_line
from .results import Extraction, SourceText

__all__ = ["check_parser_ready", "extract"]

logger = logging.getLogger(__name__)

ProgressCallback = Callable[[str, int], None]
# More lines than this is not one recipe's ingredient list.
MAX_INGREDIENTS = 150


def read_image(data: bytes, on_progress: ProgressCallback | None = None) -> SourceText:
    """OCR text of a photo or scan (JPEG, PNG, WebP, HEIC), read only as far as the ingredient list needs."""
    from .ocr import image_to_text

    if on_progress:
        on_progress("ocr", 10)
    return SourceText(text=image_to_text(data, enough=holds_whole_ingredient_list), from_ocr=True)


def holds_whole_ingredient_list(text: str) -> bool:
    """Whether OCR text of an image's top part holds an ingredient list that the method or another
    section already follows, so that the rest of the image cannot add to it."""
    found = find_recipe(text, from_ocr=True)
    if not found.ingredients:
        return False
    lines = [line for line in (clean_line(raw) for raw in text.splitlines()) if line]
    # Lines are found by their letters: OCR repairs and joined wrapped lines change the rest.
    last = _letters(found.ingredients[-1])
    end = next(
        (
            i
            for i in range(len(lines) - 1, -1, -1)
            if _letters(lines[i]) and last.endswith(_letters(lines[i]))
        ),
        None,
    )
    if end is None:
        return False
    for line in lines[end + 1 :]:
        if is_end_heading(line) or _reads_as_method(line):
            return True
        if is_ingredient_heading(line) or ingredient_likeness(line) >= 2:
            return False
    return False


def _letters(line: str) -> str:
    return re.sub(r"[\W\d_]+", "", line.lower())[-24:]


def _reads_as_method(line: str) -> bool:
    """A row of instructions: a long line that does not read like an ingredient."""
    return len(line.split()) >= 6 and ingredient_likeness(line) < 0


def extract(data: bytes, *, filename: str = "", on_progress: ProgressCallback | None = None) -> Extraction:
    """Find and parse the recipe in a file's bytes; raises an ExtractionError for unusable input."""
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def report(stage: str, percent: int) -> None:
        if on_progress:
            on_progress(stage, max(0, min(100, percent)))

    report("reading", 0)
    mime_type = sniff.sniff_mime(data)
    kind = filetypes.BY_MIME_TYPE.get(mime_type)
    if kind is None:
        raise UnsupportedFileType()
    source = kind.reader(data, report)
    timings["reading"] = _since(started)
    logger.debug("read %s (%s, %d bytes)", filename or "upload", mime_type, len(data))

    step = time.perf_counter()
    report("parsing", 60)
    warnings = list(source.warnings)
    if source.ingredients:
        lines, groups = _declared_lines(source.ingredients, source.ingredient_groups)
        title, yields = source.title, source.yields
    else:
        if not source.text.strip():
            raise NoTextFound()
        found = find_recipe(source.text, from_ocr=source.from_ocr, styled_headings=source.styled_headings)
        lines, groups = found.ingredients, found.groups
        title = source.title or found.title
        yields = source.yields or found.yields
        warnings.extend(found.warnings)
    timings["blocks"] = _since(step)
    if not lines:
        raise NoIngredientsFound()
    if len(lines) > MAX_INGREDIENTS:
        warnings.append(f"Only the first {MAX_INGREDIENTS} of {len(lines)} ingredient lines were kept.")
        lines, groups = lines[:MAX_INGREDIENTS], groups[:MAX_INGREDIENTS]

    step = time.perf_counter()
    ingredients = []
    for index, (line, group) in enumerate(zip(lines, groups, strict=True)):
        ingredients.append(parse_line(line, group))
        if index % 10 == 9:
            report("parsing", 60 + int(40 * (index + 1) / len(lines)))
    timings["parsing"] = _since(step)
    timings["total"] = _since(started)
    report("parsing", 100)
    return Extraction(
        mime_type=mime_type,
        title=title,
        yields=yields,
        ingredients=ingredients,
        warnings=warnings,
        timings=timings,
    )


def _declared_lines(lines: list[str], declared_groups: list[str] | None) -> tuple[list[str], list[str]]:
    """Ingredient lines a page declares and the group of each: the page's own groups when it declares
    them, else the sub-group headings some pages put among the lines (which are left out as lines)."""
    cleaned = [clean_line(line) for line in lines]
    given = declared_groups if declared_groups and len(declared_groups) == len(lines) else [""] * len(lines)
    kept: list[str] = []
    groups: list[str] = []
    heading = ""
    for index, line in enumerate(cleaned):
        following = cleaned[index + 1] if index + 1 < len(cleaned) else ""
        if line.endswith((":", "：")) and is_group_heading(line, following):
            heading = group_name(line)
        elif line:
            kept.append(line)
            groups.append(given[index] or heading)
    return kept, groups


def _since(start: float) -> float:
    return round(time.perf_counter() - start, 4)
