"""Split ingredient lines into quantity, unit, name, preparation and comment (ingredient-parser-nlp)."""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from fractions import Fraction

from .errors import reraise_interrupt
from .results import ParsedIngredient
from .units import for_parser, foreign_unit
from .vocabulary import FOREIGN_TO_TASTE, GERMAN_PREPARATION_WORD, MISREAD_FRACTION, PACKAGES, PARTITIVE

logger = logging.getLogger(__name__)

_TAGGER_FILES = (
    "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.classes.json",
    "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.tagdict.json",
    "taggers/averaged_perceptron_tagger_eng/averaged_perceptron_tagger_eng.weights.json",
)
# A line whose amount OCR read with a lost fraction glyph ("% cup", "Y% cup", "1% cups").
_MISREAD_FRACTION_START = re.compile(rf"^\s*{MISREAD_FRACTION}\s")
# "1-1/2 cups" is one and a half cups (a range never ends below its start), which the parser misreads.
_MIXED_NUMBER_WITH_HYPHEN = re.compile(r"(?<![\d/.])(\d+)-(\d+/\d+)(?![\d/])")
_load_lock = threading.Lock()
_parse = None


def check_parser_ready() -> None:
    """Raise RuntimeError naming NLTK_DATA when the tagger data the parser needs is missing."""
    import nltk.data

    missing = []
    for resource in _TAGGER_FILES:
        try:
            nltk.data.find(resource)
        except LookupError:
            missing.append(resource)
    if missing:
        raise RuntimeError(
            "The ingredient parser needs NLTK's 'averaged_perceptron_tagger_eng' data, which was not found "
            f"(NLTK_DATA={os.environ.get('NLTK_DATA', '<unset>')!r}; searched {nltk.data.path}). "
            "Fetch it with `python -m nltk.downloader -d <dir> averaged_perceptron_tagger_eng` "
            "and point NLTK_DATA at <dir>."
        )


def _parser():
    """The parser function, loaded once per process (the import loads the model)."""
    global _parse
    if _parse is None:
        with _load_lock:
            if _parse is None:
                # ingredient_parser tries to download missing data at import time; refuse before that.
                check_parser_ready()
                from ingredient_parser import parse_ingredient

                _parse = parse_ingredient
    return _parse


def warm_up() -> None:
    """Load the parser model now rather than at the first line."""
    parse_line("1 cup flour")


def parse_line(text: str, group: str = "") -> ParsedIngredient:
    """Parse one ingredient line; the line itself is kept as written.

    group: the sub-recipe heading the line sits under ("For the sauce"), "" when none. A package size
    ("2 (14.5 ounce) cans", "2 x 400g tins") is kept in the comment, never taken for the quantity. The
    quantity is None when the line has no amount or when OCR lost its fraction ("% cup sugar").
    """
    try:
        parsed = _parser()(_MIXED_NUMBER_WITH_HYPHEN.sub(r"\1 \2", for_parser(text)))
    except RuntimeError:
        raise
    except Exception as exc:  # noqa: BLE001 - one odd line must not lose the whole recipe
        reraise_interrupt(exc)
        logger.warning("ingredient parser failed on a line of %d characters", len(text))
        logger.debug("parser failure", exc_info=True)
        return ParsedIngredient(text, None, None, "", text, "", "", 0.0, group)

    confidences: list[float] = []
    quantity = quantity_max = None
    unit = ""
    comment_parts: list[str] = []
    if parsed.amount:
        amount = parsed.amount[0]
        quantity, quantity_max, unit = _amount_fields(amount)
        if _MISREAD_FRACTION_START.match(text):
            # "% cup sugar", "Y% cup milk": OCR lost a fraction glyph; the number is left empty, never wrong.
            quantity = quantity_max = None
        confidences.append(float(amount.confidence))
        comment_parts.extend(part.text for part in _package_sizes(parsed) if part.text)
    pack_quantity, pack_unit = _pack_size(parsed)
    names = parsed.name or []
    name = ", ".join(part.text for part in names)
    confidences.extend(float(part.confidence) for part in names)
    if not unit:
        unit, name = _foreign_unit_taken_from_name(text, name)
    if unit:
        # "250 g de farine" is 250 g of "farine": the article joins the measure to the name.
        name = PARTITIVE.sub("", name, count=1)
    preparation = parsed.preparation.text if parsed.preparation else ""
    comment_parts.extend(part.text for part in (parsed.comment, parsed.purpose) if part)
    name, preparation, notes = _notes_left_in_name(name, preparation)
    comment_parts.extend(notes)
    if parsed.size:
        confidences.append(float(parsed.size.confidence))
    for part in (parsed.preparation, parsed.comment):
        if part:
            confidences.append(float(part.confidence))
    confidence = round(sum(confidences) / len(confidences), 4) if confidences else 0.0
    return ParsedIngredient(
        text=text,
        quantity=quantity,
        quantity_max=quantity_max,
        unit=unit,
        name=name,
        preparation=preparation,
        comment="; ".join(comment_parts),
        confidence=confidence,
        group=group,
        pack_quantity=pack_quantity,
        pack_unit=pack_unit,
    )


def _notes_left_in_name(name: str, preparation: str) -> tuple[str, str, list[str]]:
    """The name without the notes the parser left in it, the preparation, and those notes (for the comment).

    The shopping list merges lines by name and reads "a, b" as two foods, so a bracket ("sour cream
    (reduced fat)", "Eier (Größe M)"), "to taste" in another language ("Salz und Pfeffer nach Geschmack")
    and a German preparation after a comma ("Zwiebeln, fein gewürfelt": preparation "fein gewürfelt"),
    which the English-trained parser leaves in the name, leave it. A comma before anything else stays
    ("Salz, Pfeffer" is two ingredients named on one line). The line's text keeps every word.
    """
    notes = [match.group(0) for match in re.finditer(r"\([^()]*\)", name)]
    if notes:
        name = re.sub(r"\s*\([^()]*\)", "", name).strip()
    if to_taste := FOREIGN_TO_TASTE.search(name):
        notes.append(to_taste["note"])
        name = name[: to_taste.start()].strip()
    head, comma, tail = name.partition(",")
    words = tail.split()
    if comma and words and all(GERMAN_PREPARATION_WORD.fullmatch(word) for word in words):
        name = head.strip()
        preparation = ", ".join(part for part in (tail.strip(), preparation) if part)
    return name, preparation, notes


def _foreign_unit_taken_from_name(text: str, name: str) -> tuple[str, str]:
    """The unit and name of a line whose foreign unit word the parser read as the start of the name.

    "2 dientes de ajo" reaches the parser as "2 clove de ajo"; with no English word after it, the parser
    takes "clove de ajo" for the name. The unit the line's own word stands for is its unit.
    """
    english = foreign_unit(text)
    if english and re.match(rf"{re.escape(english)}s?\b", name, re.IGNORECASE):
        return english, re.sub(rf"^{re.escape(english)}s?\b[\s,]*", "", name, flags=re.IGNORECASE)
    return "", name


_PACKAGE = re.compile(rf"(?:{PACKAGES})", re.IGNORECASE)


def _package_sizes(parsed) -> list:
    """The amounts of a parsed line that give the size of each package or piece, not another amount.

    The parser marks the size as singular where it stands before the package ("2 (14.5 ounce) cans",
    "2 x 400 g tins"); in brackets after the package ("1 can (15 ounces) tomato sauce", "1 jar tomatoes
    (400 g)") it does not, but a weight or volume beside a count of cans is the size of each.
    """
    first_unit = getattr(parsed.amount[0], "unit", None) if parsed.amount else None
    counts_packages = isinstance(first_unit, str) and bool(_PACKAGE.fullmatch(first_unit))
    return [
        amount
        for amount in parsed.amount[1:]
        if getattr(amount, "SINGULAR", False)
        or (counts_packages and not isinstance(getattr(amount, "unit", ""), str))
    ]


def _pack_size(parsed) -> tuple[float | None, str]:
    """The size of one package of a parsed line ("1 (400 g) can", "2 x 400 g tins"), else (None, "")."""
    for amount in _package_sizes(parsed):
        if not hasattr(amount, "amounts"):
            return _number(amount.quantity), str(amount.unit or "")
    return None, ""


def _amount_fields(amount) -> tuple[float | None, float | None, str]:
    """Quantity, upper bound of a range, and unit of the first amount of a line."""
    if hasattr(amount, "amounts"):
        # "1 cup plus 2 tablespoons": one total in the first amount's unit when the units are compatible.
        try:
            total = amount.combined()
            return _number(total.magnitude), None, str(total.units)
        except Exception as exc:  # noqa: BLE001 - incompatible units; keep the first amount
            reraise_interrupt(exc)
            amount = amount.amounts[0]
    quantity = _number(amount.quantity)
    upper = _number(amount.quantity_max)
    if quantity is None:
        quantity, upper = _decimal_range(amount.quantity)
    quantity_max = upper if upper is not None and upper != quantity else None
    return quantity, quantity_max, str(amount.unit or "")


# The parser gives a range of decimals ("2.5-3 kg", "0.5-1 tsp") back as the text "2.5-3".
_DECIMAL_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[-–]\s*(\d+(?:\.\d+)?)\s*$")


def _decimal_range(value) -> tuple[float | None, float | None]:
    """The two ends of a range the parser left as text, else (None, None)."""
    match = _DECIMAL_RANGE.match(value) if isinstance(value, str) else None
    if match is None:
        return None, None
    return _number(match[1]), _number(match[2])


def _number(value) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, (int, float, Fraction)):
        return round(float(value), 4)
    try:
        return round(float(Fraction(str(value))), 4)
    except (ValueError, ZeroDivisionError):
        return None


@dataclass(frozen=True)
class LineDetails:
    """What the shopping list needs of a line beyond its parsed fields.

    food/food_category: the USDA FDC description and category of each food the line names
    (ingredient-parser-nlp's foundation foods), "|"-separated, empty when not asked for or not found;
    pack_quantity/pack_unit: the size of one package when the line counts packages ("400", "gram" in
    "2 x 400 g tins"), else None and "".
    """

    food: str = ""
    food_category: str = ""
    pack_quantity: float | None = None
    pack_unit: str = ""


def line_details(text: str, *, foundation_foods: bool = True) -> LineDetails:
    """Parse a line again for its foods and package size; one odd line gives empty details, never an error.

    With foundation_foods the parser matches the FDC food too, about 75 ms a line against 3 ms without.
    """
    try:
        parsed = _parser()(_MIXED_NUMBER_WITH_HYPHEN.sub(r"\1 \2", text), foundation_foods=foundation_foods)
    except RuntimeError:
        raise
    except Exception as exc:  # noqa: BLE001 - the list falls back to the parsed name
        reraise_interrupt(exc)
        logger.debug("details of a line failed", exc_info=True)
        return LineDetails()
    pack_quantity, pack_unit = _pack_size(parsed)
    foods = [food for food in (parsed.foundation_foods or []) if food]
    return LineDetails(
        food="|".join(food.text for food in foods),
        food_category=next((food.category for food in foods if food.category), ""),
        pack_quantity=pack_quantity,
        pack_unit=pack_unit,
    )
