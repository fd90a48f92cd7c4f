"""Ingredient tables with a header row, rewritten as the lines a cook types.

Recipes kept in a spreadsheet, a Markdown note or a word processor often hold their ingredients in a
table whose first row names the columns:

    | Ingredient   | Amount | Notes   |          Ingredient      Amount    Notes
    |--------------|--------|---------|          Ground beef     1 lb      80/20
    | Ripe bananas | 3      | mashed  |          Onion           1 large   diced

Read row by row, the name comes before its amount and the header reads as an ingredient; read by columns,
the names and the amounts come apart. Where a header row names an ingredient column and an amount column,
each row under it becomes one line in the usual order, "3 Ripe bananas, mashed", and the header becomes the
list's heading. Cells are split by "|", by a tab, or (typed and printed text) by a wide blank, in which case
each cell belongs to the header column it starts under.
"""

from __future__ import annotations

import re

from .lines import is_end_heading, is_ingredient_heading
from .vocabulary import DIGIT_START, INGREDIENT_WORDS

# The words a header cell names its column with, in the languages of the recipes people upload.
_COLUMN_WORDS = {
    "name": rf"(?:{INGREDIENT_WORDS})|items?|names?|foods?|products?|what",
    "amount": r"amounts?|quantity|quantities|qty\.?|measures?|menge|quantité|cantidad|quantità|hoeveelheid|"
    r"how much|weight",
    "unit": r"units?|einheit|unité|unidad|unità|eenheid",
    "note": r"notes?|preparation|prep|comments?|remarks?|details|notizen|hinweis|remarques?|notas?|opmerking",
}
_COLUMN = {kind: re.compile(rf"^(?:{words})$", re.IGNORECASE) for kind, words in _COLUMN_WORDS.items()}
# Spaces that part two cells of a typed row (one or two part words and sentences).
CELL_GAP = 3
# A cell of a typed row may start this many characters left of its header's start.
HEADER_SLACK = 2
# A Markdown table's rule under its header: "|---|:---:|".
_RULE_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def rewrite_tables(text: str) -> str:
    """text with each ingredient table under a header row rewritten one ingredient a line.

    The header row becomes "Ingredients" (or goes, under an ingredient heading of its own), each row
    "amount unit name, note" with empty cells left out, and a Markdown rule row goes. A table ends at a
    blank line or a row split differently from its header. Text without such a header comes back as it is.
    """
    if "|" not in text and "\t" not in text and " " * CELL_GAP not in text:
        return text
    lines = text.splitlines()
    out: list[str] = []
    index = 0
    while index < len(lines):
        header = _header(lines[index])
        if header is None:
            header = _name_first_columns(lines, index)
            if header is not None:
                # A table without a header row: its first row is an ingredient, read like the rest.
                index -= 1
        if header is None:
            out.append(lines[index])
            index += 1
            continue
        separator, columns = header
        above = next((line for line in reversed(out) if line.strip()), "")
        if not is_ingredient_heading(above.strip(" #*")):
            out.append("Ingredients")
        index += 1
        while index < len(lines) and lines[index].strip():
            row = lines[index]
            if _RULE_ROW.match(row.strip()):
                index += 1
                continue
            cells = _row_cells(row, separator, columns)
            if cells is None:
                break
            out.append(_as_line(cells))
            index += 1
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


# A table without a header row is read by its cells: at least this many rows, each split by "|" or a tab,
# with an amount in the same column of this share of them and a name, never an amount, first.
MIN_HEADERLESS_ROWS = 3
HEADERLESS_AMOUNT_SHARE = 0.8
# An amount cell is this many words at most ("1 can (28 oz)"); a longer one is a sentence.
MAX_AMOUNT_CELL_WORDS = 4


def _name_first_columns(lines: list[str], start: int) -> tuple[str, list[tuple[int, str]]] | None:
    """The separator and the columns (index, kind) of a table without a header row that starts at
    lines[start] and gives each row's name first ("Ground beef | 1 lb | 80/20"): the first column is the
    name, the column holding an amount in nearly every row the amount, the others notes. None when the
    rows are not such a table (an amount first is read across by columns.py)."""
    for separator in ("|", "\t"):
        rows = []
        for line in lines[start:]:
            if not line.strip() or separator not in line:
                break
            rows.append([cell for _, cell in _split(line, separator)])
        width = max((len(row) for row in rows), default=0)
        if len(rows) < MIN_HEADERLESS_ROWS or width < 2:
            continue
        # A row may leave its last cells out ("Cumin | 1 tsp |").
        rows = [row + [""] * (width - len(row)) for row in rows]

        def amounts(column: int, rows: list[list[str]] = rows) -> int:
            return sum(
                bool(DIGIT_START.match(row[column])) and len(row[column].split()) <= MAX_AMOUNT_CELL_WORDS
                for row in rows
            )

        amount = max(range(1, width), key=amounts)
        if (
            amounts(amount) < HEADERLESS_AMOUNT_SHARE * len(rows)
            or amounts(0)
            or not all(row[0] for row in rows)
        ):
            continue
        kinds = [
            (column, "name" if column == 0 else "amount" if column == amount else "note")
            for column in range(width)
        ]
        return separator, kinds
    return None


def _split(line: str, separator: str) -> list[tuple[int, str]]:
    """A row's cells with the column each starts at; "|" and tab rows by their separator."""
    if separator == "|":
        inner = line.strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") else inner
        return [(position, cell.strip()) for position, cell in enumerate(inner.split("|"))]
    if separator == "\t":
        return [(position, cell.strip()) for position, cell in enumerate(line.split("\t"))]
    return [
        (match.start(), match.group(0))
        for match in re.finditer(rf"\S+(?: {{1,{CELL_GAP - 1}}}\S+)*", line.expandtabs(8))
    ]


def _header(line: str) -> tuple[str, list[tuple[int, str]]] | None:
    """The row's separator and its columns (start, kind) when it is the header of an ingredient table."""
    stripped = line.strip()
    for separator in ("|", "\t", " "):
        if separator != " " and separator not in stripped:
            continue
        cells = [(start, cell) for start, cell in _split(line, separator) if cell]
        if len(cells) < 2:
            continue
        kinds = []
        for start, cell in cells:
            kind = next(
                (kind for kind, pattern in _COLUMN.items() if pattern.match(cell.strip(" *:_"))), None
            )
            if kind is None:
                return None
            kinds.append((start, kind))
        names = [kind for _, kind in kinds]
        if "name" in names and "amount" in names and len(set(names)) == len(names):
            return separator, kinds
        return None
    return None


def _row_cells(row: str, separator: str, columns: list[tuple[int, str]]) -> dict[str, str] | None:
    """A table row's cells by column kind; None when the row is not split like its header."""
    if separator in "|\t" and separator not in row:
        return None
    cells = [(start, cell) for start, cell in _split(row, separator) if cell]
    if not cells:
        return None
    found: dict[str, str] = {}
    for start, cell in cells:
        if separator == " ":
            under = [kind for column_start, kind in columns if column_start <= start + HEADER_SLACK]
            if not under:
                return None
            kind = under[-1]
        else:
            if start >= len(columns):
                return None
            kind = columns[start][1]
        found[kind] = f"{found[kind]} {cell}" if kind in found else cell
    if (
        separator == " "
        and len(cells) == 1
        and ("name" not in found or is_end_heading(row.strip()) or is_ingredient_heading(row.strip()))
    ):
        return None  # a heading or prose under the table, not a row of it
    return found


def _as_line(cells: dict[str, str]) -> str:
    """One row as a cook types it: "1 lb Ground beef, 80/20"; a note in brackets follows with a space."""
    line = " ".join(cells[kind] for kind in ("amount", "unit", "name") if cells.get(kind))
    note = cells.get("note", "")
    if note:
        line = f"{line} {note}" if note.startswith("(") else f"{line}, {note}"
    return line
