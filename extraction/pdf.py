"""PDF files: the text layer page by page, OCR for pages that only hold a picture of text."""

from __future__ import annotations

import bisect
import ctypes
import io
import itertools
import logging
import re
import statistics
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf.errors import LimitReachedError
from pypdf.generic import IndirectObject, StreamObject

from .errors import CorruptFile, EncryptedFile, FileTooComplex, NoTextFound
from .lines import (
    clean_line,
    closes_bracket_first,
    ends_in_open_bracket,
    is_end_heading,
    is_group_heading,
    is_ingredient_heading,
    is_seasoning_after_item,
    opens_sub_group,
    reads_on,
    starts_with_quantity,
)
from .results import SourceText
from .vocabulary import (
    AMOUNT_AFTER_NAME,
    AMOUNT_ONLY,
    ITEM_MARK,
    NOT_A_CONTINUATION,
    QUANTITY_ONLY,
    UNIT,
    WRAP_END,
)

logger = logging.getLogger(__name__)

# A printed web page with its comments runs to hundreds of pages; the recipe is near the start, so only
# the first MAX_TEXT_PAGES are read. A document longer than MAX_PAGES is not a recipe upload.
MAX_PAGES = 1000
MAX_TEXT_PAGES = 60
MAX_OCR_PAGES = 5  # scanned pages sent to OCR (seconds each)
OCR_DPI = 300
# Pages are read by character position until the text read so far holds this many characters; later
# pages (a long print's comments) are taken in pdfium's order, which keeps a 100-page print under a
# second. Corpus web prints end their ingredient list within the first 22,000 characters.
MAX_MEASURED_CHARS = 40_000
# A page with fewer visible characters than this may be a scan; a document with fewer than
# MIN_DOCUMENT_CHARS in its whole text layer is treated as scanned.
MIN_PAGE_CHARS = 20
MIN_DOCUMENT_CHARS = 200
# Cells of a table row sit further apart than words; this many line heights is still the same row.
MAX_CELL_GAP_EMS = 4.0
# Rows of a page are matched in bands this many points tall when late-drawn pieces are put back.
LATE_PIECE_ROW_STEP = 4.0
# Lines further apart than this many times the column's tightest line pitch are not one wrapped line.
WRAP_PITCH_SLACK = 1.25
# A blank band down a page narrower than this (points) is space between words, not between columns.
MIN_COLUMN_GAP = 12.0
# A line this much larger or smaller, this much bolder or this far in colour (sum of the red, green and
# blue steps) from the line under it is printed as a heading.
HEADING_SIZE_CHANGE = 0.08
HEADING_WEIGHT_STEP = 60
HEADING_COLOUR_CHANGE = 30
# Pdfium inflates a whole stream before it reads it, so a small file whose streams inflate to hundreds of
# megabytes would take that much memory (and more) in the worker. Before pdfium sees a file, each stream's
# inflated size is counted (without keeping the bytes): a stream that is not an image may inflate to at
# most MAX_STREAM_BYTES (recipe pages draw in kilobytes, fonts take a few megabytes); an image's pixels
# (width x height x 4 components) at most MAX_IMAGE_BYTES, the pixel cap of photos, and its data no more
# than its pixels (or MAX_STREAM_BYTES); all streams together at most MAX_INFLATED_BYTES.
MAX_STREAM_BYTES = 32 * 2**20
MAX_IMAGE_BYTES = 4 * 40_000_000
MAX_INFLATED_BYTES = 1024 * 2**20
# Inflated bytes held at once while a stream is counted.
_INFLATE_CHUNK = 2**20
_FLATE = ("/FlateDecode", "/Fl")
# Filters pypdf decodes within its own output limits (pypdf.Configuration); the image codecs (DCT, JPX,
# JBIG2, CCITT) are bounded by the image's declared size instead.
_PYPDF_DECODED = (
    "/LZWDecode",
    "/LZW",
    "/RunLengthDecode",
    "/RL",
    "/ASCII85Decode",
    "/A85",
    "/ASCIIHexDecode",
    "/AHx",
)
# Pdfium's error code for a missing or wrong password.
_PDFIUM_PASSWORD_ERROR = 4

ProgressCallback = Callable[[str, int], None]
# A character's box on the page: left, bottom, right, top (PDF points, y upwards).
Box = tuple[float, float, float, float]


def read_pdf(
    data: bytes, on_progress: ProgressCallback | None = None, enough: Callable[[str], bool] | None = None
) -> SourceText:
    """Read a PDF: the text layer, with scanned pages rendered and OCR'd (within the page caps).

    enough: given the OCR text read so far, whether it already holds all the caller needs (the ingredient
    list with the method after it); scanned pages are then read no further, which saves seconds a page.
    """
    check_stream_sizes(data)
    document = _open(data)
    try:
        page_count = len(document)
        if page_count == 0:
            raise CorruptFile("This PDF has no pages.")
        if page_count > MAX_PAGES:
            raise FileTooComplex(
                f"This PDF has {page_count} pages, more than the {MAX_PAGES} we can read. "
                "Please upload only the pages with the recipe."
            )
        warnings: list[str] = []
        if page_count > MAX_TEXT_PAGES:
            warnings.append(f"Only the first {MAX_TEXT_PAGES} of {page_count} pages were read.")
        readable = min(page_count, MAX_TEXT_PAGES)
        pages: list[str] = []
        headings: set[str] = set()
        chars_read = 0
        for index in range(readable):
            page = document[index]
            try:
                text, page_headings = _page_text(page, measured=chars_read < MAX_MEASURED_CHARS)
                chars_read += len(text)
                pages.append(text)
                headings.update(page_headings)
            finally:
                page.close()
            if on_progress:
                on_progress("reading", 10 + int(40 * (index + 1) / readable))
        used_ocr = False
        # A document with a text layer is born digital: its picture-only pages are photos, not scans.
        if _visible_chars("".join(pages)) < MIN_DOCUMENT_CHARS:
            scanned = [index for index in range(readable) if _visible_chars(pages[index]) < MIN_PAGE_CHARS]
            if len(scanned) > MAX_OCR_PAGES:
                warnings.append(f"Only the first {MAX_OCR_PAGES} scanned pages were read.")
            for done, index in enumerate(scanned[:MAX_OCR_PAGES]):
                if on_progress:
                    on_progress("ocr", 10 + int(50 * done / min(len(scanned), MAX_OCR_PAGES)))
                page = document[index]
                before = "\n\n".join(text for text in pages[:index] if text.strip())
                page_enough = None
                if enough is not None:

                    def page_enough(text: str, before: str = before) -> bool:
                        return enough(f"{before}\n\n{text}" if before else text)

                try:
                    if _has_images(page):
                        pages[index] = _ocr_page(page, page_enough)
                        used_ocr = True
                except NoTextFound:
                    pages[index] = ""
                finally:
                    page.close()
                if page_enough is not None and pages[index] and page_enough(pages[index]):
                    break
    finally:
        document.close()
    text = "\n\n".join(pages)
    if not used_ocr:
        text = "\n".join(_without_watermarks(text.split("\n")))
    if not text.strip():
        raise NoTextFound("We could not find any text in this PDF.")
    return SourceText(text=text, from_ocr=used_ocr, warnings=warnings, styled_headings=frozenset(headings))


def _without_watermarks(lines: list[str]) -> list[str]:
    """A print's lines without those it prints over and over: a photo credit or watermark over every
    picture ("Bianca Zapatka", "Design Rebecca Pollock"). Lines are compared as clean_line leaves them.

    A line is one when it comes at least MIN_WATERMARK_REPEATS times, under at least
    MIN_WATERMARK_CONTEXTS different lines (a list printed several times repeats its lines under the same
    ones), and holds no number, no unit or seasoning, and nothing that heads a list, a section or a
    sub-group ("Ingredients" over each part, "Cake" as a group's name); such a line read inside the
    list became an item or named its group.
    """
    cleaned = [clean_line(line) for line in lines]
    counts = Counter(line for line in cleaned if line)
    above: dict[str, set[str]] = {}
    previous = ""
    for line in cleaned:
        if line:
            if counts[line] >= MIN_WATERMARK_REPEATS:
                above.setdefault(line, set()).add(previous)
            previous = line
    repeated = {
        line
        for line, lines_above in above.items()
        if len(lines_above) >= MIN_WATERMARK_CONTEXTS
        and not any(char.isdigit() for char in line)
        and not UNIT.search(line)
        and not is_ingredient_heading(line)
        and not is_end_heading(line)
        and not is_group_heading(line)
    }
    if not repeated:
        return lines
    return [line for line, clean in zip(lines, cleaned, strict=True) if clean not in repeated]


# A line printed this many times in a print is its furniture (corpus prints: a photo credit 15 to 35 times,
# an author's name 4 to 20 times; a bare ingredient name at most three times, in a list printed twice and
# the post's own notes).
MIN_WATERMARK_REPEATS = 4
MIN_WATERMARK_CONTEXTS = 3


def _visible_chars(text: str) -> int:
    return len("".join(text.split()))


def check_stream_sizes(data: bytes) -> None:
    """Refuse a PDF whose streams inflate past the caps above, before anything inflates them whole.

    data: the PDF's bytes. Raises FileTooComplex (a sentence for the user) for a stream over its cap;
    returns None otherwise. Memory stays near _INFLATE_CHUNK (pypdf's own decoders, for the filters it
    decodes, stop at the cap). A file pypdf cannot parse or decrypt is left to pdfium, which reports it as
    damaged or encrypted.
    """
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return
        total = 0
        offsets = sorted({offset for numbers in reader.xref.values() for offset in numbers.values()})
        for generation, numbers in list(reader.xref.items()):
            for number, offset in list(numbers.items()):
                if _holds_no_stream(data, offset, offsets):
                    continue
                stream = reader.get_object(IndirectObject(number, generation, reader))
                if isinstance(stream, StreamObject):
                    total += _stream_size(stream)
                    if total > MAX_INFLATED_BYTES:
                        raise _too_much()
    except FileTooComplex:
        raise
    except LimitReachedError as error:
        raise _too_much() from error
    except Exception as error:  # noqa: BLE001 - pypdf's view is only a pre-check; pdfium decides
        logger.debug("stream sizes not checked: %r", error)


def _holds_no_stream(data: bytes, offset: int, offsets: list[int]) -> bool:
    """Whether the object written at offset in data surely has no stream, read from its bytes alone.

    offsets: the sorted offsets of every object in the file. A printed web page holds thousands of small
    objects (links, fonts' widths), and parsing each one costs more than reading the page. A stream
    object says "stream" before the next object starts (or the file ends); an object without the word
    there has none.
    """
    if not isinstance(offset, int) or offset < 0:
        return False
    after = bisect.bisect_right(offsets, offset)
    end = offsets[after] if after < len(offsets) else len(data)
    return data.find(b"stream", offset, end) < 0


def _too_much() -> FileTooComplex:
    return FileTooComplex(
        "This PDF holds compressed data far larger than any recipe needs, so it was not opened. "
        "Please save or print the recipe to a new PDF and upload that."
    )


def _stream_size(stream: StreamObject) -> int:
    """The stream's size once its first filter is undone (bytes), stopping just past its cap."""
    image = _entry(stream, "/Subtype") == "/Image"
    cap = MAX_STREAM_BYTES
    if image:
        width, height = int(_entry(stream, "/Width") or 0), int(_entry(stream, "/Height") or 0)
        depth = max(int(_entry(stream, "/BitsPerComponent") or 8), 8) // 8
        pixels_bytes = width * height * 4 * depth
        if pixels_bytes > MAX_IMAGE_BYTES:
            raise _too_much()
        # An image's data never needs to inflate past its pixels (at most four components).
        cap = max(pixels_bytes, MAX_STREAM_BYTES)
    filters = _entry(stream, "/Filter")
    if not filters:
        return 0  # stored as is: its size is in the file
    first = filters[0].get_object() if isinstance(filters, list) else filters
    if first in _FLATE:
        size = _inflated_size(stream._data, cap)
    elif first in _PYPDF_DECODED:
        limits = {
            name: cap
            for name in (
                "zlib_maximum_output_length",
                "lzw_maximum_output_length",
                "run_length_maximum_output_length",
                "array_based_stream_maximum_output_length",
            )
        }
        with pypdf.apply_configuration(**limits):
            size = len(stream.get_data())
    else:
        return 0
    if size > cap:
        raise _too_much()
    return size


def _entry(stream: StreamObject, key: str):
    """A stream dictionary's entry with indirect references followed; None when it is missing."""
    return stream[key] if key in stream else None


def _inflated_size(raw: bytes, cap: int) -> int:
    """Bytes `raw` inflates to (zlib or raw deflate), counted a chunk at a time; stops once past `cap`.

    A stream damaged part way counts what inflated before the damage.
    """
    inflater = zlib.decompressobj()
    total = 0
    pending = raw
    try:
        while True:
            out = inflater.decompress(pending, _INFLATE_CHUNK)
            total += len(out)
            pending = inflater.unconsumed_tail
            if total > cap or inflater.eof or (not out and not pending):
                return total
    except zlib.error:
        return total


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        # Pdfium tries the empty user password itself, so owner-locked PDFs open as usual.
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PDFIUM_PASSWORD_ERROR or "password" in str(error).lower():
            raise EncryptedFile() from error
        raise CorruptFile("This PDF seems to be damaged and could not be opened.") from error


def _page_text(page: pdfium.PdfPage, measured: bool = True) -> tuple[str, set[str]]:
    """The page's text, one printed line per line, with lines a narrow column wrapped joined again,
    and the lines printed in a heading's style.

    measured: whether to rebuild the lines from character positions; otherwise the page's text is taken
    in pdfium's order, with no styles (a fraction of the time).
    """
    textpage = page.get_textpage()
    headings: set[str] = set()
    try:
        text = _indexed_text(textpage)
        if measured:
            lines = _measured_lines(textpage, text)
            lines = _in_reading_order(_rejoin_late_pieces(_join_table_rows(_split_at_gutters(lines))))
            headings = _styled_headings(textpage, lines)
            text = "\n".join(_join_wrapped_lines(lines))
        else:
            text = text.replace(NO_CHAR, "")
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-"), headings


# Stands for a character index that prints nothing: one pdfium adds (a NUL) or the second half of a
# character outside the Basic Multilingual Plane (an emoji), which pdfium counts as two.
NO_CHAR = "\x00"


def _indexed_text(textpage: pdfium.PdfTextPage) -> str:
    """The text layer with exactly one character per pdfium character index.

    Pdfium's text range leaves out the NUL characters it adds and joins the two halves of a character
    outside the Basic Multilingual Plane, so its length no longer matches the character indexes that
    boxes and styles are read by (about half the corpus's printed pages have one such character). Here a
    surrogate pair is one character at its first index and NO_CHAR at its second, and a NUL stays NO_CHAR;
    a page without either is read in one call.
    """
    text = textpage.get_text_range()
    if len(text) == textpage.count_chars():
        return text
    codes = [pdfium_c.FPDFText_GetUnicode(textpage, index) for index in range(textpage.count_chars())]
    chars: list[str] = []
    for index, code in enumerate(codes):
        following = codes[index + 1] if index + 1 < len(codes) else 0
        if 0xD800 <= code < 0xDC00 and 0xDC00 <= following < 0xE000:
            chars.append(chr(0x10000 + ((code - 0xD800) << 10) + (following - 0xDC00)))
        elif code == 0 or 0xD800 <= code < 0xE000:
            chars.append(NO_CHAR)
        else:
            chars.append(chr(code))
    return "".join(chars)


def _styled_headings(textpage: pdfium.PdfTextPage, lines: list[_Line]) -> set[str]:
    """Short lines printed in another size, a bolder weight or another colour than the line under them.

    The style of a line is that of its last character, so a list item with its amount in bold still
    reads as an item.
    """
    measured = lines
    styles = [_style(textpage, line.style_char) if line.style_char >= 0 else None for line in measured]
    headings: set[str] = set()
    for line, style, below in zip(measured, styles, styles[1:], strict=False):
        if style is None or below is None or len(line.text) > 60:
            continue
        (size, weight, colour), (size_below, weight_below, colour_below) = style, below
        if (
            abs(size - size_below) > HEADING_SIZE_CHANGE * size_below
            or weight >= weight_below + HEADING_WEIGHT_STEP
            or sum(abs(a - b) for a, b in zip(colour, colour_below, strict=True)) >= HEADING_COLOUR_CHANGE
        ):
            headings.add(clean_line(line.text))
    return headings


def _style(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, int, tuple[int, int, int]]:
    """A character's font size, weight and fill colour."""
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFText_GetFillColor(textpage, index, red, green, blue, alpha):
        red, green, blue = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    return (
        pdfium_c.FPDFText_GetFontSize(textpage, index),
        pdfium_c.FPDFText_GetFontWeight(textpage, index),
        (red.value, green.value, blue.value),
    )


@dataclass
class _Line:
    text: str
    left: float
    right: float
    bottom: float
    top: float
    first_word_width: float
    space_width: float
    chars: list[tuple[str, Box]] = field(default_factory=list)
    # The index in the text layer of the line's last character, whose font gives the line's style.
    style_char: int = -1
    # The column of the page the line sits in, as the reading-order cuts found it.
    column: int = -1

    @property
    def height(self) -> float:
        return self.top - self.bottom


def _measured_lines(textpage: pdfium.PdfTextPage, text: str) -> list[_Line]:
    """The page's printed lines, rebuilt from character positions, in the order the page draws them.

    Pdfium breaks a line wherever the baseline shifts, so a line that mixes fonts (a quantity in bold,
    a note in a smaller grey face) comes out in pieces. Characters drawn one after another on the same
    row, left to right and close together, are one line here; a table row's cells are joined too.
    """
    lines: list[_Line] = []
    current: list[tuple[str, Box]] = []
    previous: Box | None = None
    pending_space: Box | None = None
    last_index = -1
    boxes = _char_boxes(textpage, text)
    for index, char in enumerate(text):
        if char == NO_CHAR:
            continue
        if char.isspace():
            space = boxes[index]
            if pending_space is None or space[2] > space[0]:
                pending_space = space
            continue
        box = boxes[index]
        if previous is not None:
            height = max(previous[3] - previous[1], box[3] - box[1], 1.0)
            gap = box[0] - previous[2]
            centre_shift = abs(previous[1] + previous[3] - box[1] - box[3]) / 2
            same_row = centre_shift <= 0.4 * height or _raised_or_lowered(previous, box, gap)
            if not same_row or not -0.3 * height <= gap <= MAX_CELL_GAP_EMS * height:
                lines.append(_line_from_chars(_without_letter_spacing(current), last_index))
                current = []
            elif pending_space is not None or gap > 0.15 * height:
                space_box = pending_space if pending_space and pending_space[2] > pending_space[0] else None
                current.append((" ", space_box or (previous[2], previous[1], box[0], previous[3])))
        current.append((char, box))
        previous = box
        last_index = index
        pending_space = None
    if current:
        lines.append(_line_from_chars(_without_letter_spacing(current), last_index))
    return lines


def _without_letter_spacing(chars: list[tuple[str, Box]]) -> list[tuple[str, Box]]:
    """A line's characters without the spaces pdfium puts inside letter-spaced words.

    A heading or button printed letter-spaced ("INGREDIENTS" with a gap after each letter) comes out with
    a space here and there inside its words ("IN G RE D IEN TS", "S P I C Y K ET C H U P"), so it heads
    nothing. Where the letters of a line stand at least LETTER_SPACING_EMS line heights apart (the median
    gap between two neighbouring letters, a space between them or not), a space whose letters stand no further apart
    than LETTER_SPACING_SLACK times that gap is the letter spacing, not a word space (which adds the
    space's own width to it).
    """
    if " " not in (char for char, _ in chars):
        return chars
    letters = [box for char, box in chars if char != " "]
    gaps = [box[0] - previous[2] for previous, box in itertools.pairwise(letters)]
    if len(gaps) < MIN_LETTER_GAPS:
        return chars
    height = max(box[3] for _, box in chars) - min(box[1] for _, box in chars)
    spacing = statistics.median(gaps)
    if spacing < LETTER_SPACING_EMS * height:
        return chars
    kept = [chars[0]]
    for i in range(1, len(chars) - 1):
        char, box = chars[i]
        before, after = chars[i - 1], chars[i + 1]
        if (
            char == " "
            and before[0] != " "
            and after[0] != " "
            and after[1][0] - before[1][2] <= LETTER_SPACING_SLACK * spacing
        ):
            continue
        kept.append(chars[i])
    kept.append(chars[-1])
    return kept


# Letters set apart by at least LETTER_SPACING_EMS line heights are letter-spaced (corpus prints: 0.12-0.14
# in spaced capitals, where a word space leaves 0.5 or more; letters of plain text nearly touch). A line
# needs MIN_LETTER_GAPS such gaps for their median to tell.
LETTER_SPACING_EMS = 0.08
LETTER_SPACING_SLACK = 1.5
MIN_LETTER_GAPS = 3


def _char_boxes(textpage: pdfium.PdfTextPage, text: str) -> list[Box]:
    """The box of each character of the text layer, with ligature glyphs put back where they are printed.

    The loose box spans the font's full height, so boxes on one row line up whatever the glyph.
    """
    rect = pdfium_c.FS_RECTF()
    boxes: list[Box] = []
    sizes: list[float] = []
    for index, char in enumerate(text):
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect)
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if not char.isspace() and char != NO_CHAR and (box[2] <= box[0] or box[3] <= box[1]):
            box = textpage.get_charbox(index)
        boxes.append(box)
        sizes.append(
            0.0 if char.isspace() or char == NO_CHAR else pdfium_c.FPDFText_GetFontSize(textpage, index)
        )
    return _place_displaced_glyphs(text, boxes, sizes)


# Pdfium places the characters of a ligature glyph ("fi", "fl" in a browser's print) in the glyph's own
# space, unscaled and near the page's corner. Measured against its font size, such a box is more than
# DISPLACED_GLYPH_HEIGHT times as tall as the boxes of the rest of its word (corpus web prints: 2.8 times;
# the characters of one word otherwise differ by well under 1.5 between fonts).
DISPLACED_GLYPH_HEIGHT = 2.0


def _place_displaced_glyphs(text: str, boxes: list[Box], sizes: list[float]) -> list[Box]:
    """Boxes with displaced characters moved back into their word.

    text: the text layer; boxes: one (left, bottom, right, top) box per character of text, in points;
    sizes: each character's font size in points (0 for white space). Within a word (characters between
    white space), a run of characters whose boxes are far taller for their size than the word's shortest
    is put just before the character after the run (else just after the one before it), on that
    character's row, each as wide as its own box scaled to the row's height. Returns a new list; the
    arguments are not changed.
    """
    placed = list(boxes)
    for word in re.finditer(r"\S+", text):
        indexes = [i for i in range(word.start(), word.end()) if sizes[i] > 0]
        tallness = {i: (boxes[i][3] - boxes[i][1]) / sizes[i] for i in indexes}
        if len(indexes) < 2 or min(tallness.values()) <= 0:
            continue
        shortest = min(tallness.values())
        displaced = {i for i in indexes if tallness[i] > DISPLACED_GLYPH_HEIGHT * shortest}
        for run in _runs(sorted(displaced)):
            after = next((i for i in indexes if i > run[-1] and i not in displaced), None)
            before = next((i for i in reversed(indexes) if i < run[0] and i not in displaced), None)
            anchor = after if after is not None else before
            row = boxes[anchor]
            widths = [
                (boxes[i][2] - boxes[i][0]) * (row[3] - row[1]) / (boxes[i][3] - boxes[i][1]) for i in run
            ]
            left = row[0] - sum(widths) if anchor == after else row[2]
            for i, width in zip(run, widths, strict=True):
                placed[i] = (left, row[1], left + width, row[3])
                left += width
    return placed


def _runs(indexes: list[int]) -> list[list[int]]:
    """Sorted indexes in runs of consecutive numbers."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _split_at_gutters(lines: list[_Line]) -> list[_Line]:
    """Lines that run across a column gutter cut in two at it.

    A page set in two columns (ingredients left, method right) stores each row's text across both
    columns; where a row's two parts sit close enough they come out as one line ("1 can tomatoes cook
    for 6 minutes"). A gutter shows itself by the lines that start at its right edge on their own: when
    more rows do that than run across it, it is a column edge and not a table's cell (whose rows all run
    across), and each crossing line is cut at a wide blank at the edge.
    """
    starts: dict[int, int] = defaultdict(int)
    for line in lines:
        starts[round(line.left / GUTTER_EDGE_SLACK)] += 1
    edges = sorted(key * GUTTER_EDGE_SLACK for key, count in starts.items() if count >= MIN_GUTTER_LINES)
    if not edges:
        return lines
    out: list[_Line] = []
    for line in lines:
        out.extend(_cut_at_edges(line, edges, lines))
    return out


# A column edge is where at least MIN_GUTTER_LINES lines start, within GUTTER_EDGE_SLACK points, and a line
# is cut there only at a blank at least GUTTER_MIN_GAP_EMS line heights wide (word spaces are about 0.3).
# Measured on the two-column cookbook case and the corpus cards printed to PDF (none of which is cut).
MIN_GUTTER_LINES = 3
GUTTER_EDGE_SLACK = 3.0
GUTTER_MIN_GAP_EMS = 1.0
# At an edge where STRONG_GUTTER_LINES lines start and only the line being cut runs across, a blank of
# STRONG_GUTTER_MIN_GAP_EMS (two word spaces) is enough (the layout set's side_by_side PDFs: a long item
# 0.9 line heights from the method's column, at an edge 11 lines start at).
STRONG_GUTTER_LINES = 6
STRONG_GUTTER_MIN_GAP_EMS = 0.6


def _near_edge(x: float, edges: list[float]) -> bool:
    """Whether x lies within GUTTER_EDGE_SLACK of one of the sorted edges."""
    index = bisect.bisect_left(edges, x - GUTTER_EDGE_SLACK)
    return index < len(edges) and edges[index] <= x + GUTTER_EDGE_SLACK


def _cut_at_edges(line: _Line, edges: list[float], lines: list[_Line]) -> list[_Line]:
    chars = line.chars
    for position in range(1, len(chars)):
        char, box = chars[position]
        if char == " " or not _near_edge(box[0], edges):
            continue
        before = next((chars[i][1] for i in range(position - 1, -1, -1) if chars[i][0] != " "), None)
        if before is None or box[0] - before[2] < STRONG_GUTTER_MIN_GAP_EMS * max(line.height, 1.0):
            continue
        edge = box[0]
        alone = sum(1 for other in lines if abs(other.left - edge) <= GUTTER_EDGE_SLACK)
        across = sum(1 for other in lines if other.left < edge - GUTTER_EDGE_SLACK < edge < other.right)
        if alone <= across:
            continue
        # A narrower blank cuts only at an edge many rows start at that no other line runs across: an item
        # as long as its column, close to the method beside it.
        strong = alone >= STRONG_GUTTER_LINES and across <= 1
        if box[0] - before[2] < GUTTER_MIN_GAP_EMS * max(line.height, 1.0) and not strong:
            continue
        left = list(chars[:position])
        while left and left[-1][0] == " ":
            left.pop()
        return [
            _line_from_chars(left, line.style_char),
            *_cut_at_edges(_line_from_chars(chars[position:], line.style_char), edges, lines),
        ]
    return [line]


# A page is a table of amounts and names when at least this many rows pair a bare amount with a name.
MIN_TABLE_ROWS = 3


def _join_table_rows(lines: list[_Line]) -> list[_Line]:
    """Rows of an Amount | Ingredient table joined into one line each.

    The amount cell sits too far from its name for the two to be one line, and cut into columns the page
    would list every amount before every name. A bare amount ("1 cup", "2") with a line starting to its
    right on the same row is that row's first cell.
    """
    pairs: list[tuple[_Line, _Line]] = []
    for line in lines:
        if not AMOUNT_ONLY.match(line.text.strip()) and not QUANTITY_ONLY.match(line.text.strip()):
            continue
        beside = [
            other
            for other in lines
            if other is not line
            and other.left > line.right
            and abs((other.top + other.bottom) - (line.top + line.bottom)) / 2 <= 0.4 * max(line.height, 1.0)
        ]
        if beside:
            pairs.append((line, min(beside, key=lambda other: other.left)))
    if len(pairs) < MIN_TABLE_ROWS:
        return lines
    names = {id(name): amount for amount, name in pairs}
    amounts = {id(amount) for amount, _ in pairs}
    out = []
    for line in lines:
        if id(line) in amounts:
            continue
        amount = names.get(id(line))
        if amount is not None:
            gap = (" ", (amount.right, amount.bottom, line.left, amount.top))
            joined = _line_from_chars([*amount.chars, gap, *line.chars], line.style_char)
            out.append(joined)
        else:
            out.append(line)
    return out


def _raised_or_lowered(previous: Box, box: Box, gap: float) -> bool:
    """Whether one of two touching characters is a smaller raised or lowered one ("¹⁄₄" built by hand)."""
    previous_height, height = previous[3] - previous[1], box[3] - box[1]
    smaller, larger = sorted((previous_height, height))
    overlap = min(previous[3], box[3]) - max(previous[1], box[1])
    return smaller <= 0.85 * larger and overlap > 0.3 * smaller and gap <= 0.3 * larger


def _rejoin_late_pieces(lines: list[_Line]) -> list[_Line]:
    """Put back at the end of its line a piece the page drew later, out of reading order.

    Browsers paint faded or layered text (an ingredient's note in grey, "(or butter)") after the rest of
    the page, so it comes last in the text layer although it sits right after its line.
    """
    kept: list[_Line] = []
    line_ends: dict[int, list[_Line]] = {}
    for line in lines:
        row = round((line.bottom + line.top) / 2 / LATE_PIECE_ROW_STEP)
        earlier = next(
            (
                candidate
                for key in (row - 1, row, row + 1)
                for candidate in line_ends.get(key, [])
                if candidate is not kept[-1] and _continues_row(candidate, line)
            ),
            None,
        )
        if earlier is None and len(line.text.strip()) <= 3:
            earlier = next((candidate for candidate in kept if _inside_row(candidate, line)), None)
            if earlier is not None:
                # A superscript or subscript the page painted later ("1" and "4" of "¹⁄₄").
                chars = sorted([*earlier.chars, *line.chars], key=lambda item: item[1][0] + item[1][2])
                vars(earlier).update(vars(_line_from_chars(chars, earlier.style_char)))
                continue
        if earlier is None:
            kept.append(line)
            line_ends.setdefault(row, []).append(line)
            continue
        earlier.text = f"{earlier.text} {line.text.strip()}"
        earlier.right = line.right
    return kept


def _in_reading_order(lines: list[_Line]) -> list[_Line]:
    """The page's lines in reading order: columns one after another, each top to bottom.

    A browser paints some parts of a page out of reading order (headings, faded notes, floating boxes),
    so the order of the text layer is not the order on paper. The page is cut recursively along its
    widest blank band: across it between blocks, down it between columns.
    """
    return _xy_cut(lines, itertools.count(1))


def _xy_cut(lines: list[_Line], column_numbers: Iterator[int], column: int = 0) -> list[_Line]:
    """The lines in reading order, each marked with the column it was cut into."""
    if len(lines) <= 1:
        for line in lines:
            line.column = column
        return lines
    rows, row_gap = _split_rows(lines)
    columns, column_gap = _split_columns(lines)
    wide = column_gap >= MIN_COLUMN_GAP and column_gap > row_gap
    if len(columns) > 1 and (wide or (column_gap > 0 and _side_by_side(columns))):
        ordered = []
        for part in columns:
            ordered.extend(_xy_cut(part, column_numbers, next(column_numbers)))
        return ordered
    if len(rows) > 1:
        return [line for row in rows for line in _xy_cut(row, column_numbers, column)]
    for line in lines:
        line.column = column
    return sorted(lines, key=lambda line: (-line.top, line.left))


# A column set close to the one beside it (a narrow ingredient column 1-5 pt from the method) leaves only
# a thin blank band down the page, but its rows stand well apart from the rows beside them: on at least
# MIN_SIDE_BY_SIDE_ROWS rows with a line on both sides, and on SIDE_BY_SIDE_SHARE of them, the blank
# between the two lines is at least SIDE_BY_SIDE_GAP_EMS line heights (a word space is about 0.3; the
# pieces of one line drawn apart are a word space apart or touch). Measured on the corpus web prints.
MIN_SIDE_BY_SIDE_ROWS = 3
SIDE_BY_SIDE_SHARE = 0.75
SIDE_BY_SIDE_GAP_EMS = 0.6


def _side_by_side(columns: list[list[_Line]]) -> bool:
    """Whether parts cut down a thin blank band are columns read one after the other.

    columns: the parts left to right, as _split_columns gives them. They are when each part's rows sit
    beside the next part's rows with a blank on each row far wider than a word space, so that reading
    the rows across would mix two texts.
    """
    for left, right in itertools.pairwise(columns):
        gaps = []
        for line in left:
            beside = [
                other.left - line.right
                for other in right
                if min(line.top, other.top) - max(line.bottom, other.bottom)
                >= 0.5 * min(line.height, other.height)
            ]
            if beside:
                gaps.append(min(beside) / max(line.height, 1.0))
        apart = sum(1 for gap in gaps if gap >= SIDE_BY_SIDE_GAP_EMS)
        if len(gaps) < MIN_SIDE_BY_SIDE_ROWS or apart < SIDE_BY_SIDE_SHARE * len(gaps):
            return False
    return True


def _split_rows(lines: list[_Line]) -> tuple[list[list[_Line]], float]:
    """The lines in bands separated by the widest horizontal blank bands, and that width."""
    ordered = sorted(lines, key=lambda line: -line.top)
    gaps: list[tuple[int, float]] = []
    lowest = ordered[0].bottom
    for index, line in enumerate(ordered[1:], start=1):
        if line.top < lowest:
            gaps.append((index, lowest - line.top))
        lowest = min(lowest, line.bottom)
    return _split_at_widest(ordered, gaps)


def _split_columns(lines: list[_Line]) -> tuple[list[list[_Line]], float]:
    """The lines in columns separated by the widest vertical blank bands, and that width."""
    ordered = sorted(lines, key=lambda line: line.left)
    gaps: list[tuple[int, float]] = []
    rightmost = ordered[0].right
    for index, line in enumerate(ordered[1:], start=1):
        if line.left > rightmost:
            gaps.append((index, line.left - rightmost))
        rightmost = max(rightmost, line.right)
    return _split_at_widest(ordered, gaps)


def _split_at_widest(ordered: list[_Line], gaps: list[tuple[int, float]]) -> tuple[list[list[_Line]], float]:
    if not gaps:
        return [ordered], 0.0
    widest = max(width for _, width in gaps)
    cuts = [index for index, width in gaps if width >= 0.8 * widest]
    parts = [ordered[start:end] for start, end in zip([0, *cuts], [*cuts, len(ordered)], strict=True)]
    return parts, widest


def _inside_row(line: _Line, piece: _Line) -> bool:
    overlap = min(line.top, piece.top) - max(line.bottom, piece.bottom)
    centre = (piece.left + piece.right) / 2
    smaller = piece.height <= 0.85 * line.height
    return smaller and overlap > 0.3 * piece.height and line.left - piece.height < centre < line.right


def _continues_row(earlier: _Line, piece: _Line) -> bool:
    height = max(earlier.height, piece.height, 1.0)
    centre_shift = abs(earlier.bottom + earlier.top - piece.bottom - piece.top) / 2
    gap = piece.left - earlier.right
    return centre_shift <= 0.3 * height and -0.2 * height <= gap <= 0.8 * height


def _line_from_chars(chars: list[tuple[str, Box]], style_char: int = -1) -> _Line:
    text = "".join(char for char, _ in chars).rstrip()
    boxes = [box for char, box in chars if char != " "]
    first_word_end = next((i for i, (char, _) in enumerate(chars) if char == " "), len(chars))
    first_word = [box for _, box in chars[:first_word_end]]
    glyph_width = sum(box[2] - box[0] for box in boxes) / len(boxes)
    return _Line(
        text=text,
        left=min(box[0] for box in boxes),
        right=max(box[2] for box in boxes),
        bottom=min(box[1] for box in boxes),
        top=max(box[3] for box in boxes),
        first_word_width=max(box[2] for box in first_word) - min(box[0] for box in first_word),
        space_width=glyph_width * 0.6,
        chars=chars,
        style_char=style_char,
    )


def _join_wrapped_lines(lines: list[_Line]) -> list[str]:
    """Join each line to the one before when the first word of it could not fit on the line before.

    That is how text wraps in a column: the test needs the column's right edge, taken as the furthest
    right any line starting at the same left edge reaches. Across the page that edge may belong to wider
    text elsewhere, so within the line's own block the nearer edge counts too when the words show the
    line goes on ("2 cups flour," then "sifted"). Wrapped text sits at the column's tightest line pitch;
    list items spaced further apart than that are items of their own, however long the one before.
    """
    measured = lines
    column_right: dict[int, float] = {}
    block_right: dict[tuple[int, int], float] = {}
    for line in measured:
        key = round(line.left / 4)
        for near in (key - 1, key, key + 1):
            column_right[near] = max(column_right.get(near, 0.0), line.right)
            block_right[line.column, near] = max(block_right.get((line.column, near), 0.0), line.right)
    pitches = _line_pitches(measured)
    run_right = _run_rights(measured)

    def wrapped(previous: _Line, line: _Line, first: _Line, earlier: _Line | None) -> bool:
        key = round(previous.left / 4)
        if previous.bottom - line.bottom > WRAP_PITCH_SLACK * pitches[_pitch_key(previous)] + 0.5:
            return False
        tight = earlier is not None and _closer_than_the_items_above(earlier, previous, line)
        # Words that carry on, or a line hanging out to the left under the item's checkbox (its first
        # line set in past the checkbox, every later line under it), show a wrap that the column's own
        # edge confirms.
        hangs = line.left < first.left - 2 * previous.space_width
        if (
            previous is not first
            and _set_in_under(first, previous)
            and abs(line.left - first.left) < first.space_width
        ):
            # Back out at the item's left edge after its hanging lines: the next item.
            return False
        if (
            _set_in_under(first, line)
            and (line.text.strip()[:1].islower() or line.text.strip()[:1] == "(")
            and _wraps_into(previous, line, run_right[id(previous)])
        ):
            # "salt and freshly ground black" then "  pepper, to taste": a lowercase line (or a note in
            # brackets) set in under its item whose first word would not fit within the widest line of
            # the list around it.
            return True
        if (
            line.text.strip()[:1].isupper()
            and run_right[id(previous)] > column_right[key]
            and not _wraps_into(previous, line, run_right[id(previous)])
        ):
            # "Tortilla wraps" then "Soured cream" in a table's name column: the rows around reach further
            # right than the cells that start at this edge, and the capitalised word would have fitted.
            return False
        return _wraps_into(previous, line, column_right[key], at_wrap_pitch=tight) or (
            (reads_on(previous.text, line.text) or hangs)
            and line.column == previous.column
            and _wraps_into(previous, line, block_right[previous.column, key], at_wrap_pitch=tight)
        )

    out: list[str] = []
    previous: _Line | None = None
    earlier: _Line | None = None
    item_first: _Line | None = None
    for line in lines:
        if previous is not None and _UNFINISHED_LINK.search(out[-1]) and _next_row(previous, line):
            # A link's address printed after its text, broken wherever the column ended.
            out[-1] = out[-1].rstrip() + line.text.strip()
        elif previous is not None and (
            wrapped(previous, line, item_first or previous, earlier)
            or (item_first is not None and _hangs_under(item_first, previous, line))
        ):
            joiner = "" if out[-1].endswith("-") and line.text.strip()[:1].islower() else " "
            out[-1] = out[-1].rstrip() + joiner + line.text.strip()
        else:
            out.append(line.text)
            item_first = line
        earlier, previous = previous, line
    return out


# A list that spaces its items further apart than the lines of one item: a line at most this share of the
# items' pitch under the line above is that item's wrapped rest (corpus print: 14.3 pt under items 21.8 pt
# apart).
WRAP_PITCH_SHARE = 0.8


def _closer_than_the_items_above(earlier: _Line, previous: _Line, line: _Line) -> bool:
    """Whether line sits closer under previous than previous under earlier, an item line of the same
    size in the same column: a capitalised word wrapped after a lowercase one ("275 g good quality
    no-peel" then "Seville orange marmalade") then carries the item on."""
    return (
        _next_row(earlier, previous)
        and _same_size(earlier, previous)
        and bool(starts_with_quantity(earlier.text.strip()))
        and previous.bottom - line.bottom < WRAP_PITCH_SHARE * (earlier.bottom - previous.bottom)
    )


# A hanging indent: the lines of one item after its first are set in by at least one space and at most
# HANGING_INDENT_SPACES (what typed cards and narrow boxes use).
HANGING_INDENT_SPACES = 6


def _set_in_under(first: _Line, line: _Line) -> bool:
    """Whether line starts one to HANGING_INDENT_SPACES spaces right of an item's first line."""
    indent = line.left - first.left
    return first.space_width <= indent <= HANGING_INDENT_SPACES * first.space_width + 2.0


def _run_rights(lines: list[_Line]) -> dict[int, float]:
    """For each line (by id), the furthest right of its run: the lines before and after it in the same
    column, at the same size, each on the row under the one before. A list's run ends at a heading of
    another size or a wider gap, so the method below it does not lend the list its width."""
    rights: dict[int, float] = {}
    run: list[_Line] = []

    def close() -> None:
        right = max((line.right for line in run), default=0.0)
        rights.update((id(line), right) for line in run)
        run.clear()

    for line in lines:
        if run and not (_next_row(run[-1], line) and _same_size(run[-1], line)):
            close()
        run.append(line)
    close()
    return rights


def _hangs_under(first: _Line, previous: _Line, line: _Line) -> bool:
    """Whether line carries on an item whose first line is first, set in under it as a hanging indent.

    The item's own first line opens with an amount, the line sits on the next row at the same size, and
    it opens with no bullet of its own, and no amount unless the line above ends mid-phrase ("cream
    cheese," then "about 2 to 3 tablespoons"); the column's right edge need not show a wrap, since a list
    narrower than the page wraps well before it.
    """
    text = line.text.strip()
    return (
        previous.column == line.column
        and bool(starts_with_quantity(first.text.strip()))
        and _set_in_under(first, line)
        and _next_row(previous, line)
        and _same_size(previous, line)
        and not previous.text.rstrip().endswith((".", "!", "?", ":"))
        and not ITEM_MARK.match(text)
        and (
            not (starts_with_quantity(text) or NOT_A_CONTINUATION.match(text))
            or bool(WRAP_END.search(previous.text.rstrip()))
            or ends_in_open_bracket(previous.text)
        )
        and not is_seasoning_after_item(previous.text, text)
    )


# An address in brackets that the line ends inside of: "(https://www.amazon.com/dp/B01?tag=x-".
_UNFINISHED_LINK = re.compile(r"\(https?://[^)\s]*$")


def _same_size(previous: _Line, line: _Line) -> bool:
    """Whether two lines are set in the same size of type: heights within 30% of the first's."""
    return abs(line.height - previous.height) <= 0.3 * max(previous.height, 1.0)


def _next_row(previous: _Line, line: _Line) -> bool:
    return line.column == previous.column and 0 < previous.bottom - line.bottom <= 2.0 * previous.height


def _pitch_key(line: _Line) -> tuple[int, int]:
    return line.column, round(line.height)


def _line_pitches(lines: list[_Line]) -> dict[tuple[int, int], float]:
    """The tightest distance between the baselines of two lines in a row of the same size, per column."""
    pitches: dict[tuple[int, int], float] = {}
    for previous, line in zip(lines, lines[1:], strict=False):
        pitch = previous.bottom - line.bottom
        if (
            line.column == previous.column
            and _same_size(previous, line)
            and 0.8 * previous.height <= pitch <= 2.0 * previous.height
        ):
            key = _pitch_key(previous)
            pitches[key] = min(pitches.get(key, pitch), pitch)
    return defaultdict(lambda: float("inf"), pitches)


def _wraps_into(previous: _Line, line: _Line, column_right: float, *, at_wrap_pitch: bool = False) -> bool:
    """Whether line's first word could not fit at the end of previous within column_right, and the
    words allow line to carry previous on. at_wrap_pitch: line sits closer under previous than the items
    above are spaced, so a capitalised word may carry on a line that ends on a lowercase one."""
    height = max(previous.height, 1.0)
    same_size = _same_size(previous, line)
    next_row = 0 < previous.bottom - line.bottom <= 2.0 * height
    # A wrapped item may also hang out to the left, under the checkbox or bullet of a list.
    aligned = -8 * previous.space_width - 2.0 <= line.left - previous.left <= 6 * previous.space_width + 2.0
    word_did_not_fit = previous.right + previous.space_width + line.first_word_width > column_right - 1.0
    text = line.text.strip()
    return (
        same_size
        and next_row
        and aligned
        and word_did_not_fit
        and (not previous.text.rstrip().endswith((".", "!", "?", ":")) or _note_sentence(previous, text))
        and (not NOT_A_CONTINUATION.match(text) or closes_bracket_first(previous.text, text))
        # "Zest of 1 lemon", "A pinch of salt": a capitalised amount opens the next item.
        and not (text[:1].isupper() and starts_with_quantity(text))
        and (at_wrap_pitch or not _capital_after_item(previous.text, text))
        # "salt and pepper, to taste" under a finished item is the next item, not the item's last words.
        and not is_seasoning_after_item(previous.text, text)
        # "Topping:" set out to the left under the last item of the group before is the next group's heading.
        and not opens_sub_group(previous.text, text)
        and not is_ingredient_heading(text)
        and not is_end_heading(text)
        # "Ingredients" over "butter (ghee, or shortening for greasing the pan)": a heading is complete.
        and not (
            (is_ingredient_heading(previous.text) or is_end_heading(previous.text))
            and not reads_on(previous.text, text)
        )
    )


# A note that runs on after a full stop ("flour, sifted." then "You can also use cake flour if gluten is not
# a concern.") is a sentence of at least NOTE_SENTENCE_WORDS words, after a line that opens with an amount.
NOTE_SENTENCE_WORDS = 5


def _note_sentence(previous: _Line, text: str) -> bool:
    """Whether text, on the row under a full line that ends a sentence, is the next sentence of the same
    item's note rather than an item of its own."""
    return (
        bool(starts_with_quantity(previous.text.strip()))
        and text.endswith((".", "!"))
        and len(text.split()) >= NOTE_SENTENCE_WORDS
        and not starts_with_quantity(text)
    )


# An item's first line runs to this many words; a longer one is a note in prose, where a capital on the
# next line is a proper noun ("similar to the one" then "Taco Bell uses").
MAX_ITEM_LINE_WORDS = 12


def _capital_after_item(previous: str, text: str) -> bool:
    """Whether text opens the next item of a list: a capitalised word under an item that opens with an
    amount and ends on a lowercase word whose sentence does not carry on ("if desired" then "Fresh
    herbs"); a wrapped name goes on in lowercase or after a capitalised word ("King" then "Arthur")."""
    words = previous.split()
    if text[:1].isupper() and AMOUNT_AFTER_NAME.search(previous.rstrip()):
        # "Ground beef, 300 g" then "Flatbreads, ~6": an item written name first ends at its amount.
        return True
    return (
        text[:1].isupper()
        and bool(starts_with_quantity(previous))
        and 0 < len(words) <= MAX_ITEM_LINE_WORDS
        and words[-1][:1].islower()
        and not previous.rstrip().endswith((".", "!", "?"))
        and not reads_on(previous, text)
        and not WRAP_END.search(previous.rstrip())
    )


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _ocr_page(page: pdfium.PdfPage, enough: Callable[[str], bool] | None = None) -> str:
    from .ocr import page_image_to_text

    width, height = page.get_size()
    # Keep huge pages within a sane pixel budget.
    scale = min(OCR_DPI / 72, (30_000_000 / max(width * height, 1)) ** 0.5)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        return page_image_to_text(image, enough=enough)
    finally:
        bitmap.close()
