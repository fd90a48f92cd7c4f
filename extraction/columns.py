"""Text laid out in columns, put in reading order: each column top to bottom, one after the other.

A typed card or a PDF's rows can hold two things side by side: two columns of ingredients ("2 cups flour"
and "1 tsp salt" on one row, as old leaflets and cookbooks print them), the ingredients beside the method,
or the list beside a nutrition panel. Read row by row, the two sides mix. Cells of a row are told apart
by a wide blank (WIDE_GAP spaces or a tab); where enough rows start a cell at the same place, that place is
a column edge, and the rows around it are read left column first.

A table whose cells are an amount and a name ("1 cup" | "flour", "Flour" | "200 g") is not two columns:
its rows are read across, each row one ingredient.
"""

from __future__ import annotations

import re

from .vocabulary import FOREIGN_MEASURES, FRACTIONS, MEASURES

# Spaces between two cells of a row; one or two are how words and sentences are spaced.
WIDE_GAP = 3
# A column edge needs this many rows starting a cell at it (within EDGE_SLACK characters).
MIN_COLUMN_ROWS = 3
EDGE_SLACK = 1
# OCR rows keep a wide blank only where the word boxes show one (ocr.py), so fewer rows show the columns:
# Tesseract often gives a column beside the list as rows of its own after the first one or two.
MIN_OCR_COLUMN_ROWS = 2
# Two rows show a column edge where every cell of both opens with an amount: a short list typed in two
# columns ("125 g butter" beside "60 g cranberries"), never a label beside its value ("Prep time:   10 min").
MIN_MEASURED_COLUMN_ROWS = 2
# A table's rows: this share of the rows with two cells has a bare amount on one side.
TABLE_SHARE = 0.5

# A cell: words with fewer than WIDE_GAP spaces between them (tabs are expanded first).
_CELL = re.compile(rf"\S+(?: {{1,{WIDE_GAP - 1}}}\S+)*")
_BARE_AMOUNT = re.compile(
    rf"^(?:about\s+|approx\.?\s+)?[\d{FRACTIONS}][\d\s/.,{FRACTIONS}-]*(?:\s*(?:c\.|{MEASURES}|{FOREIGN_MEASURES})\.?)?$",
    re.IGNORECASE,
)


_AMOUNT_START = re.compile(rf"^[\d{FRACTIONS}]")


def _cells(line: str) -> list[tuple[int, str]]:
    line = line.expandtabs(8)
    return [(match.start(), match.group(0)) for match in _CELL.finditer(line)]


def in_reading_order(text: str, *, aligned: bool = True) -> str:
    """text with each stretch of rows set in columns rewritten column by column (see the module doc).

    Lines are returned unchanged where no column edge shows; a row's cells are joined by one space
    when they are an amount and a name.
    """
    if "   " not in text and "\t" not in text:
        return text
    lines = text.splitlines()
    cells = [_cells(line) for line in lines]
    if not aligned:
        return _by_cell_order(lines, cells)
    edge = _column_edge(cells)
    if edge is None:
        return text
    rows = [
        index for index, row in enumerate(cells) if any(abs(column - edge) <= EDGE_SLACK for column, _ in row)
    ]
    first, last = rows[0], rows[-1]
    # The stretch runs on while its rows do: a column longer than the other goes on alone.
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    region = range(first, last + 1)
    left = [" ".join(text for column, text in cells[i] if column < edge - EDGE_SLACK) for i in region]
    right = [" ".join(text for column, text in cells[i] if column >= edge - EDGE_SLACK) for i in region]
    paired = [(a, b) for a, b in zip(left, right, strict=True) if a and b]
    amounts = sum(1 for a, b in paired if _BARE_AMOUNT.match(a) or _BARE_AMOUNT.match(b))
    if paired and amounts >= TABLE_SHARE * len(paired):
        middle = [f"{a} {b}".strip() for a, b in zip(left, right, strict=True)]
    else:
        middle = [line for line in left if line] + [""] + [line for line in right if line]
    before = lines[:first]
    after = in_reading_order("\n".join(lines[last + 1 :])).splitlines() if last + 1 < len(lines) else []
    return "\n".join([*before, *middle, *after])


def _by_cell_order(lines: list[str], cells: list[list[tuple[int, str]]]) -> str:
    """Text whose characters do not line up (OCR): the first cell of a row is its left column, the rest
    its right; a stretch of at least MIN_OCR_COLUMN_ROWS rows with two cells, no blank line between them,
    is read left column first, and each later stretch on its own."""
    two = [index for index, row in enumerate(cells) if len(row) >= 2]
    if not two:
        return "\n".join(_joined_cells(cells))
    stretch = two[:1]
    for index in two[1:]:
        if any(not lines[between].strip() for between in range(stretch[-1] + 1, index)):
            break
        stretch.append(index)
    first, last = stretch[0], stretch[-1]
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    region = range(first, last + 1)
    if len(stretch) < MIN_OCR_COLUMN_ROWS:
        middle = _joined_cells(cells[first : last + 1])
    else:
        left = [cells[i][0][1] if cells[i] else "" for i in region]
        right = [" ".join(text for _, text in cells[i][1:]) for i in region]
        paired = [(a, b) for a, b in zip(left, right, strict=True) if a and b]
        amounts = sum(1 for a, b in paired if _BARE_AMOUNT.match(a) or _BARE_AMOUNT.match(b))
        if amounts >= TABLE_SHARE * len(paired):
            middle = [f"{a} {b}".strip() for a, b in zip(left, right, strict=True)]
        else:
            middle = [line for line in left if line] + [""] + [line for line in right if line]
    before = _joined_cells(cells[:first])
    after = _by_cell_order(lines[last + 1 :], cells[last + 1 :]).split("\n") if last + 1 < len(lines) else []
    return "\n".join([*before, *middle, *after])


def _joined_cells(cells: list[list[tuple[int, str]]]) -> list[str]:
    return [" ".join(text for _, text in row) for row in cells]


def _column_edge(cells: list[list[tuple[int, str]]]) -> int | None:
    """The leftmost character column (past the margin) where at least MIN_COLUMN_ROWS rows start a cell
    after a wide gap."""
    starts: dict[int, int] = {}
    for row in cells:
        for column, _ in row[1:]:
            starts[column] = starts.get(column, 0) + 1
    for column in sorted(starts):
        near = sum(count for other, count in starts.items() if abs(other - column) <= EDGE_SLACK)
        if near >= MIN_COLUMN_ROWS:
            return column
    for column in sorted(starts):
        rows = [row for row in cells if any(abs(other - column) <= EDGE_SLACK for other, _ in row[1:])]
        if len(rows) >= MIN_MEASURED_COLUMN_ROWS and all(
            _AMOUNT_START.match(text) for row in rows for _, text in row
        ):
            return column
    return None
