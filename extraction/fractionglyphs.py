"""Vulgar fraction glyphs (½, ¾, ⅓ ...) in OCR'd text, read by their shape.

Tesseract's English model does not know these glyphs: it returns "%", "Y%", "14" and the like. A glyph is
found instead by its shape in the prepared page image - a small raised numeral, a slash, a small numeral on
the baseline - and its two numerals are read on their own, enlarged, in one extra Tesseract run. The
words Tesseract read are then rewritten with the glyph.

Pure functions over numpy arrays; the words are any objects with text, left, top, right and bottom, in
lines with a words list, top and bottom (ocr.py's own).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

# Vulgar fraction glyphs (½, ¾, ...) are outside what Tesseract's English model reads: it returns "%",
# "Y%", "14" and the like. They are found by shape instead - a small raised numeral, then a small numeral
# on the baseline - and their two numerals read on their own.
_FRACTIONS = {
    (1, 2): "\u00bd",
    (1, 3): "\u2153",
    (2, 3): "\u2154",
    (1, 4): "\u00bc",
    (3, 4): "\u00be",
    (1, 5): "\u2155",
    (2, 5): "\u2156",
    (3, 5): "\u2157",
    (4, 5): "\u2158",
    (1, 6): "\u2159",
    (5, 6): "\u215a",
    (1, 8): "\u215b",
    (3, 8): "\u215c",
    (5, 8): "\u215d",
    (7, 8): "\u215e",
}
_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16}
_DIGIT_CONFIG = "--oem 1 --psm 6 -c tessedit_char_whitelist=0123456789"
_SUFFIX = re.compile(r"(?:[-\u2013][A-Za-z].*|[A-Za-z]{2,}[.,;:)]*)$")


@dataclass
class _Fraction:
    """A fraction glyph found in a word: the word (its text is rewritten), what it has before and after
    the glyph, and the glyph's two numerals as pixels."""

    word: object
    prefix: str
    suffix: str
    numerator: np.ndarray  # the numeral's pixels, dark on white
    denominator: np.ndarray


def find_fractions(prepared: np.ndarray, lines: list) -> list[_Fraction]:
    """Fractions in the words of lines, found on prepared (the grey page, dark text on white): words whose
    ink holds a vulgar fraction glyph, a small raised numeral, a slash, a small low one."""
    if not any(len(word.text) <= 8 for line in lines for word in line.words):
        return []
    # Stricter than Otsu's threshold: in a blurred photo the halo between glyphs would join them up.
    otsu, _ = cv2.threshold(prepared, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    core = (prepared < 0.6 * otsu).astype(np.uint8) * 255
    count, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
    if count < 2:
        return []
    ink = _Ink(prepared, labels, stats)
    measured = []
    for line in lines:
        in_line = (ink.tops >= line.top - 4) & (ink.bottoms <= line.bottom + 4)
        in_line &= (ink.lefts >= line.words[0].left - 4) & (ink.rights <= line.words[-1].right + 4)
        heights = ink.heights[in_line]
        line_height = line.bottom - line.top
        line_bottoms = ink.bottoms[in_line][heights >= 0.3 * line_height]
        if heights.size < 3 or line_bottoms.size == 0:
            continue
        baseline = float(np.median(line_bottoms))
        on_baseline = in_line & (np.abs(ink.bottoms - baseline) <= 0.1 * line_height)
        if on_baseline.any():
            measured.append((line, in_line, baseline, float(np.percentile(ink.heights[on_baseline], 90))))
    if not measured:
        return []
    # A line of only small letters ("3/4 cup sugar") shows no capital; the page's usual one stands in.
    page_cap = float(np.median([cap for *_, cap in measured]))
    found = []
    for line, _, baseline, cap in measured:
        cap = max(cap, min(page_cap, 0.9 * (line.bottom - line.top)))
        for index, word in enumerate(line.words):
            if len(word.text) > 8 or (len(word.text) >= 3 and word.text.isalpha()):
                continue
            following = line.words[index + 1 :]
            # Room up to the next word: Tesseract's box of a misread glyph may stop short of its
            # denominator, which cut off at the crop's edge reads as another numeral (a "2" as "4").
            reach = following[0].left - 0.2 * cap if following else word.right + cap
            found.extend(_fractions_in_crop(prepared, word, otsu, baseline, cap, reach))
    return found


def _fractions_in_crop(
    prepared: np.ndarray, word, otsu: float, baseline: float, cap: float, reach: float | None = None
):
    """Fraction glyph candidates in one word, one per ink threshold that shows its parts apart.

    Anti-aliasing and blur join a fraction's parts at one threshold and break them at another, so each
    reading is kept and the first whose numerals make a fraction wins. reach: the x (pixels) the crop of
    a word read as a glyph alone ("%", "Y%") may widen to, up to GLYPH_REACH_SHARE of the capital height.
    """
    top = max(0, int(min(word.top, baseline - 1.3 * cap)) - 2)
    bottom = int(max(word.bottom, baseline + 0.1 * cap)) + 2
    left, right = max(0, word.left - 2), word.right + 2
    if reach is not None and len(word.text) <= MISREAD_GLYPH_CHARS and not word.text.isalnum():
        right = max(right, int(min(reach, word.right + GLYPH_REACH_SHARE * cap)))
    crop = prepared[top:bottom, left:right]
    # Tesseract may also keep only the first numeral ("1" for "1⁄3"); its box still holds them all.
    wide = word.right - word.left >= TWO_NUMERALS_SHARE * cap
    if _FULL_SIZE_READING.match(word.text) and (len(word.text) > 1 or wide):
        # Full-size numerals either side of a full-height slash: no glyph of small numerals is there.
        slashed = _slashed_fraction(crop, word, otsu, baseline - top, cap)
        if slashed:
            return [slashed]
    candidates = []
    for factor in (1.0, 0.6, 0.45, 0.3):
        core = (crop < factor * otsu).astype(np.uint8) * 255
        count, labels, stats, _ = cv2.connectedComponentsWithStats(core, connectivity=8)
        if count < 3:
            continue
        fraction = _fraction_in_word(
            _Ink(crop, labels, stats), word, np.arange(count - 1), baseline - top, cap
        )
        if fraction:
            candidates.append(fraction)
            if len(candidates) == 2:
                break
    return candidates


# A fraction printed with full-size numerals either side of a slash that touches them ("1⁄3" with the
# fraction slash U+2044 in many fonts) is read by Tesseract as digits alone: "13", "14", or "12" for
# "1⁄3". Such a word is looked at for a slash: a straight stroke leaning right by SLASH_LEAN (pixels
# across per pixel up) that runs from the baseline to the capital height, with a numeral either side.
_FULL_SIZE_READING = re.compile(r"^\d{1,3}$")
# A word read as one digit is looked at only when its box is this share of the capital height wide: two
# numerals and a slash are, a digit alone (about 0.6) is not.
TWO_NUMERALS_SHARE = 1.2
SLASH_LEAN = (0.45, 0.9)
# Rows of the stroke's height (its ends left out) in which ink must lie on the stroke's line.
SLASH_COVER = 0.9
# The middle of the slash's height, this share of the capital height either side of half its height, runs
# apart from the numerals it touches at its ends.
SLASH_MIDDLE_SHARE = 0.25
# A stroke wider than this share of the capital height is a numeral's body, not a slash.
SLASH_WIDTH_SHARE = 0.3
# A numeral either side has ink on at least this share of the rows between FULL_ROWS_MARGIN of the capital
# height over the baseline and as far under the capital height: it is full-size (a vulgar fraction glyph's
# numerals are at most 0.72 of the capital height, and "1½" is also read as "12").
FULL_NUMERAL_SHARE = 0.9
FULL_ROWS_MARGIN = 0.15


def _slashed_fraction(crop: np.ndarray, word, otsu: float, baseline: float, cap: float) -> _Fraction | None:
    """A full-size fraction with a slash in one word's crop of the page (see _FULL_SIZE_READING), or None.

    crop: the grey pixels around the word, dark on white; baseline in the crop's rows; cap: the line's
    capital height (pixels). The numerals left and right of the slash are cut out with the slash erased;
    a seven's stroke, which leans the same way, has its bar at the top left of the stroke and no numeral
    right of it.
    """
    ink = crop < otsu
    height, width = ink.shape
    top_row, bottom_row = int(round(baseline - 0.9 * cap)), int(round(baseline - 0.1 * cap))
    if top_row < 0 or bottom_row >= height or bottom_row - top_row < 4:
        return None
    rows = np.arange(top_row, bottom_row + 1)
    # The slash may touch the numerals at its ends: it is thin in the middle of its height.
    middle = np.abs(rows - (baseline - cap / 2)) <= SLASH_MIDDLE_SHARE * cap
    feet = np.arange(width)
    candidates = []
    for lean in np.linspace(*SLASH_LEAN, 10):
        # Every line of this lean at once: one row of x positions per foot, one column per stroke row.
        lines = np.round(feet[:, None] + lean * (baseline - rows)[None, :]).astype(int)
        inside = (lines.min(axis=1) >= 1) & (lines.max(axis=1) < width - 1)
        lines = np.clip(lines, 1, width - 2)
        near = ink[rows, lines] | ink[rows, lines - 1] | ink[rows, lines + 1]
        for foot in np.flatnonzero(inside & (near.mean(axis=1) >= SLASH_COVER)):
            xs = lines[foot]
            runs = _runs_through(ink, rows[middle], xs[middle])
            thin = runs[(runs > 0) & (runs <= SLASH_WIDTH_SHARE * cap)]
            # The line along the stroke crosses thin ink on most rows; one that also cuts through a
            # numeral's foot or top crosses wide runs there.
            if thin.size:
                exact = float(ink[rows, xs].mean())
                candidates.append((thin.size, exact, float(lean), int(foot), float(np.median(thin))))
    middle_rows = int(middle.sum())
    for count, _, lean, foot, stroke in sorted(candidates, reverse=True):
        if count < SLASH_COVER * middle_rows:
            break
        # A stroke as wide as its own lean across the rows is a numeral's body, not a slash.
        if lean * len(rows) < 2 * stroke:
            continue
        numerals = _numerals_beside(crop, ink, (lean, foot, stroke), baseline, cap, top_row)
        if numerals is not None:
            return _Fraction(word, "", "", *numerals)
    return None


def _numerals_beside(
    crop: np.ndarray, ink: np.ndarray, slash: tuple[float, int, float], baseline: float, cap: float, top: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The numerals left and right of a slash (lean, foot, width) as grey pixels with the slash erased,
    when both are full-size, no seven's bar runs left from the slash's top (top: its first row) and no
    two's base right from its foot."""
    lean, foot, stroke = slash
    height, width = ink.shape
    yy, xx = np.mgrid[0:height, 0:width]
    line_x = foot + lean * (baseline - yy)
    half = stroke / 2 + 1
    band = (yy >= baseline - 1.3 * cap) & (yy <= baseline + 0.2 * cap)
    left_side, right_side = ink & band & (xx < line_x - half), ink & band & (xx > line_x + half)
    bar_rows = slice(top, top + max(2, int(0.15 * cap)))
    bar = left_side[bar_rows] & (xx[bar_rows] >= line_x[bar_rows] - half - 0.3 * cap)
    if bar.any(axis=0).sum() >= 0.2 * cap:
        return None
    # A two's stroke leans the same way too, with its base running right from the stroke's foot; a
    # slash's foot has paper to its right before the denominator.
    base_rows = (yy >= baseline - 0.15 * cap) & (yy <= baseline)
    base = right_side & base_rows & (xx <= line_x + half + 0.3 * cap)
    if base.any(axis=0).sum() >= 0.2 * cap:
        return None
    numerals = []
    for side in (left_side, right_side):
        mask = _last_numeral(side)
        # Full-size: ink on nearly every row between the baseline and the capital height (a vulgar
        # glyph's raised or lowered numeral covers about half of them).
        rows = np.arange(int(baseline - (1 - FULL_ROWS_MARGIN) * cap), int(baseline - FULL_ROWS_MARGIN * cap))
        if mask is None or mask[rows[(rows >= 0) & (rows < height)]].any(axis=1).mean() < FULL_NUMERAL_SHARE:
            return None
        numerals.append(_numeral_pixels(crop, mask))
    return numerals[0], numerals[1]


def _runs_through(ink: np.ndarray, rows: np.ndarray, xs: np.ndarray) -> np.ndarray:
    """The width (pixels) of the run of ink through (xs[i], rows[i]) on each row; 0 where it is blank."""
    width = ink.shape[1]
    runs = []
    for y, x in zip(rows, xs, strict=True):
        if not ink[y, x]:
            runs.append(0)
            continue
        left = right = x
        while left > 0 and ink[y, left - 1]:
            left -= 1
        while right < width - 1 and ink[y, right + 1]:
            right += 1
        runs.append(right - left + 1)
    return np.array(runs)


def _last_numeral(mask: np.ndarray) -> np.ndarray | None:
    """The mask cut to its last run of inked columns (the numeral next to the slash; a whole number before
    it, "1 1⁄2" read as one word, is left out); None when it has no ink."""
    columns = np.flatnonzero(mask.any(axis=0))
    if columns.size == 0:
        return None
    gaps = np.flatnonzero(np.diff(columns) > 1)
    start = columns[gaps[-1] + 1] if gaps.size else columns[0]
    mask = mask.copy()
    mask[:, :start] = False
    return mask


def _numeral_pixels(crop: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The grey pixels of crop under mask (grown by a pixel for the glyph's grey rim), the rest whitened,
    cut to the mask's box."""
    rows = np.flatnonzero(mask.any(axis=1))
    columns = np.flatnonzero(mask.any(axis=0))
    grown = cv2.dilate(mask.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    pixels = np.where(grown, crop, 255).astype(np.uint8)
    return pixels[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]


# A glyph alone may have its denominator outside Tesseract's box of it by up to this share of the
# capital height (a denominator is about 0.5 wide).
GLYPH_REACH_SHARE = 0.6


class _Ink:
    """Connected components of the page's ink, with their boxes as arrays."""

    def __init__(self, gray: np.ndarray, labels: np.ndarray, stats: np.ndarray) -> None:
        self.gray, self.labels = gray, labels
        boxes = stats[1:, :4].astype(np.int64)
        self.lefts, self.tops = boxes[:, 0], boxes[:, 1]
        self.rights, self.bottoms = self.lefts + boxes[:, 2], self.tops + boxes[:, 3]
        self.heights, self.widths = boxes[:, 3], boxes[:, 2]

    def pixels(self, i: int, keep: np.ndarray | None = None) -> np.ndarray:
        """Component i (where keep is true) in its grey levels, other ink whitened, tightly cropped."""
        top, bottom, left, right = self.tops[i], self.bottoms[i], self.lefts[i], self.rights[i]
        # The grey rim around the thresholded core is part of the glyph's shape; keep a margin of it.
        pad = 2
        y0, x0 = max(top - pad, 0), max(left - pad, 0)
        region = self.gray[y0 : bottom + pad, x0 : right + pad].copy()
        labels = self.labels[y0 : bottom + pad, x0 : right + pad]
        mine = labels == i + 1
        if keep is not None:
            placed = np.zeros_like(mine)
            placed[top - y0 : bottom - y0, left - x0 : right - x0] = keep
            mine &= placed
        rows, cols = np.nonzero(mine)
        if rows.size == 0:
            return np.zeros((0, 0), dtype=np.uint8)
        erase = cv2.dilate(((labels != 0) & ~mine).astype(np.uint8), np.ones((3, 3), np.uint8))
        region[erase.astype(bool) & ~mine] = 255
        return region[
            max(rows.min() - pad, 0) : rows.max() + 1 + pad, max(cols.min() - pad, 0) : cols.max() + 1 + pad
        ]

    def beside_slash(self, i: int, split_row: float, cap: float, upper: bool) -> np.ndarray | None:
        """The numeral of a component where it touches the fraction slash, with the slash erased.

        The slash is fitted on the rows where it runs alone (below a numerator, above a denominator)
        and followed into the numeral's rows; it must lean like a slash, which letters' stems do not.
        """
        top, bottom, left, right = self.tops[i], self.bottoms[i], self.lefts[i], self.rights[i]
        mask = self.labels[top:bottom, left:right] == i + 1
        split = int(round(split_row - top))
        margin = max(1, int(0.1 * cap))
        slash_rows = range(split + margin, mask.shape[0]) if upper else range(0, max(split - margin, 0))
        ys, centres, widths = [], [], []
        for y in slash_rows:
            xs = np.flatnonzero(mask[y])
            if xs.size:
                ys.append(y)
                centres.append(xs.mean())
                widths.append(xs.size)
        if len(ys) < max(3, 0.15 * cap):
            return None
        slope, intercept = np.polyfit(ys, centres, 1)
        if not -2.0 <= slope <= -0.25:
            return None
        half = float(np.median(widths)) / 2 + 1.5
        yy, xx = np.mgrid[0 : mask.shape[0], 0 : mask.shape[1]]
        line_x = slope * yy + intercept
        side = (xx < line_x - half) if upper else (xx > line_x + half)
        rows = (yy < split) if upper else (yy >= split)
        numeral = self.pixels(i, keep=side & rows)
        return numeral if numeral.shape[0] >= 0.3 * cap else None


def _fraction_in_word(ink: _Ink, word, inside: np.ndarray, baseline: float, cap: float) -> _Fraction | None:
    order = inside[np.argsort(ink.lefts[inside])]
    heights, tops, bottoms, lefts, rights = ink.heights, ink.tops, ink.bottoms, ink.lefts, ink.rights
    split_row = baseline - 0.45 * cap

    def small(i: int) -> bool:
        return 0.3 * cap <= heights[i] <= 0.72 * cap and ink.widths[i] <= 0.8 * cap

    def raised(i: int) -> bool:
        return small(i) and bottoms[i] <= baseline - 0.35 * cap and tops[i] <= baseline - 0.8 * cap

    def low(i: int) -> bool:
        return small(i) and abs(bottoms[i] - baseline) <= 0.15 * cap and tops[i] >= baseline - 0.75 * cap

    def slash_sized(i: int) -> bool:
        # A numeral fused with the slash: as tall as a capital, wider than a digit one.
        return heights[i] >= 0.8 * cap and ink.widths[i] >= 0.5 * cap and tops[i] <= baseline - 0.8 * cap

    for position, i in enumerate(order):
        following = [
            j for j in order[position + 1 :] if lefts[j] <= rights[i] + 0.9 * cap and lefts[j] > lefts[i]
        ]
        numerator = denominator = None
        if raised(i):
            low_ones = [j for j in following if low(j)]
            if low_ones:
                numerator, denominator, last = ink.pixels(i), ink.pixels(low_ones[0]), low_ones[0]
            else:
                fused = [j for j in following if slash_sized(j) and abs(bottoms[j] - baseline) <= 0.15 * cap]
                if fused:
                    numerator, last = ink.pixels(i), fused[0]
                    denominator = ink.beside_slash(last, split_row, cap, upper=False)
        elif slash_sized(i) and bottoms[i] >= baseline - 0.2 * cap:
            low_ones = [j for j in following if low(j) and lefts[j] <= rights[i] + 0.2 * cap]
            if low_ones:
                numerator, denominator, last = None, ink.pixels(low_ones[0]), low_ones[0]
                numerator = ink.beside_slash(i, split_row, cap, upper=True)
        if numerator is None or denominator is None or not numerator.size or not denominator.size:
            continue
        glyph_left, glyph_right = lefts[i] - 0.15 * cap, max(rights[last], rights[i])
        before = [j for j in order if rights[j] <= glyph_left and heights[j] > 0.72 * cap]
        after = [j for j in order if lefts[j] > glyph_right + 0.1 * cap and heights[j] > 0.3 * cap]
        prefix = _leading_digits(word.text, len(before))
        if prefix is None:
            return None
        suffix = ""
        if after:
            match = _SUFFIX.search(word.text)
            if not match:
                return None
            suffix = match.group(0)
        return _Fraction(word, prefix, suffix, numerator, denominator)
    return None


def _leading_digits(text: str, count: int) -> str | None:
    """The whole-number part before a fraction glyph, as read by Tesseract, when it is that long."""
    if count == 0:
        return ""
    head = text[:count].translate(str.maketrans("IlO|o", "11010"))
    return head if head.isdigit() else None


def read_fractions(prepared: np.ndarray, fractions: list[_Fraction], run_tesseract) -> None:
    """Read every fraction's numerals in one Tesseract run, enlarged, one numeral per line; each fraction
    whose numerals make a fraction has its word's text rewritten in place.

    run_tesseract(pixels, config) returns Tesseract's word data (pytesseract's image_to_data dict).
    """
    height, gap = 40, 24
    crops = []
    for fraction in fractions:
        for numeral in (fraction.numerator, fraction.denominator):
            scale = (height - 4) / numeral.shape[0]
            enlarged = cv2.resize(numeral, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
            # A lone narrow "1" is dropped as noise unless it stands in a digit-wide cell.
            side = max(2, (int(0.75 * height) - enlarged.shape[1]) // 2)
            cell = cv2.copyMakeBorder(enlarged, 2, 2, side, side, cv2.BORDER_CONSTANT, value=255)
            # Written twice: a line holding a lone "1" looks like a rule to Tesseract, two of them do not,
            # and the two readings must agree.
            crops.append(np.hstack([cell, np.full((height, height // 3), 255, np.uint8), cell]))
    width = max(crop.shape[1] for crop in crops) + 2 * gap
    strip = np.full((gap + len(crops) * (height + gap), width), 255, dtype=np.uint8)
    for index, crop in enumerate(crops):
        y = gap + index * (height + gap)
        strip[y : y + crop.shape[0], gap : gap + crop.shape[1]] = crop
    # Word boxes are exact where LSTM character boxes are not: each line's word is matched by height.
    data = run_tesseract(strip, _DIGIT_CONFIG)
    read = [""] * len(crops)
    for index, text in enumerate(data["text"]):
        text = (text or "").strip()
        if data["level"][index] != 5 or not text.isdigit():
            continue
        centre = data["top"][index] + data["height"][index] / 2
        slot = int((centre - gap / 2) // (height + gap))
        if 0 <= slot < len(crops):
            read[slot] += text
    numerals = [_numeral(text) for text in read]
    repaired = set()
    for index, fraction in enumerate(fractions):
        top, bottom = numerals[2 * index], numerals[2 * index + 1]
        if not top and bottom and _read_as_glyph_alone(fraction) and _looks_like_one(fraction.numerator):
            top = "1"
        if id(fraction.word) in repaired or not top or not bottom:
            continue
        if not 0 < int(top) < int(bottom) or int(bottom) not in _DENOMINATORS:
            continue
        glyph = _FRACTIONS.get((int(top), int(bottom)), f"{int(top)}/{int(bottom)}")
        fraction.word.text = f"{fraction.prefix}{glyph}{fraction.suffix}"
        repaired.add(id(fraction.word))


# A numerator whose ink is narrower than this share of its height is a one. Tesseract drops a lone
# blurred "1" even written twice; the other numerals are wider. Measured on the fraction glyphs of 60
# layout photos: numerators read as 1 were 0.28-0.69 wide (84 of 132 under 0.55), those read as 2, 3
# or 7 at least 0.55.
ONE_WIDTH_SHARE = 0.55
# Tesseract reads a fraction glyph as at most this many characters ("%", "Ya", "Y%", "¥Y%").
MISREAD_GLYPH_CHARS = 3


def _read_as_glyph_alone(fraction: _Fraction) -> bool:
    """Whether the fraction's word is the glyph alone, as Tesseract misreads it ("Ya", "%", "1Y%"): a
    narrow mark in a word with letters after it (an apostrophe, an "l") is no one."""
    return not fraction.suffix and len(fraction.word.text) <= len(fraction.prefix) + MISREAD_GLYPH_CHARS


def _looks_like_one(numeral: np.ndarray) -> bool:
    """Whether a numeral's pixels (dark on white) are a one by their shape: narrow for their height."""
    if not numeral.size:
        return False
    rows, cols = np.nonzero(numeral < (int(numeral.min()) + 255) / 2)
    if rows.size == 0:
        return False
    return (cols.max() - cols.min() + 1) < ONE_WIDTH_SHARE * (rows.max() - rows.min() + 1)


def _numeral(read: str) -> str:
    """The numeral a strip's line of two copies was read as: both copies alike, or one digit when the
    other copy was dropped (a blurred copy is left out, not read as another digit); else ""."""
    if len(read) == 1:
        return read
    half = len(read) // 2
    return read[:half] if half and read[:half] == read[half:] else ""
