"""The shopping list engine: one row per food, amounts added and scaled, written as a cook writes them.

Pure functions over plain records (DESIGN §4): no ORM, no Django, so the merge table is tested fast.
`selectors.shopping_list_get` reads the session and feeds `shopping_list_build`.

Amounts come from the ingredient parser (ingredient-parser-nlp): a quantity, an optional upper bound of a
range, and a unit that is either a pint unit name ("gram", "tablespoon", "cup"), a word ("clove", "can",
"pinch") or "" for a plain count. pint converts them; the rounding and the fractions are ours.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace

import inflection
import pint
from nltk.stem.snowball import SnowballStemmer

from sessions_app import shopping_words as words

METRIC = "metric"
US = "us"
UNIT_SYSTEMS = (METRIC, US)

# Above this many tablespoons a spoon measure is written as a volume (ml or cups): nobody counts 20 tbsp.
SPOON_LIMIT_TBSP = 8
# Cook-style rounding up, per size of the amount: (below this many g or ml, round up to this step).
METRIC_STEPS = ((10, 1), (250, 5), (1000, 10))
KILO_STEP = 0.05
FRACTIONS = {0.25: "¼", 0.5: "½", 0.75: "¾", 1 / 3: "⅓", 2 / 3: "⅔"}
US_UNITS = frozenset({"cup", "ounce", "pound", "fluid_ounce", "pint", "quart", "gallon"})
METRIC_UNITS = frozenset({"gram", "kilogram", "milligram", "milliliter", "liter", "centiliter", "deciliter"})
SPOON_UNITS = frozenset({"tablespoon", "teaspoon"})
CUP_UNITS = frozenset({"cup", "imperial_cup"})
EPSILON = 1e-6


@dataclass(frozen=True)
class Line:
    """One ingredient line as the list reads it.

    quantity/quantity_max: the amount as printed, in `unit` (a pint unit name, a word such as "clove", or
    "" for a count); pack_quantity/pack_unit: the size of one package when the line counts packages
    ("400 g" in "2 x 400 g tins"); food/food_category: the FDC description and category from
    foundation foods, "|"-separated when the line names several foods; factor: portions ÷ servings of
    its dish; scalable: False when the dish's servings could not be read (the line is then taken as is).
    """

    dish: str
    text: str
    quantity: float | None = None
    quantity_max: float | None = None
    unit: str = ""
    name: str = ""
    food: str = ""
    food_category: str = ""
    pack_quantity: float | None = None
    pack_unit: str = ""
    factor: float = 1.0
    scalable: bool = True


@dataclass
class Row:
    """One food on the list. quantity/quantity_max/unit: the amount in the unit `display` uses, all None
    when the row mixes units that do not convert (display then joins them with " + ") or has no amount."""

    key: str
    name: str
    quantity: float | None
    quantity_max: float | None
    unit: str | None
    display: str
    aisle: str
    dishes: list[str]
    lines: list[str]
    scaled: bool
    staple: bool = False
    # The keys of every wording merged into the row: a tick given under one of them stays on the row
    # when a new wording joins it and the row's own key changes.
    keys: list[str] = field(default_factory=list)


@dataclass
class _Part:
    """One food of one line ("salt and pepper" is two parts)."""

    line: Line
    name: str
    food: str
    key: str
    words: frozenset[str]


@dataclass
class _Bucket:
    """Amounts of one row that add up: grams, millilitres, or a count of one unit word."""

    kind: str  # "mass" | "volume" | "count"
    word: str = ""  # the unit word of a count ("clove", "can", ""), empty for mass and volume
    quantity: float = 0.0
    quantity_max: float = 0.0
    ranged: bool = False
    vague: bool = False
    units: set[str] = field(default_factory=set)


# --- yields and scaling -----------------------------------------------------------------------------

_YIELD_AMOUNT = re.compile(
    r"\d\s*(?:g|kg|ml|l|cups?|oz|lbs?|litres?|liters?|pints?|quarts?|tbsp|tsp|grams?)\b", re.IGNORECASE
)
_YIELD_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:-|–|—|to|or)\s*(\d+(?:\.\d+)?)")
_YIELD_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def servings_from_yield(yields: str) -> float | None:
    """The number of servings a printed yield stands for, or None when it has none.

    "Serves 4" → 4; "4–6 servings" → 5 (the middle of a range); "Makes 12 muffins" → 12 (pieces);
    "Makes 2 cups" → None (an amount is not a number of servings); "Makes 1 loaf" → None (a whole thing
    to share, not a portion); "" → None.
    """
    text = (yields or "").lower()
    for word, number in sorted(words.NUMBER_WORDS.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"\b{word}\b", str(number), text)
    if _YIELD_AMOUNT.search(text) or set(_words(text)) & words.YIELD_WHOLE_THINGS:
        return None
    if match := _YIELD_RANGE.search(text):
        low, high = float(match[1]), float(match[2])
        if 0 < low <= high:
            return (low + high) / 2
    if match := _YIELD_NUMBER.search(text):
        value = float(match[0])
        return value if value > 0 else None
    return None


def scale_factor(*, servings: float | None, portions: int | None) -> float | None:
    """portions ÷ servings; 1.0 when no portions are asked for; None when servings are unknown."""
    if portions is None:
        return 1.0
    if not servings or servings <= 0:
        return None
    return portions / servings


# --- names --------------------------------------------------------------------------------------------


@functools.cache
def _stemmer() -> SnowballStemmer:
    return SnowballStemmer("english")


def _words(name: str) -> list[str]:
    return re.findall(r"[\w'’-]+", name.lower())


def clean_name(name: str) -> str:
    """The food's name without the words for size and preparation ("2 large eggs, beaten" → "eggs")."""
    kept = [word for word in _words(name) if word not in words.PREPARATION_WORDS]
    return " ".join(kept) or name.strip().lower()


@functools.lru_cache(maxsize=4096)
def food_key(name: str) -> str:
    """The merge key of a food name: cleaned, synonyms folded, each word stemmed ("Large Eggs" → "egg")."""
    lowered = " ".join(_words(name))
    cleaned = words.FOOD_ALIASES.get(lowered) or clean_name(name)
    cleaned = words.FOOD_ALIASES.get(cleaned, cleaned)
    return " ".join(_stemmer().stem(word) for word in cleaned.split())


def _fdc_key(description: str) -> str:
    parts = [part.strip().lower() for part in description.split(",")]
    return " ".join(part for part in parts if part and part not in words.FDC_STATE_PARTS)


def _split_names(line: Line) -> list[tuple[str, str]]:
    """(name, FDC food) for each food a line names: "salt, pepper" and "salt and pepper" are two."""
    name = (line.name or line.text).strip()
    names = [part.strip() for part in name.split(", ") if part.strip()]
    if len(names) == 1:
        parts = re.split(r"\s+(?:and|&)\s+", names[0])
        if len(parts) > 1 and all(food_key(part) in _staple_keys() for part in parts):
            names = parts
    foods = line.food.split("|") if line.food else []
    if len(foods) != len(names):
        foods = [foods[0] if foods else ""] if len(names) == 1 else [""] * len(names)
    return list(zip(names, foods, strict=True))


@functools.cache
def _staple_keys() -> frozenset[str]:
    return frozenset(food_key(name) for name in words.STAPLES)


def _display_name(parts: list[_Part]) -> str:
    """The wording most lines use; a tie goes to the fuller one. Packaged goods keep their product name."""
    counts: dict[str, int] = defaultdict(int)
    for part in parts:
        lowered = " ".join(w for w in _words(part.name) if w not in {"large", "small", "medium"})
        if _unit_word(part.line.unit) in words.CONTAINER_UNITS or lowered in words.FOOD_ALIASES:
            # A product ("chopped tomatoes" in tins) or a name whose preparation word is part of the
            # food ("minced beef") keeps its wording.
            wording = lowered
        else:
            wording = clean_name(part.name)
        counts[wording] += 1
    return min(counts, key=lambda wording: (-counts[wording], -len(wording), wording))


def aisle_for(name: str, category: str = "", *, other_names: tuple[str, ...] = ()) -> str:
    """The shop aisle of a food, by the words of its name (then of the row's other wordings) first,
    then by its FDC category; "other" when neither places it."""
    by_name = _aisle_words()
    phrases = _aisle_phrases()
    for candidate in (name, *other_names):
        lowered = " " + " ".join(_words(candidate)).replace("-", " ") + " "
        if " frozen " in lowered:  # frozen peas are in the freezer, whatever the peas
            return "frozen"
        for phrase in phrases:
            if f" {phrase} " in lowered:
                return by_name[phrase]
        for word in reversed(lowered.split()):
            if word in by_name:
                return by_name[word]
    category = category.lower()
    for aisle, fragment in words.AISLE_BY_CATEGORY:
        if fragment in category:
            return aisle
    return "other"


@functools.cache
def _aisle_phrases() -> list[str]:
    return sorted((phrase for phrase in _aisle_words() if " " in phrase), key=len, reverse=True)


@functools.cache
def _aisle_words() -> dict[str, str]:
    table = {}
    for aisle, text in words.AISLE_BY_NAME.items():
        for word in text.split():
            table[word.replace("-", " ")] = aisle
    return table


# --- amounts ------------------------------------------------------------------------------------------


@functools.cache
def _registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


@functools.lru_cache(maxsize=512)
def _pint_unit(unit: str):
    """The pint unit of a mass or volume unit name, else None (counts, words like "clove")."""
    if not unit or unit.lower() in words.VAGUE_UNITS:
        return None
    try:
        parsed = _registry().Unit(unit.strip().replace(" ", "_"))
    except Exception:  # noqa: BLE001 - pint raises several kinds for words it does not know
        return None
    return parsed if str(parsed.dimensionality) in ("[mass]", "[length] ** 3") else None


def _unit_word(unit: str) -> str:
    """A counted unit word in the singular, synonyms folded ("tins" → "can", "cloves" → "clove")."""
    word = (unit or "").strip().lower().rstrip(".")
    if not word:
        return ""
    word = words.UNIT_ALIASES.get(word, word)
    singular = _SINGULAR_UNITS.get(word) or (word[:-2] if word.endswith("ches") else word.rstrip("s"))
    return words.UNIT_ALIASES.get(singular, singular)


_SINGULAR_UNITS = {"leaves": "leaf", "loaves": "loaf", "knives": "knife", "dashes": "dash", "boxes": "box"}


def _amount(line: Line) -> tuple[str, str, float, float | None, str] | None:
    """(kind, word, quantity, quantity_max, unit name) of a scaled line in g, ml or a count; None if none."""
    if line.quantity is None:
        return None
    factor = line.factor if line.scalable else 1.0
    low = line.quantity
    high = line.quantity_max if line.quantity_max is not None and line.quantity_max > low else None
    word = _unit_word(line.unit)
    packaged = word in words.CONTAINER_UNITS or not word  # "2 x 400 g tins", "2 x 200 g feta"
    if packaged and line.pack_quantity and _measure(line.pack_unit) is not None:
        # Whole packages: 1⅓ tins for 8 is 2 tins, then counted by their printed size.
        low = math.ceil(low * factor - EPSILON)
        high = math.ceil(high * factor - EPSILON) if high is not None else None
        line = Line(dish=line.dish, text=line.text, quantity=line.pack_quantity, unit=line.pack_unit)
        factor, word = 1.0, ""
        size = line.quantity
        low, high = low * size, (high * size if high is not None else None)
    else:
        if word in words.VAGUE_UNITS:
            factor = 1.0
        low, high = low * factor, (high * factor if high is not None else None)
    measure = _measure(line.unit)
    if measure is None:
        return ("count", word, low, high, word)
    kind, name, to_base = measure
    return (kind, "", low * to_base, (high * to_base if high is not None else None), name)


@functools.lru_cache(maxsize=512)
def _measure(unit: str) -> tuple[str, str, float] | None:
    """("mass" | "volume", pint's unit name, g or ml in one of it) for a unit text; None for counts.

    A container word after the unit is dropped: "g packs" ("250g pack butter") is grams.
    """
    parsed = _pint_unit(unit)
    head, _, last = unit.strip().rpartition(" ")
    if parsed is None and head and _unit_word(last) in words.CONTAINER_UNITS:
        parsed = _pint_unit(head)
    if parsed is None:
        return None
    kind = "mass" if str(parsed.dimensionality) == "[mass]" else "volume"
    return kind, str(parsed), _to_base(parsed, "gram" if kind == "mass" else "milliliter")


@functools.lru_cache(maxsize=256)
def _to_base(unit, base: str) -> float:
    """How many g (or ml) one of the unit is."""
    return _registry().Quantity(1, unit).to(base).magnitude


def _buckets(parts: list[_Part]) -> list[_Bucket]:
    buckets: dict[tuple[str, str], _Bucket] = {}
    for part in parts:
        amount = _amount(part.line)
        if amount is None:
            continue
        kind, word, low, high, unit = amount
        bucket = buckets.setdefault((kind, word), _Bucket(kind=kind, word=word))
        bucket.quantity += low
        bucket.quantity_max += high if high is not None else low
        bucket.ranged |= high is not None
        bucket.vague |= word in words.VAGUE_UNITS
        bucket.units.add(unit)
    return list(buckets.values())


def _ceil(value: float, step: float) -> float:
    return math.ceil(value / step - EPSILON) * step


def _number(value: float) -> str:
    """1.5 → "1.5", 2.0 → "2", 1.25 → "1.25"."""
    return f"{round(value, 2):g}"


def _fraction(value: float) -> str:
    """A quarter-, third- or half-step amount with a fraction glyph: 1.5 → "1½", 0.25 → "¼"."""
    whole = math.floor(value + EPSILON)
    rest = value - whole
    for fraction, glyph in FRACTIONS.items():
        if abs(rest - fraction) < 0.01:
            return f"{whole or ''}{glyph}"
    return _number(value)


def _metric(value: float, small: str, large: str) -> tuple[float, str, str]:
    """Round up a number of g (or ml) the way a cook writes it, switching to kg (or l) from 1000.

    A whole number below 1000 stays as printed ("275 g"); a scaled one is rounded up (153.3 → "155 g").
    """
    if value >= 1000 - EPSILON:
        shown = _ceil(value / 1000, KILO_STEP)
        return shown, large, _number(shown)
    if abs(value - round(value)) < 1e-3 and value >= 1:
        return float(round(value)), small, _number(round(value))
    for below, step in METRIC_STEPS:
        if value < below:
            shown = _ceil(value, step)
            return shown, small, _number(shown)
    return _ceil(value, 10), small, _number(_ceil(value, 10))


def _spoons(value_ml: float) -> tuple[float, str, str]:
    tbsp = value_ml / _to_base(_registry().tablespoon, "milliliter")
    if tbsp >= 1 - EPSILON:
        shown = _ceil(tbsp, 0.5)
        return shown, "tbsp", _fraction(shown)
    tsp = value_ml / _to_base(_registry().teaspoon, "milliliter")
    shown = _ceil(tsp, 0.25)
    return shown, "tsp", _fraction(shown)


def _cups(value_ml: float) -> tuple[float, str, str]:
    cups = value_ml / _to_base(_registry().cup, "milliliter")
    shown = _ceil(cups, 0.25)
    return shown, "cup", _fraction(shown)


def _us_mass(value_g: float) -> tuple[float, str, str]:
    ounces = _registry().Quantity(value_g, "gram").to("ounce").magnitude
    if ounces < 16 - EPSILON:
        shown = _ceil(ounces, 0.5)
        return shown, "oz", _fraction(shown)
    shown = _ceil(ounces / 16, 0.25)
    return shown, "lb", _fraction(shown)


def _show(bucket: _Bucket, value: float, units: str) -> tuple[float, str, str]:
    """(number, unit symbol, text) of one end of a bucket's amount."""
    if bucket.kind == "mass":
        return _metric(value, "g", "kg") if units == METRIC else _us_mass(value)
    if bucket.kind == "volume":
        tbsp = value / _to_base(_registry().tablespoon, "milliliter")
        if bucket.units <= SPOON_UNITS and tbsp <= SPOON_LIMIT_TBSP + EPSILON:
            return _spoons(value)
        if bucket.units <= CUP_UNITS or units == US:
            if units == US and tbsp < 4 - EPSILON:
                return _spoons(value)
            return _cups(value)
        return _metric(value, "ml", "l")
    if bucket.vague:
        return value, bucket.word, _number(value)
    shown = float(math.ceil(value - EPSILON))
    return shown, bucket.word, _number(shown)


# Unit symbols an amount can be written in, with pint's name, the step it is rounded up to, and its writer.
_STEPPED = {
    "kg": ("kilogram", KILO_STEP, _number),
    "l": ("liter", KILO_STEP, _number),
    "tbsp": ("tablespoon", 0.5, _fraction),
    "tsp": ("teaspoon", 0.25, _fraction),
    "cup": ("cup", 0.25, _fraction),
    "oz": ("ounce", 0.5, _fraction),
    "lb": ("pound", 0.25, _fraction),
}


def _in_unit(bucket: _Bucket, value: float, symbol: str) -> tuple[float, str, str]:
    """One end of a bucket's amount written in a given unit (the low end of a range in the high end's)."""
    if symbol in ("g", "ml"):
        return _metric(value, symbol, "kg" if symbol == "g" else "l")
    if symbol not in _STEPPED:  # a count's word
        return _show(bucket, value, METRIC)
    name, step, write = _STEPPED[symbol]
    base = "gram" if bucket.kind == "mass" else "milliliter"
    shown = _ceil(value / _to_base(_registry().Unit(name), base), step)
    return shown, symbol, write(shown)


def _unit_text(unit: str, amount: float) -> str:
    if unit == "cup" or (unit and unit not in _SYMBOLS):
        return _plural(unit) if amount > 1 + EPSILON else unit
    return unit


def _plural(word: str) -> str:
    """The plural of a unit word or a food's last word ("clove" → "cloves", "slice" → "slices")."""
    return words.PLURALS.get(word) or inflection.pluralize(word)


_SYMBOLS = frozenset({"g", "kg", "ml", "l", "tbsp", "tsp", "oz", "lb"})


def _bucket_display(bucket: _Bucket, units: str) -> tuple[float, float | None, str, str]:
    low, unit, low_text = _show(bucket, bucket.quantity, units)
    high = high_text = None
    if bucket.ranged:
        high, high_unit, high_text = _show(bucket, bucket.quantity_max, units)
        if high_unit != unit:  # "800 g–1.2 kg" is written "0.8–1.2 kg": both ends in the larger unit
            low, unit, low_text = _in_unit(bucket, bucket.quantity, high_unit)
        if high <= low + EPSILON:
            high = None
    text = f"{low_text}–{high_text}" if high is not None else low_text
    unit_text = _unit_text(unit, high if high is not None else low)
    # Rounded as shown: 1.2 kg, not 1.2000000000000002.
    return round(low, 4), (round(high, 4) if high is not None else None), unit, f"{text} {unit_text}".strip()


# --- the list -----------------------------------------------------------------------------------------


def units_default(lines: list[Line]) -> str:
    """ "us" when more lines are measured in US customary units (cups, oz, lb) than metric ones."""
    names = [measure[1] for line in lines if (measure := _measure(line.unit)) is not None]
    us = sum(1 for name in names if name in US_UNITS)
    metric = sum(1 for name in names if name in METRIC_UNITS)
    return US if us > metric else METRIC


def _parts(lines: list[Line]) -> list[_Part]:
    parts = []
    for line in lines:
        for name, food in _split_names(line):
            key = food_key(name)
            if key:
                parts.append(_Part(line, name, food, key, frozenset(key.split())))
    return parts


def _groups(parts: list[_Part]) -> list[list[_Part]]:
    """Parts grouped by food: the same key, or the same FDC food where one name only adds words to the
    other ("parmesan" and "parmesan cheese"); "onion" and "red onion" are different FDC foods."""
    by_key: dict[str, list[_Part]] = defaultdict(list)
    for part in parts:
        by_key[part.key].append(part)
    keys = list(by_key)
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    fdc = {key: {_fdc_key(p.food) for p in by_key[key] if p.food} for key in keys}
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            a, b = set(first.split()), set(second.split())
            if (a <= b or b <= a) and fdc[first] & fdc[second]:
                parent[root(second)] = root(first)
    merged: dict[str, list[_Part]] = defaultdict(list)
    for key in keys:
        merged[root(key)].extend(by_key[key])
    return list(merged.values())


def _sizes_shared(group: list[_Part]) -> list[_Part]:
    """A can whose size a line leaves out is taken to be the size another line of the row prints."""
    sizes = {
        _unit_word(p.line.unit): (p.line.pack_quantity, p.line.pack_unit)
        for p in group
        if p.line.pack_quantity and _unit_word(p.line.unit) in words.CONTAINER_UNITS
    }
    shared = []
    for part in group:
        size = sizes.get(_unit_word(part.line.unit))
        if size and not part.line.pack_quantity:
            line = replace(part.line, pack_quantity=size[0], pack_unit=size[1])
            part = replace(part, line=line)
        shared.append(part)
    return shared


def _row(group: list[_Part], units: str) -> Row:
    group = _sizes_shared(group)
    name = _display_name(group)
    buckets = _buckets(group)
    shown = [_bucket_display(bucket, units) for bucket in buckets]
    quantity = quantity_max = unit = None
    if len(shown) == 1:
        quantity, quantity_max, unit, _ = shown[0]
    counted = buckets and all(b.kind == "count" and not b.word for b in buckets)
    if counted and quantity is not None:
        name = _pluralised(name, quantity_max or quantity)
    keys = sorted({part.key for part in group})
    lines: list[Line] = []
    for part in group:
        if part.line not in lines:
            lines.append(part.line)
    category = next((p.line.food_category for p in group if p.line.food_category and p.food), "")
    return Row(
        key=_slug(min(keys, key=len)),
        name=name,
        quantity=quantity,
        quantity_max=quantity_max,
        unit=unit,
        display=" + ".join(text for *_, text in shown),
        aisle=aisle_for(name, category, other_names=tuple(dict.fromkeys(p.name for p in group))),
        dishes=sorted({line.dish for line in lines}),
        lines=[line.text for line in lines],
        scaled=all(line.scalable for line in lines if line.quantity is not None),
        staple=any(key in _staple_keys() for key in keys),
        keys=[_slug(key) for key in keys],
    )


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key).strip("-")


def _pluralised(name: str, count: float) -> str:
    head, _, last = name.rpartition(" ")
    if count > 1 + EPSILON:
        singular = _stemmer().stem(last) == last or inflection.singularize(last) == last
        last = _plural(last) if singular else last
    return f"{head} {last}".strip()


def merge(lines: list[Line], *, units: str = METRIC) -> list[Row]:
    """One row per food across all lines, amounts added where they convert, sorted by aisle then name."""
    rows = [_row(group, units) for group in _groups(_parts(lines))]
    aisle_order = {aisle: index for index, aisle in enumerate(words.AISLES)}
    return sorted(rows, key=lambda row: (aisle_order[row.aisle], row.name))


@dataclass(frozen=True)
class AddedItem:
    """An item a person added by hand; its key is "added-<id>"."""

    key: str
    text: str


def shopping_list_build(
    *,
    session_id: str,
    lines: list[Line],
    guest_count: int | None,
    units: str | None,
    hide_staples: bool,
    ticked: set[str],
    added: list[AddedItem],
    show_staples: bool = False,
) -> dict:
    """The shopping list of DESIGN §4 as a JSON-ready dict.

    units: "metric" | "us", or None for the default read from the lines. Staples are left out while
    hide_staples is on, unless show_staples asks for every item (to look a key up). Items added by hand
    come last, in the order they were added.
    """
    units = units or units_default(lines)
    items = []
    for row in merge(lines, units=units):
        if hide_staples and row.staple and not show_staples:
            continue
        item = asdict(row)
        del item["staple"], item["keys"]
        items.append({**item, "checked": bool(ticked.intersection(row.keys)), "manual": False})
    for extra in added:
        items.append(
            {
                "key": extra.key,
                "name": extra.text,
                "quantity": None,
                "quantity_max": None,
                "unit": None,
                "display": "",
                "aisle": "other",
                "dishes": [],
                "lines": [extra.text],
                "scaled": True,
                "checked": extra.key in ticked,
                "manual": True,
            }
        )
    return {
        "session_id": str(session_id),
        "guest_count": guest_count,
        "hide_staples": hide_staples,
        "units": units,
        "items": items,
    }


def item_label(item: dict) -> str:
    """How an item is written on a list: "750 g beef mince", "salt", "napkins"."""
    return f"{item['display']} {item['name']}".strip()


CSV_COLUMNS = ("name", "quantity", "unit", "display", "aisle", "dishes", "checked")


def _cell(text: str) -> str:
    """A text cell a spreadsheet will not run: "=HYPERLINK(…)" typed as an item is written "'=HYPERLINK(…)"."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def shopping_list_csv(shopping_list: dict) -> str:
    """The list's items as CSV (DESIGN §4 columns); dishes joined with "; "; text cells that a spreadsheet
    would take for a formula are prefixed with an apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for item in shopping_list["items"]:
        writer.writerow(
            [
                _cell(item["name"]),
                "" if item["quantity"] is None else _number(item["quantity"]),
                item["unit"] or "",
                item["display"],
                item["aisle"],
                _cell("; ".join(item["dishes"])),
                "yes" if item["checked"] else "no",
            ]
        )
    return out.getvalue()


def aisle_title(aisle: str) -> str:
    """ "dairy-eggs" → "Dairy & eggs"."""
    return {"dairy-eggs": "Dairy & eggs", "meat-fish": "Meat & fish"}.get(aisle, aisle.capitalize())


def by_aisle(items: list[dict]) -> list[tuple[str, list[dict]]]:
    """Items grouped by aisle in shop order: [(aisle, items), …], empty aisles left out."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        groups[item["aisle"]].append(item)
    return [(aisle, groups[aisle]) for aisle in words.AISLES if groups[aisle]]


def shopping_list_text(shopping_list: dict) -> str:
    """Plain text for a notes app: an aisle heading, then one "- [ ] 750 g beef mince" line per item."""
    out = []
    for aisle, items in by_aisle(shopping_list["items"]):
        out.append(aisle_title(aisle))
        for item in items:
            out.append(f"- [{'x' if item['checked'] else ' '}] {item_label(item)}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n" if out else ""
