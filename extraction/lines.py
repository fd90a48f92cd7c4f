"""What one line of a recipe is: a heading, an ingredient, a step of the method, page furniture, a yield,
a title. Predicates over single lines (and a line with its neighbour), used by the block finder.
"""

from __future__ import annotations

import re
import unicodedata

from .vocabulary import (
    AMOUNT_AFTER_NAME,
    BULLET,
    DIGIT_START,
    EMPHASIS_CLOSED_AFTER_AMOUNT,
    END_HEADING,
    FOR_A_PURPOSE,
    FURNITURE,
    GLUED_AMOUNT,
    GROUP_WORDS,
    HEADING_YIELD,
    ICON_OR_FORMAT,
    IMPERATIVE_START,
    INGREDIENT_HEADING,
    INGREDIENT_HEADING_WITH_PART,
    INGREDIENT_LEAD_IN,
    INGREDIENT_WORD,
    ITEM_BUTTON,
    LEADING_AMOUNT,
    MARKDOWN_HEADING,
    METHOD_HEADING,
    METHOD_HEADING_ON_STEP,
    NOT_AN_INGREDIENT,
    NUMBERING,
    OCR_MIXED_NUMBER,
    PART_HEADING,
    PRINTED_LINK,
    QUANTITY_START,
    RUNNING_HEADER_NUMBER,
    RUNNING_HEADER_SEPARATOR,
    SCALE_BUTTONS,
    SCALE_TOOLBAR,
    SEASONING_ITEM,
    SEASONING_KIND_END,
    SECTION_HEADING_ON_LINE,
    SERVINGS_ONLY,
    SMALL_WORDS,
    SPACED_BUTTONS,
    SPACED_FRACTION,
    STEP,
    UNIT,
    URL_OR_DATE,
    WRAP_END,
    WRAP_START,
    YIELD,
)


def clean_line(line: str) -> str:
    """A line with normalised spacing and no leading bullet or checkbox."""
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ").replace("\u200b", "")
    # Icon fonts draw their pictures (pins, stars, printers) with private-use characters.
    line = "".join(char for char in line if not ICON_OR_FORMAT.match(char))
    line = " ".join(line.split())
    line = SPACED_FRACTION.sub(r"\1/\2", line)
    line = PRINTED_LINK.sub("", line)
    cleaned = SCALE_TOOLBAR.sub("", BULLET.sub("", line))
    cleaned = GLUED_AMOUNT.sub(lambda amount: amount.group(0) + " ", cleaned)
    # "* **500 g** flour": the bullet took the opening marks of the amount's emphasis; the closing go too.
    if DIGIT_START.match(cleaned) and (line.count("**") >= 2 or line.count("__") >= 2):
        cleaned = EMPHASIS_CLOSED_AFTER_AMOUNT.sub(r"\1", cleaned, count=1)
    if not is_furniture(cleaned):
        cleaned = ITEM_BUTTON.sub("", cleaned)
    # Keep a leading dash that is really a minus or a range ("-1" never starts a recipe line, "—" alone does).
    return cleaned.strip()


def is_ingredient_heading(line: str) -> bool:
    """Whether line introduces an ingredient list ("Ingredients", "You will need:", "Zutaten")."""
    line = SCALE_BUTTONS.sub("", line)
    # "10 ingredients" counts a recipe's ingredients (a teaser for another recipe); it heads nothing.
    if re.match(r"^\d+\s+ingredients?\b", line, re.IGNORECASE):
        return False
    line = line.strip(" *#=_")
    if INGREDIENT_LEAD_IN.match(line):
        return True
    return len(line) <= MAX_HEADING_CHARS and bool(
        INGREDIENT_HEADING.match(line) or INGREDIENT_HEADING_WITH_PART.match(line)
    )


def is_end_heading(line: str) -> bool:
    """Whether line starts the method or another section after the ingredients."""
    line = line.strip(" *#=_")
    if len(line) <= MAX_HEADING_CHARS and END_HEADING.match(line):
        return True
    # A heading printed letter-spaced comes out with spaces inside its word: "Instruct ions".
    squeezed = "".join(line.split())
    return (
        len(line.split()) <= MAX_SPLIT_HEADING_PIECES
        and len(squeezed) <= 20
        and bool(METHOD_HEADING.match(squeezed) and END_HEADING.match(squeezed))
    )


# A letter-spaced heading comes out in at most this many pieces.
MAX_SPLIT_HEADING_PIECES = 4


def is_furniture(line: str) -> bool:
    """Whether line is page furniture: navigation, sharing, ratings, timings, print headers and footers."""
    if FURNITURE.match(line) or URL_OR_DATE.search(line):
        return True
    letters = [char for char in line if char.isalpha()]
    shouty = len(letters) > 2 and all(char.isupper() for char in letters)
    return shouty and bool(SPACED_BUTTONS.match("".join(line.split())))


def starts_with_quantity(line: str) -> bool:
    """Whether line opens with a number, a fraction or a counting word."""
    return bool(QUANTITY_START.match(line))


def is_numbered_part(line: str) -> bool:
    """Whether line names a part of a recipe numbered like a step: "1. For the pasta:"."""
    numbered = NUMBERING.match(line)
    return (
        bool(numbered)
        and len(line) <= MAX_HEADING_CHARS
        and line.endswith((":", "："))
        and bool(PART_HEADING.match(line[numbered.end() :]))
    )


def is_group_heading(line: str, next_line: str = "", *, styled_as_heading: bool = False) -> bool:
    """Whether line names a sub-group of ingredients ("For the sauce:") rather than being one.

    styled_as_heading: the page prints line in a heading's size or weight (known only for PDFs).
    """
    if is_numbered_part(line):
        return True
    # A line in Markdown bold ("**Produce**") is set as a heading; clean_line took its opening marks for a
    # bullet, so only the closing ones are left.
    styled_as_heading = styled_as_heading or line.endswith(("**", "__"))
    # A Markdown heading ("### For the dough") is set as a heading too.
    marked = MARKDOWN_HEADING.match(line)
    if marked:
        line, styled_as_heading = line[marked.end() :], True
    if not line or DIGIT_START.match(line) or len(line) > 60:
        return False
    words = line.rstrip(":：").split()
    if len(words) > 7:
        return False
    if line.endswith((":", "：")):
        return True
    if PART_HEADING.match(line):
        return len(words) <= 6 and "," not in line
    letters = [c for c in line if c.isalpha()]
    shouty = bool(letters) and all(c.isupper() for c in letters) and len(letters) > 2
    titled = all(w[0].isupper() or not w[0].isalpha() or w.lower() in SMALL_WORDS for w in words)
    group_word = bool(GROUP_WORDS.search(line))
    if shouty and len(words) <= 5 and _over_a_measured_line_in_lower_case(line, next_line):
        # A part's name in capitals over its first measured line ("CHICKEN KABOBS"), in a list whose
        # lines are not in capitals.
        return True
    if (shouty or titled) and len(words) <= 5 and "," not in line and group_word:
        # Over a measured line, or printed as a heading over a name in lower case ("Garnish" over "green
        # onions"): an item in capitals or title case is not followed by one in lower case. A heading in
        # capitals heads a name that is not ("CRISPY RICE" over "Neutral cooking oil").
        next_letters = [char for char in next_line if char.isalpha()]
        return (
            not next_line
            or bool(DIGIT_START.match(next_line))
            or starts_with_quantity(next_line)
            or (styled_as_heading and next_line[:1].islower())
            or (styled_as_heading and shouty and any(char.islower() for char in next_letters))
        )
    # A short line printed as a heading over measured lines names a component ("Garlic Confit Butter",
    # "Paneer skewers", "plain dough" when a group word says it names a part); a title with a unit
    # ("Salt & Pepper") is an ingredient, and so is a title in the same style as the items ("Fluffy Steel
    # Cut Oats").
    return (
        styled_as_heading
        and (shouty or titled or line[:1].isupper() or group_word)
        and 1 <= len(words) <= 5
        and "," not in line
        and not UNIT.search(line)
        and not FOR_A_PURPOSE.search(line)
        and starts_with_quantity(next_line)
        and not is_end_heading(line)
    )


def _over_a_measured_line_in_lower_case(line: str, next_line: str, *, counted: bool = False) -> bool:
    letters = [char for char in next_line if char.isalpha()]
    return (
        "," not in line
        and not any(char.isdigit() for char in line)
        and not UNIT.search(line)
        and bool(DIGIT_START.match(next_line))
        and any(char.islower() for char in letters)
        and not is_end_heading(line)
        and not is_method_line(next_line)
        and (counted or bool(UNIT.search(next_line)))
    )


def names_part_after_a_break(line: str, next_line: str) -> bool:
    """Whether line, in capitals after a blank line, names a part over its first counted line in lower
    case ("JAMMY EGGS" over "4 eggs"): the measured line a heading needs elsewhere may be a bare count
    when a blank line sets the capitals apart."""
    letters = [char for char in line if char.isalpha()]
    return (
        len(letters) > 2
        and all(char.isupper() for char in letters)
        and len(line.split()) <= MAX_CAPITALS_PART_WORDS
        and _over_a_measured_line_in_lower_case(line, next_line, counted=True)
    )


# A part's name in capitals is this many words at most ("PORK BROTH", "TO SERVE").
MAX_CAPITALS_PART_WORDS = 5


def names_part_over_sub_group(line: str, following: list[str], *, styled_as_heading: bool) -> bool:
    """Whether line, printed as a heading in capitals or title case, names a part over the heading of the
    part's first sub-group over a measured line ("SEITAN" over "WET" over "1/2 cup warm vegetable broth");
    following are the non-empty lines after it."""
    words = line.split()
    if not (styled_as_heading and 1 <= len(words) <= 5 and len(following) >= 2):
        return False
    sub_group = following[0]
    titled = all(word[:1].isupper() or not word[:1].isalpha() for word in words)
    return (
        titled
        and not any(char.isdigit() for char in line)
        and "," not in line
        and not UNIT.search(line)
        and not is_end_heading(line)
        and not is_ingredient_heading(line)
        and not is_ingredient_heading(sub_group)
        and not is_end_heading(sub_group)
        and bool(DIGIT_START.match(following[1]) and UNIT.search(following[1]))
        and is_group_heading(sub_group, following[1])
    )


# A numbered sentence in the imperative this many words long is a step ("1. Gather the ingredients.").
MIN_SHORT_STEP_WORDS = 3
# A heading (of the list, the method or a part) is never longer than this.
MAX_HEADING_CHARS = 60
# Ingredient lines on the corpus run to about 80 characters; past 160 they are prose, past 250 never a line.
SHORT_LINE_CHARS = 80
LONG_LINE_CHARS = 160
MAX_LINE_CHARS = 250
# A sentence of this many words that ends with a full stop is prose; an imperative this long is a step.
SENTENCE_WORDS = 10
IMPERATIVE_WORDS = 4
TIMED_SENTENCE_WORDS = 8


def ingredient_likeness(line: str) -> float:
    """How much line looks like an ingredient line: above 1 likely, 0 or below unlikely.

    Points for an opening amount (2, or 1 for a counting word), a unit (1) and shortness (0.5); points off
    for length, sentences, imperatives, oven times, page furniture (3) and counts that are no amount (5).
    """
    words = line.split()
    if not words or len(line) > MAX_LINE_CHARS:
        return -2.0
    score = 0.0
    if DIGIT_START.match(line):
        score += 2.0
    elif starts_with_quantity(line):
        score += 1.0
    if UNIT.search(line):
        score += 1.0
    if len(line) <= SHORT_LINE_CHARS:
        score += 0.5
    elif len(line) > LONG_LINE_CHARS:
        score -= 1.5
    if len(words) >= SENTENCE_WORDS and line.endswith((".", "!", "?")):
        score -= 2.0
    # An instruction: a longer line opening with a cooking verb, or a short one that ends as a sentence
    # ("Mix everything together.", "Serve.").
    if IMPERATIVE_START.match(line) and (len(words) >= IMPERATIVE_WORDS or line.endswith((".", "!"))):
        score -= 2.0
    if len(words) >= TIMED_SENTENCE_WORDS and re.search(
        r"\b(?:minutes?|hours?|until|degrees|oven|°[cf]?)\b", line, re.I
    ):
        score -= 1.0
    if is_furniture(line):
        score -= 3.0
    elif NOT_AN_INGREDIENT.match(line):
        score -= 5.0
    return score


def is_measured_item(line: str) -> bool:
    """Whether line opens with a numeral amount ("300 g ground beef") or is written name first and ends
    on one ("Ground beef, 300 g", "Flatbreads, ~6")."""
    return bool(DIGIT_START.match(line) or (not is_method_line(line) and AMOUNT_AFTER_NAME.search(line)))


def list_likeness(line: str) -> float:
    """ingredient_likeness for a list with no heading, where an item written name first and ending on its
    amount ("Ground beef, 300 g") scores as one that opens with it."""
    likeness = ingredient_likeness(line)
    if not DIGIT_START.match(line) and is_measured_item(line) and not line.endswith("."):
        likeness += 2.0
    return likeness


# A line opening with a numeral but too long for the shortness point and with no unit ("2 inch of white
# part of dae-pa (or 2 to 3 regular green onions), thinly sliced lengthwise") scores this much; inside a
# run of measured lines it is the next item. Measured on the layout set's lists with no heading.
CONTINUING_LIKENESS = 2.0


def carries_run_on(line: str, likeness: float) -> bool:
    """Whether line, under measured lines of a list with no heading, is a long item of the same list:
    it opens with a numeral, is no sentence of the method and no longer than LONG_LINE_CHARS."""
    return (
        likeness >= CONTINUING_LIKENESS
        and bool(DIGIT_START.match(line))
        and len(line) <= LONG_LINE_CHARS
        and not is_method_line(line)
    )


def is_method_line(line: str) -> bool:
    """A numbered step or a sentence of instructions."""
    step = STEP.match(line)
    if step:
        rest = step.group("rest")
        words = rest.split()
        # "3) salt and black pepper, to taste" is a numbered ingredient; a step is a sentence. A long
        # numbered line that opens in lower case and ends with no full stop is an ingredient with a note
        # ("6) black pepper, to taste (start with about 1/2 a teaspoon ...)"): steps open with a capital.
        long_sentence = len(words) >= 10 and not (rest[:1].islower() and not rest.endswith((".", "!")))
        if (
            rest
            and not starts_with_quantity(rest)
            and len(words) >= 5
            and (rest.endswith((".", "!")) or IMPERATIVE_START.match(rest) or long_sentence)
        ):
            return True
        # A short step is a sentence in the imperative: "1. Gather the ingredients.", "1. Preheat oven to 350F."
        if len(words) >= MIN_SHORT_STEP_WORDS and rest.endswith(".") and IMPERATIVE_START.match(rest):
            return True
        if line.lower().startswith("step"):
            return True
    words = line.split()
    sentence = line.endswith((".", "!")) or ". " in line
    if IMPERATIVE_START.match(line) and len(words) >= 6 and sentence and not DIGIT_START.match(line):
        return True
    return len(words) >= 14 and line.endswith((".", "!")) and not DIGIT_START.match(line)


def opens_section(line: str) -> bool:
    """A heading of the method or another section with its first line on its row: the text layer joins
    a row's boxes ("Instructions Preheat the oven", "Equipment Baking sheet")."""
    return opens_method(line) or bool(SECTION_HEADING_ON_LINE.match(line))


def opens_method(line: str) -> bool:
    match = METHOD_HEADING_ON_STEP.match(line)
    if not match:
        return False
    rest = match.group("rest")
    return bool(IMPERATIVE_START.match(rest) and rest[:1].isupper() or STEP.match(rest))


def speaks_to_reader(line: str) -> bool:
    """A question or a call to the reader ("Looking for FREE New Recipes?", "See it. Make it. Eat it!")
    printed in a list's box: no ingredient line ends with a question or exclamation mark."""
    return line.rstrip().endswith(("?", "!")) and not starts_with_quantity(line)


def is_yield_label(line: str) -> bool:
    """A yield line that opens with its label ("Serves 4") or is a count of servings and nothing else
    ("4 servings" over a list), never an ingredient ("4 portions fish")."""
    match = YIELD.match(line)
    return bool(match and match.group("value")) or bool(SERVINGS_ONLY.match(line))


def find_yield(lines: list[str]) -> str:
    """The recipe's yield as written ("Serves 4", "Makes 12 cookies", "für 4 Personen" from the heading
    "Zutaten für 4 Personen"), or ""."""
    for index, line in enumerate(lines):
        match = YIELD.match(line)
        if match:
            return line if len(line) <= 60 else (match.group("value") or match.group("value2")).strip()
        if is_ingredient_heading(line) and HEADING_YIELD.match(tail := heading_tail(line)):
            return tail
        # "Servings" on one line and "4" on the next (recipe cards printed from web pages).
        if re.fullmatch(r"(?:serves|servings?|yields?|makes|portions?)\s*:?", line, re.IGNORECASE):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            if re.match(r"^\d+(?:\s*[-–]\s*\d+)?\b", following) and len(following) <= 30:
                return f"{line.rstrip(':')}: {following}"
    return ""


def find_title(lines: list[str]) -> str:
    """The first line that reads like a recipe title."""
    for line in lines[:15]:
        if (
            len(line) <= 120
            and not is_furniture(line)
            and not is_ingredient_heading(line)
            and not is_end_heading(line)
            and not YIELD.match(line)
            and not DIGIT_START.match(line)
            and not line.endswith((".", ":", "?"))
            and not _two_sentences(line)
            and not is_running_header(line)
            and any(c.isalpha() for c in line)
        ):
            # A Markdown file's "# Banana Bread" or "**Banana Bread**" is titled "Banana Bread".
            title = re.sub(r"^#{1,6}\s+", "", line)
            bare = title.strip(" *_")
            return bare if "**" not in bare and "__" not in bare else title
    return ""


# A running header or breadcrumb has this many parts between separators at least.
MIN_RUNNING_HEADER_PARTS = 3


def is_running_header(line: str) -> bool:
    """Whether line is a running header or a breadcrumb ("Omas Rezepte — Seite 14", "Home » Dinner »
    Chili"), never a recipe's title."""
    parts = [part for part in RUNNING_HEADER_SEPARATOR.split(line) if part.strip()]
    return bool(RUNNING_HEADER_NUMBER.search(line)) or len(parts) >= MIN_RUNNING_HEADER_PARTS


# Each of two sentences on a line has at least this many words ("Mrs. Smith's Pie" is one sentence).
MIN_SENTENCE_WORDS = 3


def _two_sentences(line: str) -> bool:
    """Whether line is prose of two sentences or more ("Here you go. Don't overwork it!"), never a title."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line)
    return sum(len(sentence.split()) >= MIN_SENTENCE_WORDS for sentence in sentences) >= 2


def heading_tail(heading: str) -> str:
    """What an ingredient heading prints besides "Ingredients" and its scale buttons, without brackets or
    a colon: "Frosting" ("Frosting ingredients"), "for 4 people" ("Ingredients (for 4 people):"); "" for
    a bare heading."""
    tail = group_name(INGREDIENT_WORD.sub("", SCALE_BUTTONS.sub("", heading)))
    return re.sub(r"^(?:[-–—:(]\s*)+|\s*[)]$", "", tail).strip()


def heading_part_name(heading: str) -> str:
    """The name of the part an ingredient heading heads, in its own words ("Frosting" in "Frosting
    ingredients", "for the sauce" in "Ingredients for the sauce"); "" when it names only the list
    ("Ingredients:", "Ingredients list") or the servings it makes ("Zutaten für 4 Personen")."""
    tail = heading_tail(heading)
    if re.fullmatch(r"[\d\s/.,½x]*|(?:list|checklist)", tail, re.I) or HEADING_YIELD.match(tail):
        return ""
    return tail


def group_name(heading: str) -> str:
    """A sub-group heading as its name: "For the sauce:" is "For the sauce", "**Tare**" is "Tare"."""
    return NUMBERING.sub("", heading.strip(" *#=_").rstrip(":：").strip(" *#=_"), count=1)


def ends_list(heading: str, following: list[str]) -> bool:
    """Whether a line printed as a heading starts a section that is not ingredients.

    It does when it is a short capitalised name that is not an ingredient group, the line under it is not
    a lowercase ingredient name, and none of the few lines after it has a quantity ("Kitchen Tools",
    "My Dashboard").
    """
    after = [line for line in following if line][:MEASURED_LOOKAHEAD]
    next_line = next((line for line in following[:2] if line), "")
    return (
        not any(DIGIT_START.match(line) for line in after)
        and len(heading.split()) <= 5
        and all(word[:1].isupper() or not word[:1].isalpha() for word in heading.split())
        and not is_end_heading(next_line)
        and not is_ingredient_heading(next_line)
        and not GROUP_WORDS.search(heading)
        and not next_line[:1].islower()
        and not DIGIT_START.match(heading)
        and not starts_with_quantity(heading)
        and not UNIT.search(heading)
        and not starts_with_quantity(next_line)
    )


# How many lines after a heading may show that it still heads measured lines.
MEASURED_LOOKAHEAD = 4


def shape(line: str) -> str:
    return re.sub(r"[\d.,/¼½¾⅓⅔⅛⅜⅝⅞\s-]+", " ", line.lower()).strip()


def ends_in_open_bracket(text: str) -> bool:
    """Whether text ends inside a bracket it opened ("2 1/2 cups (300-325 g /10"): what follows carries on."""
    return text.count("(") > text.count(")")


def reads_on(previous: str, line: str) -> bool:
    """Whether the words show that line carries on previous: an open bracket, a trailing comma or "and"."""
    previous, line = previous.rstrip(), line.strip()
    if ends_in_open_bracket(previous):
        return True
    return bool(WRAP_END.search(previous)) and (line[:1].islower() or line[:1] in "()")


def carries_on_by_its_words(previous: str, line: str) -> bool:
    """Whether line, wrapped under an item that has no amount, carries the item on by its words alone: it
    reads on from previous (reads_on), opens with a joining word ("or farrow and sea salt"), or opens with
    a number after a word no item ends on ("Glacé cherries, I used around" then "40 to 50")."""
    previous, line = previous.rstrip(), line.strip()
    return (
        reads_on(previous, line)
        or bool(WRAP_START.match(line))
        or bool(DIGIT_START.match(line) and WRAP_END.search(previous))
    )


def closes_bracket_first(previous: str, line: str) -> bool:
    """Whether line closes the bracket that previous left open before it opens one: the wrapped end of a
    note, even when it opens with a number ("... (1 2/3 cups;" then "225g), plus more for dusting")."""
    closing, opening = line.find(")"), line.find("(")
    return ends_in_open_bracket(previous) and closing >= 0 and (opening < 0 or closing < opening)


def opens_sub_group(previous: str, line: str) -> bool:
    """Whether line, on the row under previous, is a sub-group heading of its own rather than the wrapped
    end of previous: a capitalised name ending with a colon ("Topping:", "Cake:") under words that do not
    carry on. A card that sets its group headings out to the left of the items prints them where a
    wrapped line would hang under its checkbox."""
    line = line.strip()
    # One colon and no digits: "Fat: 8gTrans Fat: 1gCholesterol:" is a nutrition panel's wrapped row.
    return (
        line[:1].isupper()
        and line.endswith((":", "："))
        and line.count(":") + line.count("：") == 1
        and not any(char.isdigit() for char in line)
        and is_group_heading(line)
        and not reads_on(previous, line)
    )


def is_seasoning_after_item(previous: str, line: str) -> bool:
    """Whether line is a seasoning item of its own ("salt and pepper, to taste", "kosher salt and olive
    oil") under an item line that is finished, rather than the wrapped end of that item."""
    previous, line = previous.rstrip(), line.strip()
    return (
        len(line.split()) <= MAX_SEASONING_ITEM_WORDS
        and bool(SEASONING_ITEM.match(line))
        and starts_with_quantity(previous)
        and not reads_on(previous, line)
        and not SEASONING_KIND_END.search(previous)
    )


# A seasoning item with no amount runs to this many words ("freshly ground salt and pepper, to taste");
# longer, the words are a sentence of the method.
MAX_SEASONING_ITEM_WORDS = 8


def fix_ocr_numbers(line: str) -> str:
    match = OCR_MIXED_NUMBER.match(line)
    if match and int(match.group(2)) < int(match.group(3)):
        return f"{match.group(1)} {match.group(2)}/{match.group(3)}{line[match.end() :]}"
    return line


# A typed item's later lines set in by 1 to this many spaces under its first (a hanging indent).
HANGING_INDENT_SPACES = 6


def join_hanging_indents(raw_lines: list[str]) -> list[str]:
    """Typed lines with the lines of an item that a hanging indent shows joined to its first line.

    "2 cups flour, sifted" then "  twice" is one item when its first line opens with an amount and the
    second is set in under it with no amount or bullet of its own. An item with no amount ("butter (ghee,
    or shortening for" then "  greasing the pan)") is joined only where its words carry on (reads_on) or
    where a lowercase word was pushed down because it would not fit on the line above ("optional
    sweetener: simple" then "  syrup or maple syrup", the paragraph's widest line giving the width), so a
    plain name over an indented list ("Spice mix" over "  cumin") stays apart. A line opening with a
    joining word ("or farrow"), or with a number under a word no item ends on ("I used around" then
    "  40 to 50"), carries such an item on too.
    """
    expanded_lines = [raw.expandtabs(4).rstrip() for raw in raw_lines]
    widths = _paragraph_widths(expanded_lines)
    out: list[str] = []
    first_indent = -1
    measured = False
    last_physical = ""
    for raw, expanded, width in zip(raw_lines, expanded_lines, widths, strict=True):
        indent = len(expanded) - len(expanded.lstrip())
        text = expanded.strip()
        if (
            out
            and first_indent >= 0
            and text
            and first_indent < indent <= first_indent + HANGING_INDENT_SPACES
            and not BULLET.match(text)
            and (
                not starts_with_quantity(text)
                or WRAP_END.search(out[-1].rstrip())
                or ends_in_open_bracket(out[-1])
            )
            and out[-1].strip()
            and (
                measured
                or carries_on_by_its_words(out[-1], text)
                or (text[:1].islower() and _pushed_down(last_physical, text, width))
            )
        ):
            out[-1] = f"{out[-1].rstrip()} {text}"
            last_physical = expanded
            continue
        out.append(raw)
        last_physical = expanded
        cleaned = BULLET.sub("", text)
        measured = bool(text and DIGIT_START.match(cleaned))
        item = measured or not (
            is_ingredient_heading(cleaned) or is_end_heading(cleaned) or is_group_heading(cleaned)
        )
        first_indent = indent if text and item else -1
    return out


def _paragraph_widths(lines: list[str]) -> list[int]:
    """For each line, the length of the longest line of its paragraph (lines between blank lines)."""
    widths: list[int] = []
    start = 0
    for end in range(len(lines) + 1):
        if end == len(lines) or not lines[end].strip():
            widest = max((len(line) for line in lines[start:end]), default=0)
            widths.extend([widest] * (end - start))
            if end < len(lines):
                widths.append(0)
            start = end + 1
    return widths


def _pushed_down(above: str, line: str, width: int) -> bool:
    """Whether line's first word would have overrun the paragraph's width at the end of the line above:
    the mark of a line wrapped by its writer's editor or printer rather than a new item."""
    return len(above) + 1 + len(line.split()[0]) > width


def name_only(item: str) -> str:
    """An ingredient line without its amount, so a list printed again in other units ("296 ml olive oil"
    after "1 ¼ cups olive oil") reads as the same list."""
    return LEADING_AMOUNT.sub("", item.lower()).strip() or item.lower()
