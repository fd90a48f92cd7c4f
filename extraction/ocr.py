"""Optical character recognition for uploaded images and scanned PDF pages.

Pure functions over bytes and Pillow images: no Django import. The image is opened with a pixel cap
(decompression bombs are refused before any pixel is decoded), turned upright from its EXIF
orientation, converted to grayscale, evened out (uneven light, low contrast), scaled so text lines are
the height Tesseract reads best, deskewed, and read by Tesseract with line breaks kept.

Tesseract's time grows with the amount of text, and most of a recipe card's text is its method, which is
not needed. So a caller can pass `enough`: a tall image is then read in two parts, split at a blank band
just below its ingredient list as the shape of its rows shows it, and the second part is read only when
enough(text of the first part) says the first part does not hold what is needed.
"""

from __future__ import annotations

import functools
import io
import logging
import os
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import pytesseract
from PIL import Image, ImageOps, UnidentifiedImageError
from pytesseract import Output

from .columns import TABLE_SHARE
from .errors import CorruptFile, FileTooComplex, NoTextFound
from .fractionglyphs import find_fractions, read_fractions
from .lines import (
    carries_on_by_its_words,
    fix_ocr_numbers,
    is_end_heading,
    is_ingredient_heading,
    starts_with_quantity,
)
from .ocrfix import repair_line
from .vocabulary import (
    AMOUNT_ONLY,
    BULLET,
    DIGIT_START,
    MEASURES,
    NOT_A_CONTINUATION,
    QUANTITY_ONLY,
    WRAP_END,
)

logger = logging.getLogger(__name__)

# Tesseract's OpenMP threads cost several times the CPU for no gain on one page; workers and the CLI set
# this already (settings), but a direct import of this module must not fall back to all cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

# 40 megapixels covers phone photos (12-48 MP) and a page at 600 dpi; anything larger is refused.
MAX_PIXELS = 40_000_000
# Tesseract reads best when a capital letter is about 25 px high; measured glyphs are scaled to this.
TARGET_GLYPH_HEIGHT = 25
# Seconds one Tesseract run may take before the image is refused as too complex.
TESSERACT_TIMEOUT = 60
# psm 3: full page layout, so a two-column page comes out column by column; lines are rebuilt from words.
TESSERACT_CONFIG = "--oem 1 --psm 3"
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
MAX_SKEW_DEGREES = 6.0


def image_to_text(
    data: bytes,
    *,
    lang: str = "eng",
    timeout: float = TESSERACT_TIMEOUT,
    enough: Callable[[str], bool] | None = None,
) -> str:
    """Read the text of a JPEG, PNG, WebP or HEIC/HEIF file, one output line per printed line.

    enough: given the text of the image's top part, whether it holds all the caller needs; when it does,
    the rest of the image is not read.
    """
    image = _open_image(data)
    image = ImageOps.exif_transpose(image)
    return _recognise(image, lang=lang, timeout=timeout, enough=enough)


def page_image_to_text(
    image: Image.Image,
    *,
    lang: str = "eng",
    timeout: float = TESSERACT_TIMEOUT,
    enough: Callable[[str], bool] | None = None,
) -> str:
    """Read the text of one rendered PDF page; enough as for image_to_text."""
    _check_pixels(image.width, image.height)
    return _recognise(image, lang=lang, timeout=timeout, enough=enough)


# ------------------------------------------------------------------------------------------ decoding


def _check_pixels(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise CorruptFile()
    if width * height > MAX_PIXELS:
        raise FileTooComplex()


@functools.cache
def _register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF (iPhone photos) through pillow-heif, once per process."""
    from pillow_heif import register_heif_opener

    # One decoding thread: a worker process has one core; thumbnails and depth maps are never read.
    register_heif_opener(thumbnails=False, depth_images=False, aux_images=False, decode_threads=1)


def _open_image(data: bytes) -> Image.Image:
    """Decode the image, refusing a pixel count over the cap before anything is allocated."""
    _register_heif()
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check only warns below twice its limit; ours is the one that decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            # Image.open reads the header only, so the declared size is known before decoding.
            _check_pixels(*image.size)
            if getattr(image, "n_frames", 1) > 1:
                image.seek(0)  # an animated WebP: the first frame is the picture
            image.load()
    except Image.DecompressionBombError as exc:
        raise FileTooComplex() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFile() from exc
    return image


# ------------------------------------------------------------------------------------- preparation


def _to_gray(image: Image.Image) -> np.ndarray:
    """Grayscale pixels, with transparent areas made white rather than black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode == "I;16" or image.mode == "I":
        image = image.point(lambda v: v / 256)
    return np.asarray(image.convert("L"), dtype=np.uint8)


# Where the paper's brightness is under this share of the page's usual paper, it is the surface under the
# page, not paper: the phone-photo renders put the page on a surface at 35-40% of the paper's brightness,
# and their light falls off by at most 40% across the page, so shadowed paper stays above 55%.
OFF_PAGE_SHARE = 0.5


def _even_out(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness so shadows and gradients go, then stretch the contrast."""
    height, width = gray.shape
    # The background is smooth, so it is estimated on a half-size copy when the image is large.
    shrink = 2 if min(height, width) > 800 else 1
    small = (
        cv2.resize(gray, (width // shrink, height // shrink), interpolation=cv2.INTER_AREA)
        if shrink > 1
        else gray
    )
    # A closing wider than any glyph stroke but far smaller than the page removes the text, leaving paper.
    size = max(15, min(small.shape) // 40) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 3)
    if shrink > 1:
        background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    evened = cv2.divide(gray, cv2.max(background, 1), scale=255)
    # The surface a photographed page lies on is far darker than any paper; divided by its own
    # brightness its grain would come out as ink-like specks, so it is made blank paper instead.
    (paper,) = _percentiles(background, (90,))
    evened[background < OFF_PAGE_SHARE * paper] = 255
    low, high = _percentiles(evened, (1, 99.5))
    if high - low < 1:
        return evened
    # A table of the 256 grey levels: the page is mapped in one pass, with no floating-point copy of it.
    levels = (np.arange(256, dtype=np.float64) - low) * (255.0 / (high - low))
    return cv2.LUT(evened, np.clip(levels, 0, 255).astype(np.uint8))


def _percentiles(gray: np.ndarray, shares: tuple[float, ...]) -> list[float]:
    """np.percentile of a uint8 image (linear interpolation), from its histogram: no sorted copy."""
    counts = cv2.calcHist([gray], [0], None, [256], [0, 256]).ravel()
    cumulative = np.cumsum(counts)
    total = int(cumulative[-1])
    out = []
    for share in shares:
        position = share / 100 * (total - 1)
        below = int(np.floor(position))
        # The grey level of the sorted pixel at each rank: the first level whose count reaches past it.
        lower = int(np.searchsorted(cumulative, below + 1))
        upper = int(np.searchsorted(cumulative, min(below + 2, total)))
        out.append(lower + (position - below) * (upper - lower))
    return out


def _ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark-on-light text pixels as 255, by Otsu's threshold."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def _glyph_height(mask: np.ndarray) -> float | None:
    """Median height of letter-sized connected components, or None when there are too few."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return _glyph_height_of(stats[1:], mask.shape[0])


def _glyph_height_of(stats: np.ndarray, image_height: int) -> float | None:
    """The glyph height from the stats of a mask's components, the background's left out."""
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    widths = stats[:, cv2.CC_STAT_WIDTH]
    areas = stats[:, cv2.CC_STAT_AREA]
    plausible = (heights >= 6) & (heights <= image_height / 4) & (widths <= heights * 4) & (areas >= 12)
    if plausible.sum() < 10:
        return None
    # The upper part of the distribution is capitals and ascenders, the height Tesseract is tuned for.
    return float(np.percentile(heights[plausible], 75))


def _skew_angle(mask: np.ndarray) -> float:
    """The rotation (degrees) that makes text rows sharpest in the horizontal projection profile."""
    height, width = mask.shape
    scale = min(1.0, 900 / max(height, width))
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else mask
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5), key=sharpness)
    best = max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness)
    return float(best)


def _prepare(image: Image.Image) -> np.ndarray:
    gray = _to_gray(image)
    if float(cv2.meanStdDev(gray)[1][0, 0]) < 2:
        raise NoTextFound()
    gray = _even_out(gray)
    mask = _ink_mask(gray)
    glyph = _glyph_height(mask)
    if glyph is None:
        raise NoTextFound()
    factor = TARGET_GLYPH_HEIGHT / glyph
    # Small scans are enlarged; huge photos are reduced, which also saves time. Near 1, leave it.
    factor = min(max(factor, 0.35), 4.0)
    if factor > 1.15 or factor < 0.75:
        _check_pixels(round(gray.shape[1] * factor), round(gray.shape[0] * factor))
        interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation)
        mask = _ink_mask(gray)
    angle = _skew_angle(mask)
    if abs(angle) >= 0.2:
        h, w = gray.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return gray


# ---------------------------------------------------------------------------------- reading in parts

# A row of text whose right end reaches this share of the widest row's is a line of running prose (the
# method); an ingredient line rarely does. One stopping short of SHORT_ROW is list-shaped.
FULL_ROW = 0.8
SHORT_ROW = 0.5
# The ingredient list: the first run of so many rows that are not prose. A later run of so many short
# rows may be another list (a second component's ingredients), which the first part must hold too.
LIST_ROWS = 3
LATER_LIST_ROWS = 4
# So many prose rows in a row start the method.
PROSE_ROWS = 2
# A second part of fewer rows than this is not worth the second Tesseract run it would save.
MIN_REST_ROWS = 4
# A blank strip this many glyph heights wide, down the rows above or below a band, is the gutter between
# two columns: cutting there would interleave the columns' lines, or cut a row of both columns off them.
GUTTER_GLYPHS = 2.0
# Rows either side of a band in which a gutter is looked for.
GUTTER_ROWS = 4


@dataclass
class _Row:
    """One row of text: the vertical extent of its glyphs, and their boxes (left, top, right, bottom)."""

    top: int
    bottom: int
    boxes: np.ndarray

    @property
    def left(self) -> int:
        return int(self.boxes[:, 0].min())

    @property
    def right(self) -> int:
        return int(self.boxes[:, 2].max())


@dataclass
class _Split:
    """Where the first part ends (a pixel row), and the columns that hold the text."""

    row: int
    left: int
    right: int


def _split(prepared: np.ndarray) -> _Split | None:
    """Where to end the first part, or None when the image is best read in one go.

    The first part ends a couple of prose rows below the ingredient list (and below any later run of
    rows shaped like a list), so that it holds the list and the start of the method after it. It ends at
    a band blank across the whole width, with no column gutter just above or below it.
    """
    rows, glyph = _text_rows(prepared)
    if len(rows) < LIST_ROWS + PROSE_ROWS + MIN_REST_ROWS:
        return None
    left = min(row.left for row in rows)
    right = max(row.right for row in rows)
    reach = [(row.right - left) / (right - left) for row in rows]
    full = [value >= FULL_ROW for value in reach]
    lists = _run_ends([not value for value in full], LIST_ROWS)
    if not lists:
        return None
    later_lists = _run_ends([value < SHORT_ROW for value in reach], LATER_LIST_ROWS)
    list_end = max([lists[0], *later_lists])
    prose_end = next(
        (
            i + PROSE_ROWS - 1
            for i in range(list_end + 1, len(rows) - PROSE_ROWS + 1)
            if all(full[i : i + PROSE_ROWS])
        ),
        None,
    )
    if prose_end is None:
        return None
    # Room for a lone digit or mark beside the rows' words, short of a photo's page edge.
    margin = round(2 * glyph)
    for index in range(prose_end, len(rows) - MIN_REST_ROWS):
        above, below = rows[index].bottom, rows[index + 1].top
        if below - above >= 2 and not _gutter_beside(rows, index, prepared.shape[1], glyph):
            return _Split((above + below) // 2, max(0, left - margin), min(prepared.shape[1], right + margin))
    return None


def _run_ends(flags: list[bool], length: int) -> list[int]:
    """The index of the last item of each run of at least length true flags."""
    ends, run = [], 0
    for index, flag in enumerate([*flags, False]):
        if flag:
            run += 1
        else:
            if run >= length:
                ends.append(index - 1)
            run = 0
    return ends


def _text_rows(prepared: np.ndarray) -> tuple[list[_Row], float]:
    """Rows of glyph-sized ink, top to bottom, and the glyph height.

    Only glyph-sized components count, so a photo's page edges, rules and specks of noise neither join
    rows nor fill the blank bands between them.
    """
    boxes, glyph = _glyph_boxes(prepared)
    depth = np.zeros(prepared.shape[0] + 1, dtype=np.int64)
    np.add.at(depth, boxes[:, 1], 1)
    np.add.at(depth, boxes[:, 3], -1)
    covered = np.cumsum(depth)[:-1] > 0
    edges = np.diff(np.concatenate([[0], covered.astype(np.int8), [0]]))
    centres = (boxes[:, 1] + boxes[:, 3]) / 2
    rows = []
    for top, bottom in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
        inside = _words_only(boxes[(centres >= top) & (centres < bottom)], glyph)
        if len(inside):
            rows.append(_Row(int(inside[:, 1].min()), int(inside[:, 3].max()), inside))
    return rows, glyph


def _glyph_boxes(prepared: np.ndarray) -> tuple[np.ndarray, float]:
    """The boxes (left, top, right, bottom; pixels) of glyph-sized ink, and the glyph height.

    Lower-case letters and up count; the noise of a photographed surface is smaller and thinner.
    """
    _, _, stats, _ = cv2.connectedComponentsWithStats(_ink_mask(prepared), connectivity=8)
    stats = stats[1:]
    glyph = _glyph_height_of(stats, prepared.shape[0]) or TARGET_GLYPH_HEIGHT
    heights, areas = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    glyphs = stats[(heights >= 0.5 * glyph) & (heights <= 4 * glyph) & (areas >= 0.1 * glyph**2)]
    boxes = np.column_stack(
        [glyphs[:, 0], glyphs[:, 1], glyphs[:, 0] + glyphs[:, 2], glyphs[:, 1] + glyphs[:, 3]]
    ).astype(np.int64)
    return boxes, glyph


def _words_only(boxes: np.ndarray, glyph: float) -> np.ndarray:
    """The boxes of a row without specks standing apart from any word (noise, a stray mark)."""
    boxes = boxes[np.argsort(boxes[:, 0])]
    reach = np.maximum.accumulate(boxes[:, 2])
    # Groups of boxes separated by more than a few glyphs' width; fewer than three boxes is no word.
    starts = np.flatnonzero(np.concatenate([[True], boxes[1:, 0] - reach[:-1] > 3 * glyph]))
    sizes = np.diff(np.concatenate([starts, [len(boxes)]]))
    keep = np.repeat(sizes >= 3, sizes)
    return boxes[keep]


def _gutter_beside(rows: list[_Row], index: int, width: int, glyph: float) -> bool:
    """Whether a blank vertical strip runs down the rows just above, or just below, the band after
    rows[index]: a band with columns on one side only still cuts the columns' last (or first) row off."""
    above = rows[max(0, index - GUTTER_ROWS + 1) : index + 1]
    below = rows[index + 1 : index + 1 + GUTTER_ROWS]
    return _has_gutter(above, width, glyph) or _has_gutter(below, width, glyph)


def _has_gutter(rows: list[_Row], width: int, glyph: float) -> bool:
    """Whether a blank vertical strip GUTTER_GLYPHS wide runs down all of rows, between their words."""
    if not rows:
        return False
    inked = np.zeros(width, dtype=bool)
    for row in rows:
        for left, _, right, _ in row.boxes:
            inked[left:right] = True
    left = min(row.left for row in rows)
    right = max(row.right for row in rows)
    blank = ~inked[left:right]
    edges = np.diff(np.concatenate([[0], blank.astype(np.int8), [0]]))
    widths = np.flatnonzero(edges == -1) - np.flatnonzero(edges == 1)
    return bool(widths.size) and int(widths.max()) >= GUTTER_GLYPHS * glyph


# ------------------------------------------------------------------------------------- recognition


@dataclass
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int


@dataclass
class _Line:
    words: list[_Word]
    block: tuple[int, int]
    # The cells of a table row (an amount and its name), joined by one space however far apart.
    table_row: bool = False

    @property
    def top(self) -> int:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> int:
        return max(word.bottom for word in self.words)

    @property
    def left(self) -> int:
        return min(word.left for word in self.words)

    @property
    def right(self) -> int:
        return max(word.right for word in self.words)

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def _recognise(
    image: Image.Image, *, lang: str, timeout: float, enough: Callable[[str], bool] | None = None
) -> str:
    prepared = _prepare(image)
    started = time.monotonic()
    split = _split(prepared) if enough is not None else None
    if split is None:
        lines = _read_lines(prepared, lang, timeout)
    else:
        # The parts are cut to the columns that hold text: a photo's margin (the table under the page,
        # noise), read without the rest of the page around it, comes out as stray letters.
        columns = slice(split.left, split.right)
        lines = _read_lines(prepared[: split.row, columns], lang, timeout, left=split.left)
        if not _ends_beside_a_column(lines) and enough(_layout(lines)):
            prepared = prepared[: split.row]
        else:
            remaining = timeout - (time.monotonic() - started)
            if remaining <= 0:
                raise FileTooComplex()
            rest = prepared[split.row :, columns]
            lines += _read_lines(rest, lang, remaining, left=split.left, top=split.row, after=lines)
    fractions = find_fractions(prepared, lines)
    if fractions:
        remaining = max(1.0, timeout - (time.monotonic() - started))
        read_fractions(
            prepared,
            fractions,
            lambda strip, config: _tesseract(
                strip, pytesseract.image_to_data, lang, config, remaining, output_type=Output.DICT
            ),
        )
    text = _layout(lines)
    if not re.search(r"\w\w", text):
        raise NoTextFound()
    return text


def _ends_beside_a_column(lines: list[_Line]) -> bool:
    """Whether the last row of a part's lines holds two cells side by side (words a wide gap apart).

    The part was then cut across columns: a list beside the method, whose rows are as wide as prose,
    may go on below the cut, however complete the list the part holds looks. A last row whose words
    run up to or across the column edge the rows just above it show counts as two cells too.
    """
    if not lines:
        return False
    line_height = float(np.median([line.bottom - line.top for line in lines]))
    rows = _rows_of(lines, line_height)
    if _cell_starts(rows[-1], line_height):
        return True
    # A long item may run to within a word space of the method beside it, or into it: the last row
    # then shows no wide gap, but the rows above show where the second column starts.
    edge = _column_edge(rows, line_height)
    if edge is None or len(rows) < 2:
        return False
    slack = EDGE_SLACK_HEIGHTS * line_height
    words = [word for line in rows[-1] for word in line.words]
    both_sides = any(word.left < edge - slack for word in words) and any(
        word.right > edge + slack for word in words
    )
    above = rows[-2]
    return both_sides and _rows_close(above, rows[-1], line_height) and _has_cell_at(above, edge, line_height)


def _read_lines(
    pixels: np.ndarray,
    lang: str,
    timeout: float,
    *,
    left: int = 0,
    top: int = 0,
    after: list[_Line] | None = None,
) -> list[_Line]:
    """Tesseract's lines in one part of the prepared image, placed where the part is in the whole image.

    after: the lines of the part above, whose last block the first block of this part continues, so that
    the split adds no block break of its own.
    """
    data = _tesseract(
        pixels, pytesseract.image_to_data, lang, TESSERACT_CONFIG, timeout, output_type=Output.DICT
    )
    lines = _vertical_lines_read_again(pixels, _lines(data), lang, timeout)
    lines = _moved(_unread_column_read_again(pixels, lines, lang, timeout), left, top)
    if after and lines:
        shift = after[-1].block[0] - lines[0].block[0]
        for line in lines:
            line.block = (line.block[0] + shift, line.block[1])
    return lines


def _moved(lines: list[_Line], left: int, top: int) -> list[_Line]:
    """The lines with their words' boxes moved right by left and down by top pixels (in place)."""
    for line in lines:
        for word in line.words:
            word.left, word.right = word.left + left, word.right + left
            word.top, word.bottom = word.top + top, word.bottom + top
    return lines


# A "line" Tesseract reads this many times taller than the page's typical line, and taller than wide, is
# a column it took for vertical text: on a typed card, the column of one-digit amounts ("2", "1", "3")
# in front of the list, read as one garbled word ("NPRPRPWHEN"). Cards measured: the column is 10-15
# line heights tall and a glyph wide; no recipe prints words down the page.
VERTICAL_LINE_HEIGHTS = 3.0
# The column is read again as a block of its own lines (one per amount): cut from the page with this
# margin (line heights; the list beside it starts about one line height away) and set on white this wide
# (Tesseract finds no text in a crop cut flush against the glyphs).
VERTICAL_MARGIN_HEIGHTS = 0.2
VERTICAL_PAD_HEIGHTS = 1.0
VERTICAL_RETRY_CONFIG = "--oem 1 --psm 6"


def _vertical_lines_read_again(
    pixels: np.ndarray, lines: list[_Line], lang: str, timeout: float
) -> list[_Line]:
    """Lines with each column Tesseract read as vertical text read again as rows of its own.

    Each amount then is a line beside its ingredient on the same row, which the table join puts back
    together ("2" + "LBS. GROUND BEEF").
    """
    if not lines:
        return lines
    typical = float(np.median([line.bottom - line.top for line in lines]))
    out: list[_Line] = []
    for line in lines:
        height, width = line.bottom - line.top, line.right - line.left
        if height < VERTICAL_LINE_HEIGHTS * typical or height <= width:
            out.append(line)
            continue
        margin, pad = int(VERTICAL_MARGIN_HEIGHTS * typical), int(VERTICAL_PAD_HEIGHTS * typical)
        top, left = max(0, line.top - margin), max(0, line.left - margin)
        piece = pixels[top : line.bottom + margin, left : line.right + margin]
        crop = np.full((piece.shape[0] + 2 * pad, piece.shape[1] + 2 * pad), 255, dtype=pixels.dtype)
        crop[pad : pad + piece.shape[0], pad : pad + piece.shape[1]] = piece
        data = _tesseract(
            crop, pytesseract.image_to_data, lang, VERTICAL_RETRY_CONFIG, timeout, output_type=Output.DICT
        )
        for row in _lines(data):
            for word in row.words:
                word.left, word.right = word.left + left - pad, word.right + left - pad
                word.top, word.bottom = word.top + top - pad, word.bottom + top - pad
            out.append(_Line(row.words, line.block))
    return out


# Page layout analysis may leave out a column of short cells altogether (an Amount | Ingredient table's
# amounts from its fourth row down): their glyphs lie under no word box. Where at least MIN_UNREAD_ROWS
# rows hold such unread ink starting within UNREAD_ALIGN_HEIGHTS glyph heights of one x, that column is
# read again on its own, cut out with UNREAD_MARGIN_HEIGHTS around it, the read words' ink whitened.
MIN_UNREAD_ROWS = 3
UNREAD_ALIGN_HEIGHTS = 1.0
UNREAD_MARGIN_HEIGHTS = 0.3
# A glyph is read when its centre lies in a word box grown by this many glyph heights.
READ_SLACK_HEIGHTS = 0.2
# Unread ink narrower than this share of the glyph height is no glyph (a digit one is about 0.35 wide).
MIN_GLYPH_WIDTH_SHARE = 0.2
# A checkbox read again may come out as a zero, which no table prints as an amount.
_ZERO_AMOUNT = re.compile(r"^[0O]\b")


def _unread_column_read_again(
    pixels: np.ndarray, lines: list[_Line], lang: str, timeout: float
) -> list[_Line]:
    """Lines with a column of text that Tesseract's page layout left out read again as lines of its own.

    pixels: the part of the prepared page the lines were read from (their boxes in its pixels). The lines
    read again come after the others, in a block of their own; only amounts, fraction glyphs as OCR
    misreads them ("Y", "%") and worded lines are kept (a column of checkboxes read again comes out as
    "O" or "0", which says nothing). A number read again beside the full stop of a row ("10" and
    ". Lettuce") numbers that row (see _numbers_its_row).
    """
    column = _unread_column(pixels, lines)
    if column is None:
        return lines
    left, top, right, bottom, glyph = column
    margin, pad = round(UNREAD_MARGIN_HEIGHTS * glyph), round(glyph)
    top, left = max(0, top - margin), max(0, left - margin)
    piece = pixels[top : bottom + margin, left : right + margin].copy()
    for line in lines:
        for word in line.words:
            # Ink Tesseract already read, cut into by the margin, would come out as stray letters.
            piece[
                max(0, word.top - top) : max(0, word.bottom - top),
                max(0, word.left - left) : max(0, word.right - left),
            ] = 255
    crop = cv2.copyMakeBorder(piece, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    data = _tesseract(
        crop, pytesseract.image_to_data, lang, VERTICAL_RETRY_CONFIG, timeout, output_type=Output.DICT
    )
    block = (max((line.block[0] for line in lines), default=0) + 1, 1)
    out = list(lines)
    for row in _lines(data):
        for word in row.words:
            # The crop's own edge may be read as a bracket or bar after the cell.
            word.text = word.text.strip("[]|") or word.text
        text = row.text
        amount = _is_amount_cell(row) and not _ZERO_AMOUNT.match(text)
        if not amount and not _WORD_LETTERS.search(text) and not _FRACTION_READ_AS_TEXT.match(text):
            continue
        for word in row.words:
            word.left, word.right = word.left + left - pad, word.right + left - pad
            word.top, word.bottom = word.top + top - pad, word.bottom + top - pad
        if not _numbers_its_row(row, lines, glyph):
            out.append(_Line(row.words, block))
    return out


# A numbered list's item number read again ("12") whose full stop or bracket the first reading kept as a
# row's first word (". Lettuce"), at most this many glyph heights right of it, is that row's number.
ITEM_MARK_GAP_HEIGHTS = 0.5
_ITEM_MARK = frozenset({".", ")", ",", "·"})


def _numbers_its_row(row: _Line, lines: list[_Line], glyph: float) -> bool:
    """Whether a line read again is a bare number whose mark opens a line already read on its row: the
    two are the row's item number, layout and not the recipe's, and the mark is taken off the row (an
    amount left as the row's first word would be read as the item's quantity: "12. Lettuce")."""
    if len(row.words) != 1 or not row.words[0].text.isdigit():
        return False
    number = row.words[0]
    for line in lines:
        mark = line.words[0]
        if (
            mark.text in _ITEM_MARK
            and 0 <= mark.left - number.right <= ITEM_MARK_GAP_HEIGHTS * glyph
            and _same_row(row, line, glyph)
        ):
            if len(line.words) > 1:
                line.words.pop(0)
            return True
    return False


def _unread_column(pixels: np.ndarray, lines: list[_Line]) -> tuple[int, int, int, int, float] | None:
    """The box (left, top, right, bottom; pixels) of a column of unread ink and the glyph height, or None.

    Unread glyphs are grouped into cells per row of text (_text_rows' rows, gaps of three glyphs); the
    column is the largest set of at least MIN_UNREAD_ROWS cells, one a row, whose left edges line up.
    """
    if not lines:
        return None
    boxes, glyph = _glyph_boxes(pixels)
    if not len(boxes):
        return None
    slack = READ_SLACK_HEIGHTS * glyph
    words = np.array(
        [(word.left, word.top, word.right, word.bottom) for line in lines for word in line.words], dtype=float
    )
    centre_x = (boxes[:, 0] + boxes[:, 2]) / 2
    centre_y = (boxes[:, 1] + boxes[:, 3]) / 2
    read = np.zeros(len(boxes), dtype=bool)
    for word_left, word_top, word_right, word_bottom in words:
        read |= (
            (centre_x >= word_left - slack)
            & (centre_x <= word_right + slack)
            & (centre_y >= word_top - slack)
            & (centre_y <= word_bottom + slack)
        )
    unread = boxes[~read]
    # A photographed page's edge leaves slivers as tall as glyphs and a few pixels wide.
    unread = unread[unread[:, 2] - unread[:, 0] >= MIN_GLYPH_WIDTH_SHARE * glyph]
    if len(unread) == 0:
        return None
    cells: list[tuple[int, int, int, int]] = []
    order = np.argsort((unread[:, 1] + unread[:, 3]) // max(1, round(glyph)) * 1_000_000 + unread[:, 0])
    for left, top, right, bottom in unread[order]:
        if cells:
            c_left, c_top, c_right, c_bottom = cells[-1]
            same_row = abs((top + bottom) - (c_top + c_bottom)) / 2 <= 0.5 * glyph
            if same_row and left - c_right <= 3 * glyph:
                cells[-1] = (c_left, min(c_top, top), max(c_right, right), max(c_bottom, bottom))
                continue
        cells.append((int(left), int(top), int(right), int(bottom)))
    align = UNREAD_ALIGN_HEIGHTS * glyph
    best: list[tuple[int, int, int, int]] = []
    for cell in cells:
        near = [other for other in cells if abs(other[0] - cell[0]) <= align]
        rows = {round((other[1] + other[3]) / 2 / glyph) for other in near}
        if len(rows) >= MIN_UNREAD_ROWS and len(near) > len(best):
            best = near
    if not best:
        return None
    return (
        min(cell[0] for cell in best),
        min(cell[1] for cell in best),
        max(cell[2] for cell in best),
        max(cell[3] for cell in best),
        glyph,
    )


def _tesseract(pixels: np.ndarray, function, lang: str, config: str, timeout: float, **kwargs):
    try:
        return function(pixels, lang=lang, config=config, timeout=timeout, **kwargs)
    except RuntimeError as exc:
        # pytesseract signals its timeout as a RuntimeError; a slow image must not hold a worker.
        if "timeout" in str(exc).lower():
            logger.warning("tesseract timed out after %ss on a %dx%d image", timeout, *pixels.shape[::-1])
            raise FileTooComplex() from exc
        raise


def _lines(data: dict) -> list[_Line]:
    """Tesseract's words grouped into its lines, in reading order."""
    lines: dict[tuple[int, int, int], _Line] = {}
    for index, text in enumerate(data["text"]):
        text = (text or "").strip()
        if not text or data["level"][index] != 5:
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        left, top = data["left"][index], data["top"][index]
        word = _Word(text, left, top, left + data["width"][index], top + data["height"][index])
        lines.setdefault(key, _Line([], key[:2])).words.append(word)
    return list(lines.values())


# Words further apart than this many line heights are in two cells or columns of one row ("2 cups flour"
# and "1 tsp salt", an amount and its name in a table, the list and the method beside it); they are written
# with the wide gap that columns.py reads as a cell edge. Word spaces are about a third of a line height.
CELL_GAP_HEIGHTS = 1.5


# Where at least MIN_EDGE_ROWS rows start a cell after such a gap, within EDGE_SLACK_HEIGHTS of one place,
# a column starts; a word there is a new cell after a gap of EDGE_GAP_HEIGHTS, twice a word space (a long
# item can run to within a glyph or two of the column beside it).
MIN_EDGE_ROWS = 3
EDGE_SLACK_HEIGHTS = 0.5
EDGE_GAP_HEIGHTS = 0.8


def _column_edges(lines: list[_Line], line_height: float) -> list[int]:
    """The x positions (pixels) where at least MIN_EDGE_ROWS rows start a cell after a wide gap."""
    starts = sorted(
        word.left
        for line in lines
        for previous, word in zip(line.words, line.words[1:], strict=False)
        if word.left - previous.right > CELL_GAP_HEIGHTS * line_height
    )
    slack = EDGE_SLACK_HEIGHTS * line_height
    edges: list[int] = []
    for start in starts:
        near = sum(1 for other in starts if abs(other - start) <= slack)
        if near >= MIN_EDGE_ROWS and not any(abs(edge - start) <= slack for edge in edges):
            edges.append(start)
    return edges


def _joined_words(line: _Line, line_height: float, edges: list[int] = ()) -> str:
    """The line's words, with a wide blank (three spaces) where a cell or column edge falls between two."""
    words = line.words
    slack = EDGE_SLACK_HEIGHTS * line_height
    text = words[0].text
    for previous, word in zip(words, words[1:], strict=False):
        gap = word.left - previous.right
        at_edge = gap > EDGE_GAP_HEIGHTS * line_height and any(
            abs(word.left - edge) <= slack for edge in edges
        )
        wide = not line.table_row and (gap > CELL_GAP_HEIGHTS * line_height or at_edge)
        text += "   " if wide else " "
        text += word.text
    return text


# An Amount | Ingredient table: at least this many rows pair a bare amount with a line right of it.
MIN_TABLE_ROWS = 3
# Two lines are on one row when their vertical centres are at most this share of a line height apart.
ROW_CENTRE_SHIFT = 0.4


def _is_amount_cell(line: _Line) -> bool:
    """Whether a line is a bare amount ("2 oz", "1 1/2 cups", "12"), after the usual OCR repairs."""
    text = fix_ocr_numbers(repair_line(line.text))
    return bool(AMOUNT_ONLY.match(text) or QUANTITY_ONLY.match(text))


def _same_row(one: _Line, other: _Line, line_height: float) -> bool:
    shift = abs((one.top + one.bottom) - (other.top + other.bottom)) / 2
    return shift <= ROW_CENTRE_SHIFT * line_height


def _table_rows_joined(lines: list[_Line], line_height: float) -> list[_Line]:
    """Lines with the rows of an Amount | Ingredient table joined, one line per row.

    Tesseract reads a table column by column: the amounts come out as one block and the names as
    another, so no line pairs them. Where at least MIN_TABLE_ROWS bare amounts have a line starting right
    of them on the same row, the blocks those lines belong to are a table: their lines are put in row
    order, and within the rows the pairs span, the lines of a row are joined left to right. The table
    takes the place of its first block.
    """
    pairs: list[tuple[_Line, _Line]] = []
    for line in lines:
        if not _is_amount_cell(line):
            continue
        beside = [
            other
            for other in lines
            if other is not line and other.left > line.right and _same_row(line, other, line_height)
        ]
        if beside:
            pairs.append((line, min(beside, key=lambda other: other.left)))
    if len(pairs) < MIN_TABLE_ROWS:
        return lines
    blocks = {line.block[0] for pair in pairs for line in pair}
    members = [line for line in lines if line.block[0] in blocks]
    first, last = min(pair[0].top for pair in pairs), max(pair[0].bottom for pair in pairs)
    block = members[0].block
    rows = _rows_of(members, line_height)
    table: list[_Line] = []
    for row in rows:
        row.sort(key=lambda line: line.left)
        inside = first <= row[0].bottom and row[0].top <= last
        if inside and len(row) > 1:
            table.append(_Line([word for line in row for word in line.words], block, table_row=True))
        else:
            table.extend(_Line(line.words, block) for line in row)
    out: list[_Line] = []
    for line in lines:
        if line.block[0] not in blocks:
            out.append(line)
        elif line is members[0]:
            out.extend(table)
    return out


# Tesseract reads a bullet or checkbox it does not know as a letter or sign ("©", "@", "O", "g", "»").
# A first word of at most MARK_CHARS characters with no digit, that begins at least MIN_MARK_ROWS rows at
# the same place, with the rows' next words lined up too, is such a mark (Tesseract may cut the column
# into blocks anywhere). One- and two-letter
# words that open sentences are not marks, nor is a fraction glyph Tesseract misread ("Y%", "¥%", "Yq"),
# which shows itself by its signs or by the unit that follows it ("Yq cup").
MARK_CHARS = 2
MIN_MARK_ROWS = 3
MARK_ALIGNMENT_HEIGHTS = 0.3
_SHORT_WORDS = frozenset(
    "a am an as at be by do go he if in is it me my no of oh on or so to up us we".split()
)


_FRACTION_READ_AS_TEXT = re.compile(r"[%¥/]|^[Yy]")
_UNIT_WORD = re.compile(rf"^(?:{MEASURES})\.?$", re.IGNORECASE)


def _could_be_mark(line: _Line) -> bool:
    """Whether the line's first word could be a bullet read as text (see MARK_CHARS)."""
    text = line.words[0].text
    return (
        len(line.words) >= 2
        and len(text) <= MARK_CHARS
        and not any(char.isnumeric() for char in text)
        and not _FRACTION_READ_AS_TEXT.search(text)
        and text.lower() not in _SHORT_WORDS
        and not _UNIT_WORD.match(line.words[1].text)
    )


def _marks_as_bullets(lines: list[_Line], line_height: float) -> list[_Line]:
    """Lines with a column of bullets that OCR read as letters or signs written as "•" (see MARK_CHARS)."""
    slack = MARK_ALIGNMENT_HEIGHTS * line_height
    candidates = [line for line in lines if _could_be_mark(line)]
    marked: set[int] = set()
    for line in candidates:
        column = [
            other
            for other in candidates
            if abs(other.words[0].left - line.words[0].left) <= slack
            and abs(other.words[1].left - line.words[1].left) <= slack
        ]
        if len(column) >= MIN_MARK_ROWS:
            marked.add(id(line))
    if not marked:
        return lines
    out = []
    for line in lines:
        if id(line) in marked:
            mark = line.words[0]
            bullet = _Word("•", mark.left, mark.top, mark.right, mark.bottom)
            line = _Line([bullet, *line.words[1:]], line.block, line.table_row)
        out.append(line)
    return out


# A line set in under the one before by this many line heights (at least, at most) carries on the same
# item: a hanging indent. Measured on cards with typed indents of 1-6 spaces (a space is about 0.3).
HANGING_INDENT_HEIGHTS = (0.4, 2.5)
# A row this many times the block's tightest row pitch below the one before is not the next row.
WRAP_PITCH_SLACK = 1.25


def _block_pitches(lines: list[_Line], line_height: float) -> dict[int, float]:
    """The tightest distance (pixels) between the tops of two rows in a row, per block."""
    pitches: dict[int, float] = {}
    for previous, line in zip(lines, lines[1:], strict=False):
        pitch = line.top - previous.top
        if line.block[0] == previous.block[0] and 0.8 * line_height <= pitch <= 2.5 * line_height:
            pitches[line.block[0]] = min(pitches.get(line.block[0], pitch), pitch)
    return pitches


# A text box's right edge is where the widest of the rows starting at one left edge ends, when at least
# MIN_EDGE_SUPPORT other such rows end within EDGE_SUPPORT_HEIGHTS of it (a column of running text);
# a list's longest item alone shows no edge.
MIN_EDGE_SUPPORT = 2
EDGE_SUPPORT_HEIGHTS = 3.0


def _box_edges(lines: list[_Line], line_height: float) -> dict[int, int]:
    """The right edge (pixels) of the text box each line (by id) sits in, where the rows show one."""
    edges: dict[int, int] = {}
    for line in lines:
        rights = [other.right for other in lines if abs(other.left - line.left) <= line_height]
        edge = max(rights)
        if (
            sum(1 for right in rights if right >= edge - EDGE_SUPPORT_HEIGHTS * line_height)
            > MIN_EDGE_SUPPORT
        ):
            edges[id(line)] = edge
    return edges


def _wrapped_lines_joined(lines: list[_Line], line_height: float) -> list[_Line]:
    """Lines with each row that carries on an item joined to the item's first row (see _carries_on).

    A list narrower than the page wraps a long item onto the next row, set in under its first row
    ("1 tablespoon extra virgin olive" then "   oil"); a list as wide as the page wraps at the page's
    edge. OCR gives the two rows as two lines and loses the indent, which the word boxes still show.
    """
    pitches = _block_pitches(lines, line_height)
    block_edges: dict[int, int] = {}
    for line in lines:
        block_edges[line.block[0]] = max(block_edges.get(line.block[0], 0), line.right)
    box_edges = _box_edges(lines, line_height)
    out: list[_Line] = []
    first: _Line | None = None
    row: _Line | None = None
    for line in lines:
        if (
            first is not None
            and row is not None
            and _carries_on(
                first, row, line, line_height, pitches, (block_edges[row.block[0]], box_edges.get(id(row)))
            )
        ):
            out[-1] = _Line([*out[-1].words, *line.words], out[-1].block, out[-1].table_row)
        else:
            out.append(line)
            first = line
        row = line
    return out


def _carries_on(
    first: _Line,
    row: _Line,
    line: _Line,
    line_height: float,
    pitches: dict[int, float],
    edges: tuple[int, int | None],
) -> bool:
    """Whether line is the next row of the item whose first row is first (row: the row just above).

    line is the next row at the tightest row pitch of the row's block (in that block or another) and
    opens with no amount, bullet or heading of its own, and either
    - it is set in under the first row by HANGING_INDENT_HEIGHTS, and the first row opens with an amount,
      or the row above ends so near its block's right edge (edges[0]) that line's first word could not fit
      after it, or the first row opens with a bullet and line with a lower-case letter or a bracket; or
    - it starts where the first row does, in lower case, the first row opens with a number, and the row
      above ends so near the right edge of its text box (edges[1], None when the rows show none) that
      line's first word could not fit after it.
    """
    if line.table_row or row.text.rstrip().endswith((".", "!", "?", ":")):
        return False
    # Tesseract may start a new block on any row of a list: a line in another block below the row carries
    # on an item as a line of the row's own block would.
    if line.block[0] != row.block[0] and line.top < row.bottom:
        return False
    # A row with no capital or ascender ("sauce") has its box's top lowered by the letters' height, not
    # its bottom, and a row above with descenders the other way round: the nearer distance is the pitch.
    pitch = min(line.top - row.top, line.bottom - row.bottom)
    if not 0 < pitch <= WRAP_PITCH_SLACK * pitches.get(row.block[0], 1.5 * line_height):
        return False
    text = line.text
    # Once its OCR slips are repaired: an item number or checkbox misread before the amount ("0 2 cups",
    # ") 3/4 tsp" for "6) 3/4 tsp") hides that the row opens with an amount.
    repaired = repair_line(text)
    low, high = HANGING_INDENT_HEIGHTS
    indent = line.left - first.left
    hanging = low * line_height <= indent <= high * line_height
    # A number opens the next item, unless the row hangs under the item's first row and the row above
    # ends on a word no item ends on ("about 6 to" then "8 thin slices", "(from 4" then "lemons)").
    carried_number = (
        hanging and bool(DIGIT_START.match(repaired)) and bool(WRAP_END.search(row.text.rstrip()))
    )
    if (
        (NOT_A_CONTINUATION.match(repaired) and not carried_number)
        # A quantity word in lower case hanging under the item ("few slices of avocado") carries it on.
        or (starts_with_quantity(repaired) and not carried_number and not (hanging and text[:1].islower()))
        or BULLET.match(text)
        or is_ingredient_heading(text)
        or is_end_heading(text)
    ):
        return False
    space = 0.3 * line_height
    reach = row.right + space + (line.words[0].right - line.words[0].left) + space
    if hanging:
        if BULLET.match(first.text):
            # Under a bulleted row, a row starting where its text does may be the next item with its
            # small bullet lost; items open with a capital or an amount, carried-on words seldom do.
            return text[:1].islower() or text[:1] == "("
        # Under a row with no amount, the words must carry the item on ("For serving: Fresh parsley,
        # rice" then "or farrow"), as in typed text; a plain name over a list set in ("Spice mix" over
        # "cumin") stays apart.
        return starts_with_quantity(first.text) or reach > edges[0] or carries_on_by_its_words(row.text, text)
    box_edge = edges[1]
    return (
        abs(indent) < low * line_height
        and text[:1].islower()
        and bool(DIGIT_START.match(BULLET.sub("", first.text)))
        and box_edge is not None
        and reach > box_edge
    )


# Columns side by side (two columns of items, the list beside the method or a nutrition panel): a column
# edge is where at least MIN_EDGE_ROWS rows start a cell right of another cell of the same row, whether
# Tesseract gave the row as one line or one line per column. Its left cells must hold words, not only
# item numbers or marks: at least MIN_EDGE_ROWS of them a word of MIN_CELL_LETTERS letters.
MIN_CELL_LETTERS = 3
# A stretch of columns runs on below its last row of two cells through rows of one column only, while
# they follow at most this many line heights apart (a blank line ends it).
COLUMN_ROW_GAP_HEIGHTS = 1.0
_WORD_LETTERS = re.compile(rf"[A-Za-z]{{{MIN_CELL_LETTERS},}}")


def _rows_of(lines: list[_Line], line_height: float) -> list[list[_Line]]:
    """Lines grouped into the page's rows (lines side by side), top to bottom."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda line: line.top + line.bottom):
        if rows and _same_row(rows[-1][0], line, line_height):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def _cell_starts(row: list[_Line], line_height: float) -> list[tuple[int, list[_Word]]]:
    """(x, words left of it) for each cell of a row after its first: a word after a gap wider than
    CELL_GAP_HEIGHTS line heights, within one line or between lines side by side."""
    words = sorted((word for line in row for word in line.words), key=lambda word: word.left)
    return [
        (word.left, words[:index])
        for index, (previous, word) in enumerate(zip(words, words[1:], strict=False), 1)
        if word.left - previous.right > CELL_GAP_HEIGHTS * line_height
    ]


def _column_edge(rows: list[list[_Line]], line_height: float) -> int | None:
    """The x (pixels) where most rows, and at least MIN_EDGE_ROWS, start a second column; None if none."""
    starts = [
        (x, before)
        for row in rows
        if not any(line.table_row for line in row)
        for x, before in _cell_starts(row, line_height)
    ]
    slack = EDGE_SLACK_HEIGHTS * line_height
    best, support = None, 0
    for x, _ in starts:
        near = [before for other, before in starts if abs(other - x) <= slack]
        worded = sum(1 for before in near if any(_WORD_LETTERS.search(word.text) for word in before))
        if len(near) >= MIN_EDGE_ROWS and worded >= MIN_EDGE_ROWS and len(near) > support:
            best, support = x, len(near)
    return best


def _split_at(word: _Word, edge: int) -> tuple[_Word, _Word] | None:
    """A word Tesseract ran across a column edge ("Yukon1." over "Yukon" and "1."), cut where the edge
    falls in proportion to its characters, moved by one where letters turn to digits or case changes."""
    text = word.text
    share = (edge - word.left) / max(1, word.right - word.left)
    cut = round(share * len(text))
    for shift in (0, -1, 1):
        at = cut + shift
        if 0 < at < len(text) and _class_of(text[at - 1]) != _class_of(text[at]):
            cut = at
            break
    if not 0 < cut < len(text):
        return None
    return (
        _Word(text[:cut], word.left, word.top, edge - 1, word.bottom),
        _Word(text[cut:], edge, word.top, word.right, word.bottom),
    )


def _reads_as_table(left: list[_Line], right: list[_Line], line_height: float) -> bool:
    """Whether the two columns' rows pair a bare amount with a name (an Amount | Ingredient table, read
    across its rows), in at least TABLE_SHARE of the rows that have both cells."""
    pairs = [(one, other) for one in left for other in right if _same_row(one, other, line_height)]
    amounts = sum(1 for one, other in pairs if _is_amount_cell(one) or _is_amount_cell(other))
    return bool(pairs) and amounts >= TABLE_SHARE * len(pairs)


def _class_of(char: str) -> str:
    return "digit" if char.isdigit() else "upper" if char.isupper() else "lower" if char.isalpha() else "mark"


def _columns_in_reading_order(lines: list[_Line], line_height: float) -> list[_Line]:
    """Lines with a stretch of two columns read left column first, then right (see _column_edge).

    Tesseract may give a row of both columns as one line, run the last word of a long item into the
    first word of the column beside it, or order its blocks so that a section under the left column
    comes before the right column. Here the rows from the first with a cell at the edge down to the last
    (and on through rows of one column, see COLUMN_ROW_GAP_HEIGHTS; up through rows with a word starting
    at the edge, however near the word before it) are cut at the edge; their left
    parts, then their right parts, take the place of the stretch's first line.
    """
    rows = _rows_of(lines, line_height)
    edge = _column_edge(rows, line_height)
    if edge is None:
        return lines
    slack = EDGE_SLACK_HEIGHTS * line_height
    at_edge = [index for index, row in enumerate(rows) if _has_cell_at(row, edge, line_height)]
    first, last = at_edge[0], at_edge[-1]

    def carries_on(index: int) -> bool:
        row = rows[index]
        if not _rows_close(rows[index - 1], row, line_height) or any(line.table_row for line in row):
            return False
        words = [word for line in row for word in line.words]
        one_column = all(word.left >= edge - slack or word.right < edge - slack for word in words)
        starts_at_edge = any(abs(word.left - edge) <= slack for word in words[1:])
        # A word run across the edge: the row is in the columns if the next row is.
        return one_column or starts_at_edge or (index + 1 < len(rows) and carries_on(index + 1))

    while last + 1 < len(rows) and carries_on(last + 1):
        last += 1
    # A long item may run to within a word space of the column beside it on the stretch's first row too.
    while first > 0 and _opens_at(rows[first - 1], rows[first], edge, line_height):
        first -= 1
    stretch = [line for row in rows[first : last + 1] for line in row]
    if any(line.table_row for line in stretch):
        return lines
    right_block = (max(line.block[0] for line in lines) + 1, 1)
    left_parts: list[_Line] = []
    right_parts: list[_Line] = []
    for row in rows[first : last + 1]:
        for line in sorted(row, key=lambda line: line.left):
            words: list[_Word] = []
            for word in line.words:
                cut = (
                    _split_at(word, edge) if word.left < edge - slack and word.right > edge + slack else None
                )
                words.extend(cut or [word])
            left = [word for word in words if word.left < edge - slack]
            right = [word for word in words if word.left >= edge - slack]
            if left:
                left_parts.append(_Line(left, line.block))
            if right:
                right_parts.append(_Line(right, right_block))
    if _reads_as_table(left_parts, right_parts, line_height):
        return lines
    members = {id(line) for line in stretch}
    out: list[_Line] = []
    placed = False
    for line in lines:
        if id(line) not in members:
            out.append(line)
        elif not placed:
            out.extend([*left_parts, *right_parts])
            placed = True
    return out


def _opens_at(row: list[_Line], below: list[_Line], edge: int, line_height: float) -> bool:
    """Whether a row just above a stretch of columns belongs to it: a word after its first starts at the
    column edge, and the row is at most COLUMN_ROW_GAP_HEIGHTS above the next."""
    if any(line.table_row for line in row):
        return False
    words = sorted((word for line in row for word in line.words), key=lambda word: word.left)
    slack = EDGE_SLACK_HEIGHTS * line_height
    return _rows_close(row, below, line_height) and any(abs(word.left - edge) <= slack for word in words[1:])


def _rows_close(above: list[_Line], below: list[_Line], line_height: float) -> bool:
    """Whether row `below` starts at most COLUMN_ROW_GAP_HEIGHTS line heights under the bottom of `above`."""
    return min(line.top for line in below) - max(line.bottom for line in above) <= (
        COLUMN_ROW_GAP_HEIGHTS * line_height
    )


def _has_cell_at(row: list[_Line], edge: int, line_height: float) -> bool:
    """Whether a cell of row (see _cell_starts) starts within EDGE_SLACK_HEIGHTS line heights of edge (x)."""
    slack = EDGE_SLACK_HEIGHTS * line_height
    return any(abs(x - edge) <= slack for x, _ in _cell_starts(row, line_height))


def _new_paragraph(previous: _Line, line: _Line, line_height: float) -> bool:
    """Whether a blank line goes between two lines: a wide gap, or a new block that does not carry on
    the column of the line above on the next row (Tesseract also cuts a list into blocks mid-way)."""
    gap = line.top - previous.bottom
    if gap > 1.0 * line_height:
        return True
    if line.block[0] == previous.block[0]:
        return False
    return not (gap >= 0 and abs(line.left - previous.left) <= 0.5 * line_height)


def _layout(lines: list[_Line]) -> str:
    """One text line per printed line; a blank line where a new block starts or a wide gap separates.

    A column of bullets read as letters is written as bullets; the rows of an Amount | Ingredient table
    are joined, then the rows of a wrapped item, and a stretch of two columns is read column by column.
    """
    if not lines:
        return ""
    typical = float(np.median([line.bottom - line.top for line in lines]))
    lines = _marks_as_bullets(lines, typical)
    lines = _wrapped_lines_joined(_table_rows_joined(lines, typical), typical)
    lines = _columns_in_reading_order(lines, typical)
    edges = _column_edges(lines, typical)
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _new_paragraph(previous, line, typical):
            out.append("")
        out.append(_joined_words(line, typical, edges))
        previous = line
    return "\n".join(out).strip()
