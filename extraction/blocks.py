"""Find a recipe's title, yield and ingredient lines in the plain text of a card, page or scan.

Every block under an ingredient heading and every run of ingredient-shaped lines is a candidate; they are
scored by how list-like they are and the best wins, with the other parts of the same recipe. Lines are
judged by the predicates of lines.py in the words of vocabulary.py; the thresholds here are named with
what they were measured on.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .columns import in_reading_order
from .lines import (
    carries_run_on,
    clean_line,
    ends_in_open_bracket,
    ends_list,
    find_title,
    find_yield,
    fix_ocr_numbers,
    group_name,
    heading_part_name,
    ingredient_likeness,
    is_end_heading,
    is_furniture,
    is_group_heading,
    is_ingredient_heading,
    is_measured_item,
    is_method_line,
    is_numbered_part,
    is_yield_label,
    join_hanging_indents,
    list_likeness,
    name_only,
    names_part_after_a_break,
    names_part_over_sub_group,
    opens_section,
    reads_on,
    shape,
    speaks_to_reader,
    starts_with_quantity,
)
from .ocrfix import is_noise, repair_line
from .tables import rewrite_tables
from .vocabulary import (
    AMOUNT_ONLY,
    AMOUNT_WITH_NOTE,
    DIGIT_START,
    EQUIPMENT_HEADING,
    EQUIVALENT_FIRST,
    FACT_LABEL,
    METHOD_HEADING,
    NOTE_ONLY,
    NOTES_HEADING,
    NUMBERING,
    NUTRITION_LINE,
    PART_HEADING,
    PREPARATION_ONLY,
    QUANTITY_ONLY,
    SEASONING,
    SHARE_ONLY,
    SIZED_NAME,
    STEP,
    UNIT,
    UNIT_ONLY,
    YIELD,
)


@dataclass(frozen=True)
class RecipeText:
    """The parts of a recipe found in text."""

    title: str
    yields: str
    ingredients: list[str]
    warnings: list[str] = field(default_factory=list)
    # The sub-recipe heading each ingredient line sits under ("For the sauce"), "" when none; one per line.
    groups: list[str] = field(default_factory=list)


# A part of a block: the sub-group heading it sits under ("" before any) and its lines.
Segment = tuple[str, list[str]]


@dataclass(frozen=True)
class _Collected:
    """A block's lines in segments, the index where the block ended, and whether the heading of another
    section (not the method) ended it, so that a list after it is no next part of this one."""

    segments: list[Segment]
    end: int
    ended_by_other_section: bool = False


def _collect_block(lines: list[str], start: int, styled: frozenset[str]) -> _Collected:
    """Ingredient lines from start up to the method, in segments split at sub-group headings; returns
    them and the index where the block ended, negated when a heading of another section ended it."""
    segments: list[Segment] = [("", [])]
    blank_run = 0
    index = start

    def collected() -> list[Segment]:
        return [segment for segment in segments if segment[1]]

    def has_items() -> bool:
        return any(items for _, items in segments)

    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            blank_run += 1
            if blank_run >= BLANK_LINES_ENDING_BLOCK and has_items():
                break
            continue
        blank_run = 0
        if is_ingredient_heading(line):
            if has_items():
                # The next heading starts a block of its own ("Frosting ingredients").
                return _Collected(collected(), index - 1)
            continue
        if is_end_heading(line):
            if has_items():
                resumed = _list_resumes_under_stacked_headings(lines, index)
                if resumed is None:
                    break
                index = resumed
            continue
        next_line = next((n for n in lines[index : index + 2] if n), "")
        if (
            has_items()
            and is_ingredient_heading(next_line)
            and not heading_part_name(next_line)
            and _names_a_part(line)
        ):
            # The name of the next part, over its own heading ("Pork Broth" over "Ingredients"); a heading
            # that names its part itself ("Peppermint Dip Ingredients") has the list's last item above it.
            return _Collected(collected(), index - 1)
        # "1/2" alone is a page counter in a print's footer, but over a name it is that item's amount.
        amount_over_name = bool(QUANTITY_ONLY.match(line)) and next_line and not DIGIT_START.match(next_line)
        above = next((n for n in reversed(lines[start : index - 1]) if n), "")
        if (
            (is_furniture(line) and not amount_over_name)
            # A card's facts stacked in the list's column: the value under its label ("Servings" over
            # "4 Sandwiches").
            or FACT_LABEL.match(above)
            or is_yield_label(line)
            or NUTRITION_LINE.match(line)
            or speaks_to_reader(line)
        ):
            continue
        following = [n for n in lines[index : index + 4] if n]
        heading = is_group_heading(line, next_line, styled_as_heading=line in styled)
        heading = heading or names_part_over_sub_group(line, following, styled_as_heading=line in styled)
        heading = heading or (
            index - 2 > start and not lines[index - 2] and names_part_after_a_break(line, next_line)
        )
        # A name printed under its amount ("4 cups" over "Spring Mix") is that amount's ingredient.
        under_amount = bool(AMOUNT_ONLY.match(above) or QUANTITY_ONLY.match(above)) and not line.endswith(":")
        if (
            heading
            and not under_amount
            and not (_bare_amount(next_line) and _names_over_amounts_from(lines, index - 1))
        ):
            segments.append((group_name(line), []))
            continue
        if has_items() and line in styled and ends_list(line, lines[index : index + 12]):
            # A heading with no measured line under it opens another section ("Kitchen Tools", a site's
            # menu), so a list that follows is not the next part of this one.
            return _Collected(collected(), index, ended_by_other_section=True)
        if is_method_line(line) or opens_section(line):
            if has_items():
                break
            continue
        segments[-1][1].append(line)
    return _Collected(collected(), index)


def _list_resumes_under_stacked_headings(lines: list[str], after: int) -> int | None:
    """Where the list goes on when an end heading is stacked over more headings with nothing between
    them, and measured ingredient lines follow the stack; None when the heading ends the list.

    A card whose list runs over a page break prints the next page's column headings ("Instructions",
    "Notes") first, before the rest of the list; a heading with no line of its own heads nothing yet.
    after: the index of the line after the first heading.
    """
    index, stacked = after, 0
    while index < len(lines):
        line = lines[index]
        if not line or is_furniture(line):
            index += 1
        elif is_end_heading(line) or is_ingredient_heading(line):
            stacked += 1
            index += 1
        else:
            break
    if stacked == 0 or index >= len(lines):
        return None
    line = lines[index]
    measured = DIGIT_START.match(line) and ingredient_likeness(line) >= RUN_LIKENESS
    return index if measured and not is_method_line(line) else None


def _names_a_part(line: str) -> bool:
    """A short line with no amount that can name a part of a recipe."""
    return (
        len(line.split()) <= MAX_PART_NAME_WORDS
        and not DIGIT_START.match(line)
        and not line.endswith((".", ",", ";"))
        and line[:1].isupper()
    )


# A part's name over its ingredient heading runs to this many words ("Cream Cheese Gingerbread Dip").
MAX_PART_NAME_WORDS = 6


# Three blank lines in a row end a block under a heading (typed cards leave one between groups).
BLANK_LINES_ENDING_BLOCK = 3


def _block_score(items: list[str]) -> float:
    """How much a block looks like an ingredient list: lines with quantities count most.

    Lines of bare names count for little unless quantities show the block is a list of ingredients,
    so that a menu of names ("Popular ingredients", site navigation) never outweighs a real list.
    """
    likeness = [ingredient_likeness(item) for item in items]
    shapes = Counter(shape(item) for item in items)
    # The same line with other numbers, over and over ("01 of 107", "4.5 stars"), is a counter, not a list;
    # a repeated measured line ("½ tsp salt" in three parts of a recipe) is not.
    likeness = [
        -1.0 if shapes[shape(item)] >= 3 and not UNIT.search(item) else value
        for item, value in zip(items, likeness, strict=True)
    ]
    with_quantity = sum(1 for value in likeness if value >= 2)
    plain = sum(1 for value in likeness if 0 < value < 2)
    bad = len(items) - with_quantity - plain
    share = with_quantity / max(len(items), 1)
    return with_quantity + plain * (0.05 + 0.35 * min(1.0, 2 * share)) - bad


def _join_split_quantities(items: list[str]) -> list[str]:
    """Join a quantity printed on a line of its own ("2" then "cups flour", "1" then "⁄2 cup oil")."""
    joined: list[str] = []
    # A list that opens with a bare name over an amount prints each name first ("Pine nuts" then "70 g").
    name_first = len(items) >= 2 and not DIGIT_START.match(items[0]) and bool(DIGIT_START.match(items[1]))
    amount_first = bool(items) and bool(AMOUNT_ONLY.match(items[0]) or QUANTITY_ONLY.match(items[0]))
    names_over_amounts = _names_over_bare_amounts(items)
    row_joined = False
    for item in items:
        if names_over_amounts and (UNIT_ONLY.match(item) or SHARE_ONLY.match(item)):
            # The header of the amounts' column ("KG") or of their shares ("%"), printed over the first name.
            continue
        if names_over_amounts and row_joined and _bare_amount(item):
            # A third cell of the row under the name and its amount: the amount's share ("50.00").
            continue
        row_joined = False
        if joined and names_over_amounts and _bare_amount(item) and not DIGIT_START.match(joined[-1]):
            # Each name with the bare amount printed under it, read amount first as an ingredient line;
            # a note printed after the amount ("1 item(s), large") goes after the name.
            noted = AMOUNT_WITH_NOTE.match(item)
            if noted and noted.group("note"):
                joined[-1] = f"{noted.group('amount')} {joined[-1]}, {noted.group('note')}"
            else:
                joined[-1] = f"{item} {joined[-1]}"
            row_joined = True
        elif joined and item.startswith(("⁄", "/")) and joined[-1][-1:].isdigit():
            joined[-1] = joined[-1] + item
        elif (
            joined
            and QUANTITY_ONLY.match(joined[-1])
            and (not DIGIT_START.match(item) or SIZED_NAME.match(item))
        ):
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and not name_first and _amount_before_name(joined, item, amount_first):
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and _closes_open_bracket(joined[-1], item):
            # The rest of a line whose note the page wrapped: "... (I used Bob's 1-to-1 Baking" then "Flour)".
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and NOTE_ONLY.match(item):
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and PREPARATION_ONLY.match(item) and DIGIT_START.match(joined[-1]):
            # Pages that print the preparation in its own box: "85g unsalted butter" then "melted".
            joined[-1] = f"{joined[-1]} {item}"
        else:
            joined.append(item)
    return joined


def _without_parsed_copies(lines: list[str]) -> list[str]:
    """The lines without the parsed copy some pages print under each item ("1/2 cucumber" then
    "0.5cucumber", "120 g salmon (skin removed)" then "120gsalmon" and "skin removed").

    A copy's letters, spaces and numbers left out, are a part of its item's; a list where at least
    MIN_PARSED_COPIES lines are copies, and at least PARSED_COPY_SHARE as many as the items they copy,
    prints every item twice. Any other list is returned as it is.
    """
    copies: set[int] = set()
    original = ""
    for index, line in enumerate(lines):
        letters = _letters(line)
        if original and letters and letters in original:
            copies.add(index)
        else:
            original = letters
    if len(copies) < MIN_PARSED_COPIES or len(copies) < PARSED_COPY_SHARE * (len(lines) - len(copies)):
        return lines
    return [line for index, line in enumerate(lines) if index not in copies]


# A list printed as written and again as parsed shows it on this many lines, for this share of its items
# (a sea salt line over a salt line shows it once).
MIN_PARSED_COPIES = 3
PARSED_COPY_SHARE = 0.5


def _letters(line: str) -> str:
    return "".join(char for char in line.lower() if char.isalpha())


def _closes_open_bracket(previous: str, item: str) -> bool:
    return (
        ends_in_open_bracket(previous) and item.count(")") > item.count("(") and not DIGIT_START.match(item)
    )


def _bare_amount(item: str) -> bool:
    return bool(AMOUNT_ONLY.match(item) or QUANTITY_ONLY.match(item) or AMOUNT_WITH_NOTE.match(item))


def _names_over_amounts_from(lines: list[str], start: int) -> bool:
    """Whether lines[start] is in a list printed name over bare amount ("Pizza Dough Mix" over "1.000"),
    not a group heading over a list printed amount over name ("Sauce" over "1 cup" over "milk").

    Both alternate a name and a bare amount (a table may print the amount's share under it too, as a
    baker's percentage); read from its first name, a list of names over amounts ends after an amount,
    and a heading's list after a name. The run ends at a blank line, or where a
    name should come and does not; it must hold at least MIN_NAME_FIRST_PAIRS names with their amounts.
    """
    first = start
    while first >= 2 and _bare_amount(lines[first - 1]) and _is_bare_name(lines[first - 2]):
        first -= 2
    position = pairs = 0
    previous = ""
    for line in lines[first:]:
        if not line:
            break
        if is_furniture(line):
            continue
        if position % 2:
            if not _bare_amount(line):
                return False
            pairs += 1
        elif _bare_amount(line) and _bare_amount(previous):
            # A third cell of the row: the amount's share in a table of baker's percentages.
            previous = line
            continue
        elif not _is_bare_name(line):
            break
        position += 1
        previous = line
    return position % 2 == 0 and pairs >= MIN_NAME_FIRST_PAIRS


def _is_bare_name(line: str) -> bool:
    """A line that can be an ingredient's name printed apart from its amount."""
    return bool(line) and not (
        DIGIT_START.match(line)
        or UNIT_ONLY.match(line)
        or is_end_heading(line)
        or is_ingredient_heading(line)
        or is_furniture(line)
    )


# A run of names over their amounts has at least this many pairs (a table group of two items).
MIN_NAME_FIRST_PAIRS = 2


def _names_over_bare_amounts(items: list[str]) -> bool:
    """Whether a list prints each name over its bare amount ("Vegetable Oil" then "0.100", "Salt" then
    "1 pinch"): its first bare amount comes under a name, and MIN_NAME_AMOUNT_PAIRS names have one, or
    MIN_NAME_FIRST_PAIRS do and the list ends with an amount, as a list of names over amounts does."""
    first = next((index for index, item in enumerate(items) if _bare_amount(item)), None)
    if not first or DIGIT_START.match(items[first - 1]):
        return False
    pairs = sum(
        1
        for name, amount in zip(items, items[1:], strict=False)
        if _bare_amount(amount) and not DIGIT_START.match(name)
    )
    return pairs >= MIN_NAME_AMOUNT_PAIRS or (pairs >= MIN_NAME_FIRST_PAIRS and _bare_amount(items[-1]))


# Names printed over their amounts are told from a stray amount by this many pairs.
MIN_NAME_AMOUNT_PAIRS = 3


# An ingredient's name under its amount runs to this many words with its note ("pork belly (700g skinless
# pork belly, cut into 1-inch cubes)"); a longer line is a sentence of the method.
MAX_NAME_WORDS = 16


def _amount_before_name(joined: list[str], item: str, amount_first: bool) -> bool:
    """Whether joined ends with an amount printed over its name, item, rather than under the one before.

    amount_first: the list opens with an amount on a line of its own, so every amount heads its name.
    """
    if not AMOUNT_ONLY.match(joined[-1]) or len(item.split()) > MAX_NAME_WORDS:
        return False
    if starts_with_quantity(item) and not (EQUIVALENT_FIRST.match(item) or SIZED_NAME.match(item)):
        return False
    return amount_first or len(joined) == 1 or bool(DIGIT_START.match(joined[-2]))


def _join_wrapped(items: list[str]) -> list[str]:
    """Join an ingredient line that a narrow column wrapped onto the next line."""
    joined: list[str] = []
    for item in items:
        if joined and _continues(joined[-1], item):
            joined[-1] = f"{joined[-1]} {item}"
        else:
            joined.append(item)
    return joined


def _unchanged(items: list[str]) -> list[str]:
    return items


def _continues(previous: str, line: str) -> bool:
    if starts_with_quantity(line) and not line[:1].islower():
        return False
    if reads_on(previous, line):
        return True
    return line[:1] == ")" or (line[:1].islower() and previous.endswith("-"))


def _strip_numbering(items: list[str]) -> list[str]:
    """Drop "1." "2." item numbers when the whole list is numbered."""
    numbers = [NUMBERING.match(item) for item in items]
    if len(items) >= 2 and all(numbers):
        values = [int(match.group(1)) for match in numbers if match]
        if values == list(range(values[0], values[0] + len(values))):
            return [NUMBERING.sub("", item, count=1) for item in items]
    return items


def _shaped_runs(lines: list[str], styled: frozenset[str]) -> list[tuple[int, int, list[Segment]]]:
    """Runs of ingredient-shaped lines, each with the indexes of its first line and of the line after it,
    in segments split at sub-group headings (the first named by a group heading just above the run).

    For text whose list has no heading, or a heading the page hid. Runs inside a method section (after
    "Method" or "Instructions") are steps that mention quantities, not a list.
    """
    runs: list[tuple[int, int, list[Segment]]] = []
    segments: list[Segment] = []
    run_start = 0
    last_index = 0
    misses = 0
    lines_since_method_heading = METHOD_START_LINES
    content = [*_content_lines(lines), (len(lines), _END_OF_TEXT)]
    previous = ""
    for position, (index, line) in enumerate(content):
        next_line = content[position + 1][1] if position + 1 < len(content) else ""
        heading = is_ingredient_heading(line) or is_end_heading(line) or opens_section(line)
        likeness = -9.0 if heading or line is _END_OF_TEXT else list_likeness(line)
        if FACT_LABEL.match(previous):
            # A card's fact under its label ("Makes:" over "1 drink") is no item.
            likeness = min(likeness, 0.0)
        starts_method = lines_since_method_heading < METHOD_START_LINES
        lines_since_method_heading += 1
        run = [item for _, items in segments for item in items]
        if (
            (likeness >= RUN_LIKENESS or (run and carries_run_on(line, likeness)))
            and not is_method_line(line)
            and not is_numbered_part(line)
            and not (starts_method and not run)
        ):
            if not run:
                run_start = index
                # A section's heading ("Equipment") names no part of a list.
                named = (
                    previous
                    and not is_end_heading(previous)
                    and is_group_heading(previous, line, styled_as_heading=previous in styled)
                )
                above = previous if named else ""
                segments = [(group_name(above) if above else "", [])]
            segments[-1][1].append(line)
            misses = 0
            last_index = index
        elif run and (
            is_group_heading(line, next_line, styled_as_heading=line in styled)
            or (index > last_index + 1 and names_part_after_a_break(line, next_line))
        ):
            segments.append((group_name(line), []))
        elif (
            run
            and _weak(line, likeness)
            and (misses < MAX_WEAK_LINES_IN_A_ROW or _paragraph_ends_within(lines, index, CLOSING_WEAK_LINES))
        ):
            segments[-1][1].append(line)
            misses += 1
            last_index = index
        elif run or segments:
            # Bare names that close the list's paragraph ("Waffles", "Lemon wedges" before a blank line)
            # are its last items; a weak tail that runs on into other text is not.
            closed = _paragraph_ends_within(lines, last_index, 0)
            while segments and (
                not segments[-1][1]
                or (
                    not closed
                    and ingredient_likeness(segments[-1][1][-1]) < RUN_LIKENESS
                    and not SEASONING.search(segments[-1][1][-1])
                )
            ):
                if segments[-1][1]:
                    segments[-1][1].pop()
                else:
                    segments.pop()
            run = [item for _, items in segments for item in items]
            if len([item for item in run if is_measured_item(item)]) >= 2 and not _numbered_steps(run):
                runs.append((run_start, index, segments))
            segments, misses = [], 0
        if heading:
            # Lines with quantities under "Equipment" are tools ("1 wide 4-quart pan"), as under "Method"
            # they are steps.
            bare = line.strip(" *#=_")
            opens = METHOD_HEADING.match(bare) or EQUIPMENT_HEADING.match(bare)
            method = bool(opens) and not is_ingredient_heading(line)
            lines_since_method_heading = 0 if method else METHOD_START_LINES
        elif is_group_heading(line, next_line, styled_as_heading=line in styled):
            # A part's heading ("To Serve") ends the method of the part before.
            lines_since_method_heading = METHOD_START_LINES
        previous = line
    return runs


# A run of a list without a heading opens and closes with lines this ingredient-like (an amount and a
# short line); within it up to MAX_WEAK_LINES_IN_A_ROW short lines of bare names (WEAK_LIKENESS, at most
# WEAK_LINE_WORDS words) are kept. Measured on the corpus cards with their headings taken out.
RUN_LIKENESS = 2.5
WEAK_LIKENESS = 0.5
WEAK_LINE_WORDS = 6
# A bare line that names a unit or a seasoning ("Kosher salt and freshly ground black pepper") may run to
# this many words; a sentence of the method that names salt loses its likeness to its verb or length.
WEAK_SEASONING_WORDS = 10
MAX_WEAK_LINES_IN_A_ROW = 2
# More may close the list's paragraph: up to this many weak lines right before a blank line.
CLOSING_WEAK_LINES = 4
# Lines with quantities right after "Method" or "Instructions" open the steps, not a list.
METHOD_START_LINES = 3


def _weak(line: str, likeness: float) -> bool:
    """A short line that may be a bare name inside a list ("Waffles"), or a longer seasoning line."""
    words = len(line.split())
    return (
        likeness >= WEAK_LIKENESS
        and words <= (WEAK_SEASONING_WORDS if UNIT.search(line) else WEAK_LINE_WORDS)
        and not is_method_line(line)
        and not speaks_to_reader(line)
    )


def _paragraph_ends_within(lines: list[str], index: int, count: int) -> bool:
    """Whether a blank line, the heading of the section after the list ("Utensils", "Instructions") or
    the end of the text comes after lines[index] within `count` more weak lines. An ingredient heading
    does not close it: "Print Shopping List" is a card's button under the list it prints."""
    for following in range(index + 1, index + count + 2):
        if following >= len(lines) or not lines[following].strip():
            return True
        line = lines[following]
        if is_end_heading(line):
            return True
        if (
            is_ingredient_heading(line)
            or not _weak(line, ingredient_likeness(line))
            or following == index + count + 1
        ):
            return False
    return False


def _numbered_steps(run: list[str]) -> bool:
    """Whether the lines are numbered 1, 2, 3... in turn, as steps and lists of posts are and quantities
    are not: most lines open with the next number, or every numbered line does and the lines between
    are the wrapped rest of each ("2 How to Buy A Musk" over "Melon in Japan (for cheap!)")."""
    numbers = [
        int(match.group(1)) for match in (re.match(r"(\d{1,2})\b(?![/.,]\d)", item) for item in run) if match
    ]
    in_turn = sum(1 for first, second in zip(numbers, numbers[1:], strict=False) if second == first + 1)
    wrapped = len(numbers) >= MIN_WRAPPED_NUMBERED_LINES and in_turn == len(numbers) - 1
    return len(numbers) >= 4 and (in_turn >= 0.75 * len(run) or wrapped)


# Numbered lines with wrapped lines between them are a numbered list (steps, related posts) from this many
# numbers, each the one before plus one (corpus: a blog's list of five related posts, two lines each).
MIN_WRAPPED_NUMBERED_LINES = 4


def _content_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The non-empty lines with their indexes, a quantity printed on a line of its own joined to the next."""
    content: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if pending is not None:
            if DIGIT_START.match(line) or is_ingredient_heading(line) or is_end_heading(line):
                content.append(pending)
            else:
                index, line = pending[0], f"{pending[1]} {line}"
            pending = None
        if QUANTITY_ONLY.match(line) or (
            AMOUNT_ONLY.match(line) and (not content or DIGIT_START.match(content[-1][1]))
        ):
            pending = (index, line)
        else:
            content.append((index, line))
    if pending is not None:
        content.append(pending)
    return content


_END_OF_TEXT = "\x00end"


@dataclass
class _Candidate:
    """A block that may be the ingredient list: where it starts and ends, its lines with the sub-group
    each sits under, how list-like they are, and the name of the part it belongs to when a heading
    above it names one ("Pork Broth" over "Ingredients:")."""

    start: int
    end: int
    items: list[str]
    groups: list[str]
    score: float
    under_heading: bool
    follows_previous: bool = False
    part: str = ""
    # Whether the part's name is the block's own heading's ("Frosting ingredients"), not the line above.
    part_named_by_heading: bool = False


def _joined(segments: list[Segment], join) -> tuple[list[str], list[str]]:
    """The lines of a block's segments, split quantities, numbering and wrapped lines mended within each
    segment, with the segment's group beside each line."""
    items: list[str] = []
    groups: list[str] = []
    for group, lines in segments:
        mended = join(_strip_numbering(_join_split_quantities(_without_parsed_copies(lines))))
        items.extend(mended)
        groups.extend([group] * len(mended))
    return items, groups


def _headed_blocks(lines: list[str], join, styled: frozenset[str]) -> list[_Candidate]:
    """The block under each ingredient heading."""
    candidates: list[_Candidate] = []
    index = 0
    previous_end = -1
    while index < len(lines):
        if lines[index] and is_ingredient_heading(lines[index]):
            collected = _collect_block(lines, index + 1, styled)
            end = collected.end
            items, groups = _joined(collected.segments, join)
            part, own = _part_name(lines, index)
            if items:
                candidates.append(
                    _Candidate(
                        index,
                        end,
                        items,
                        groups,
                        _block_score(items),
                        True,
                        follows_previous=index == previous_end,
                        part=part,
                        part_named_by_heading=own,
                    )
                )
                previous_end = -1 if collected.ended_by_other_section else end
            index = max(end, index + 1)
        else:
            index += 1
    return candidates


def _part_name(lines: list[str], heading_index: int) -> tuple[str, bool]:
    """The name of the part an ingredient heading belongs to, and whether the heading itself gives it:
    the heading's own words ("Frosting ingredients"), else a short name on the line above it ("Pork
    Broth" over "Ingredients:"), which on a page of one recipe is its title."""
    own = heading_part_name(lines[heading_index])
    if own:
        return own, True
    above = next((line for line in reversed(lines[max(0, heading_index - 3) : heading_index]) if line), "")
    if (
        above
        and len(above) <= 50
        and len(above.split()) <= 6
        and not above.endswith((".", "!", "?", ","))
        and not DIGIT_START.match(above)
        and not is_furniture(above)
        and not is_end_heading(above)
        and not is_ingredient_heading(above)
        and not is_method_line(above)
        and not YIELD.match(above)
        and ingredient_likeness(above) < 2
    ):
        return group_name(above), False
    return "", False


def _shaped_blocks(lines: list[str], join, styled: frozenset[str]) -> list[_Candidate]:
    """Each run of ingredient-shaped lines as a candidate of its own."""
    candidates = []
    for start, end, segments in _shaped_runs(lines, styled):
        items, groups = _joined(segments, join)
        candidates.append(
            _Candidate(start, end, items, groups, _block_score(items), False, part=segments[0][0])
        )
    return candidates


def find_recipe(
    text: str,
    *,
    from_ocr: bool = False,
    join_wrapped: bool = False,
    styled_headings: frozenset[str] = frozenset(),
) -> RecipeText:
    """Title, yield and ingredient lines found in a recipe's text.

    Every block under an ingredient heading and every run of ingredient-shaped lines is a candidate;
    the most list-like wins, a heading counting in its favour. join_wrapped joins lines that a narrow
    column wrapped (PDF and OCR text, not typed text). styled_headings are the lines the page prints in a
    heading's style (PDFs).
    """
    join = _join_wrapped if join_wrapped or from_ocr else _unchanged
    lines = [
        clean_line(raw)
        for raw in join_hanging_indents(
            in_reading_order(rewrite_tables(text), aligned=not from_ocr).splitlines()
        )
    ]
    if from_ocr:
        # Noise becomes a blank line, so it neither joins nor ends a block more than a gap would.
        lines = ["" if is_noise(line) else fix_ocr_numbers(repair_line(line)) for line in lines]
    content = [line for line in lines if line]
    warnings: list[str] = []

    headed = _headed_blocks(lines, join, styled_headings)
    if len(headed) == 1 and _names_list(headed[0].items):
        # The one list under the one heading, written as bare names ("Zucchini", "Basil").
        headed[0].score = max(headed[0].score, 1.0)
    shaped = _shaped_blocks(lines, join, styled_headings)
    _score_as_runs_within(headed, shaped)
    best = max(
        [*headed, *shaped],
        key=lambda candidate: candidate.score + (HEADING_BONUS if candidate.under_heading else 0.0),
        default=None,
    )
    parts = _headed_parts_within(best, headed) if best is not None and not best.under_heading else []
    if parts:
        best = max(parts, key=lambda candidate: candidate.score)
    ingredients: list[str] = []
    groups: list[str] = []
    if best is not None and best.score > 0:
        if parts:
            chosen = parts
        elif best.under_heading:
            chosen = _with_related_blocks(best, headed)
        else:
            chosen = [best]
            warnings.append("No ingredient heading was found; the list was recognised by its shape.")
        chosen = _with_named_parts(best, chosen, shaped, lines)
        chosen = _with_rest_after_method(chosen, headed, shaped, lines)
        for candidate in chosen:
            part = candidate.part if len(chosen) > 1 or candidate.part_named_by_heading else ""
            ingredients.extend(candidate.items)
            groups.extend(group or part for group in candidate.groups)
        kept = _without_repeated_copies(ingredients)
        ingredients, groups = ingredients[:kept], groups[:kept]
        warnings.extend(_left_out(chosen, headed, best))

    return RecipeText(
        title=find_title(content),
        yields=find_yield(content),
        ingredients=ingredients,
        warnings=warnings,
        groups=groups,
    )


def _score_as_runs_within(headed: list[_Candidate], shaped: list[_Candidate]) -> None:
    """Give a headed block at least the score of a run of measured lines inside it.

    The run is the block's own lines read without its heading; a list printed name over amount ("Egg"
    over "1 item(s), large") reads as half as many lines under its heading, where each name is joined
    to its amount, as in the run, which opens at the first amount and leaves the names apart.
    """
    for block in headed:
        for run in shaped:
            # Fewer items than the run inside it: the block joined names to their amounts; more, and
            # it holds other lines too, which the run's score says nothing about.
            if block.start < run.start and run.end <= block.end and len(block.items) < len(run.items):
                block.score = max(block.score, run.score)


def _headed_parts_within(run: _Candidate, headed: list[_Candidate]) -> list[_Candidate]:
    """The headed blocks a run of ingredient-shaped lines spans, when it spans several; else [].

    A recipe in parts, each under its own heading, reads as one long run when the parts' names are short
    lines the run takes in ("Cream Cheese Dip" over "Ingredients"); its blocks, with their sub-groups and
    bare names, are the parts, and the run only their union.
    """
    inside = [
        candidate
        for candidate in headed
        if candidate.start < run.end and run.start < candidate.end and candidate.score >= MIN_NAMED_PART_SCORE
    ]
    return inside if len(inside) >= MIN_PARTS_IN_A_RUN else []


# A run that spans this many headed blocks is a recipe in parts.
MIN_PARTS_IN_A_RUN = 2


# A block under an ingredient heading wins over a headless run this much less list-like.
HEADING_BONUS = 1.0
# A block under its own ingredient heading is another part of the recipe when it is at least this list-like
# compared with the best block (corpus: parts with their own method score from a third of the main one).
RELATED_BLOCK_SHARE = 0.5
# A block is another named part of the recipe only when it is at least this list-like (two measured lines
# score about 5; a wrapped sentence of the method under "Prepare the Ingredients" about 1.4).
MIN_NAMED_PART_SCORE = 2.0
# Share of a block's lines that must open with a number for it to be an ingredient part, not a menu.
MIN_PART_QUANTITY_SHARE = 0.5


def _is_part_of(candidate: _Candidate, best: _Candidate) -> bool:
    return (
        candidate.score > 0
        and _quantity_share(candidate.items) >= MIN_PART_QUANTITY_SHARE
        and not _mostly_repeats(candidate.items, best.items)
    )


def _with_related_blocks(best: _Candidate, headed: list[_Candidate]) -> list[_Candidate]:
    """The best block with the other parts of the same recipe, in page order.

    Recipes in parts ("Ingredients" per component) have several blocks: one right after another, each
    with its own method, or each under the name of its part ("Pork Broth", "Shoyu Tare"). A block of bare
    names elsewhere on a page (a "Popular ingredients" menu) is not one of them, nor is a second copy of
    the same list.
    """
    chosen: list[_Candidate] = []
    for candidate in headed:
        # A block right after another is a part only when the one before it is (not a site menu's).
        follows_chosen = (
            candidate.follows_previous and bool(chosen) and chosen[-1] is _before(candidate, headed)
        )
        if candidate is best or (
            (
                follows_chosen
                or candidate.score >= best.score * RELATED_BLOCK_SHARE
                or (candidate.part and best.part and candidate.score >= MIN_NAMED_PART_SCORE)
            )
            and _is_part_of(candidate, best)
        ):
            chosen.append(candidate)
    return chosen


def _before(candidate: _Candidate, headed: list[_Candidate]) -> _Candidate | None:
    index = headed.index(candidate)
    return headed[index - 1] if index > 0 else None


def _with_named_parts(
    best: _Candidate, chosen: list[_Candidate], shaped: list[_Candidate], lines: list[str]
) -> list[_Candidate]:
    """The chosen blocks with the runs of measured lines that a part's heading names ("To Serve" over a
    list with no "Ingredients" heading), on pages made of named parts: the runs after the best block, and
    when no "Ingredients" heading is on the page at all (each part only under its name: "For the meat
    sauce", "For the filling"), the runs before it too."""
    in_parts = len(chosen) > 1 or bool(best.part)
    # A list in sub-groups takes only a later run that names itself as one ("For the topping").
    in_sub_groups = len({group for group in best.groups if group}) >= MIN_SUB_GROUPS
    if not (in_parts or in_sub_groups):
        return chosen
    taken = list(chosen)
    only_named_parts = not best.under_heading and not any(candidate.under_heading for candidate in chosen)
    for candidate in shaped:
        if (
            candidate.part
            and (in_parts or PART_HEADING.match(candidate.part))
            and not _in_notes(lines, candidate.start)
            and (candidate.start > best.start or only_named_parts)
            and not any(other.start <= candidate.start < other.end for other in taken)
            and _is_part_of(candidate, best)
        ):
            taken.append(candidate)
    return sorted(taken, key=lambda candidate: candidate.start)


def _in_notes(lines: list[str], index: int) -> bool:
    """Whether lines[index] sits in the recipe's notes: the nearest heading above it, of the list, the
    method or another section, is "Notes" or "Tips" (where "this recipe:" over measured lines introduces
    substitutions, not another part)."""
    for line in reversed(lines[:index]):
        if line and (is_ingredient_heading(line) or is_end_heading(line)):
            return bool(NOTES_HEADING.match(line.strip(" *#=_")))
    return False


# A list in at least this many sub-groups ("For the sponge", "For the filling") is a recipe in parts, whose
# later parts may be printed apart from it (a page break put "For the topping" among the steps).
MIN_SUB_GROUPS = 2


def _with_rest_after_method(
    chosen: list[_Candidate], headed: list[_Candidate], shaped: list[_Candidate], lines: list[str]
) -> list[_Candidate]:
    """The list's two halves when a page break cut a list printed beside the method column.

    Such a card prints the method's heading on the row of the list's ("Ingredients" beside
    "Instructions", read one over the other); the first page's part of the list is followed by the
    first steps, and its rest by the rest of the steps on the next page. When the one block chosen is
    either half, the block under the heading and the run of measured lines that follows its steps are
    taken together.
    """
    if len(chosen) != 1:
        return chosen
    for first in headed:
        if not _method_heading_beside(lines, first.start):
            continue
        for rest in shaped:
            if (chosen[0] is first or chosen[0] is rest) and _resumes_after_steps(first, rest, lines):
                return [first, rest]
    return chosen


def _method_heading_beside(lines: list[str], heading_index: int) -> bool:
    """Whether the first line after an ingredient heading is the method's heading."""
    following = next((line for line in lines[heading_index + 1 :] if line and not is_furniture(line)), "")
    return bool(METHOD_HEADING.match(following.strip(" *#=_"))) and is_end_heading(following)


def _resumes_after_steps(first: _Candidate, rest: _Candidate, lines: list[str]) -> bool:
    """Whether rest follows the steps that ended first, with nothing but steps between them (numbered,
    or sentences, as a step's wrapped end is: "5 minutes, until lightened in color.")."""
    if rest.start < first.end or first.end < 1 or not is_method_line(lines[first.end - 1]):
        return False
    between = [line for line in lines[first.end : rest.start] if line and not is_furniture(line)]
    return (
        len(between) <= MAX_STEP_LINES_BETWEEN_HALVES
        and all(is_method_line(line) or STEP.match(line) or line.endswith((".", "!")) for line in between)
        and _quantity_share(rest.items) >= MIN_PART_QUANTITY_SHARE
        and not _mostly_repeats(rest.items, first.items)
    )


# A list cut by a page break beside the method resumes after the first page's steps: at most this many
# lines of them (corpus: two to six steps beside a list's first four to eight lines).
MAX_STEP_LINES_BETWEEN_HALVES = 12


def _left_out(chosen: list[_Candidate], headed: list[_Candidate], best: _Candidate) -> list[str]:
    """Warnings naming the other ingredient lists on the page that were not taken."""
    warnings = []
    for candidate in headed:
        if candidate not in chosen and _is_part_of(candidate, best) and candidate.score >= 2:
            name = f" (“{candidate.part}”)" if candidate.part else ""
            warnings.append(
                f"Another ingredient list{name} with {len(candidate.items)} lines was left out; "
                "add it by hand if the recipe needs it."
            )
    return warnings


def _without_repeated_copies(items: list[str]) -> int:
    """How many lines to keep: the list once, when a page prints it again right after itself (a card and
    its printable copy, or the same list scaled for a larger batch: "1 cup whole milk" then "1 1/2 cups
    whole milk"). Lines are compared by their names, amounts left out."""
    names = [_name_key(item) for item in items]
    for length in range(2, len(items) // 2 + 1):
        if names[length] != names[0]:
            continue
        first = set(names[:length])
        rest = names[length:]
        if sum(name in first for name in rest) >= REPEATED_COPY_SHARE * len(rest):
            return length
    return len(items)


# A list printed again repeats at least this share of its names.
REPEATED_COPY_SHARE = 0.8


def _name_key(item: str) -> str:
    """An ingredient line's name, with an amount in two parts ("1 cup + 2 tablespoons") left out."""
    name = name_only(item)
    return name_only(name[1:].strip()) if name.startswith("+") else name


def _names_list(items: list[str]) -> bool:
    likeness = [ingredient_likeness(item) for item in items]
    plain = sum(1 for value in likeness if value > 0)
    return plain >= 3 and plain >= 2 * (len(items) - plain)


def _quantity_share(items: list[str]) -> float:
    return sum(bool(DIGIT_START.match(item)) for item in items) / max(len(items), 1)


def _mostly_repeats(items: list[str], chosen: list[str]) -> bool:
    """Whether items are mostly chosen again (a copy in other units); two parts may share a line or two
    ("water", "salt"), so a short part needs more than half of its lines repeated."""
    if not chosen:
        return False
    seen = {name_only(item) for item in chosen}
    repeats = sum(name_only(item) in seen for item in items)
    return repeats >= REPEATED_SHARE * len(items) and repeats >= min(2, len(items))


# A block this share of whose ingredient names the chosen list already holds is a copy of it.
# Corpus: printed copies in other units repeat every name; separate parts share at most one in two.
REPEATED_SHARE = 0.5
