"""Template filters that write amounts the way a cook does: 1½, ¾, 2–3."""

from django import template

register = template.Library()

# Vulgar fractions a recipe prints, by value; amounts within TOLERANCE of one are written with it.
FRACTIONS = {
    1 / 8: "⅛",
    1 / 6: "⅙",
    1 / 5: "⅕",
    1 / 4: "¼",
    1 / 3: "⅓",
    3 / 8: "⅜",
    2 / 5: "⅖",
    1 / 2: "½",
    3 / 5: "⅗",
    5 / 8: "⅝",
    2 / 3: "⅔",
    3 / 4: "¾",
    4 / 5: "⅘",
    5 / 6: "⅚",
    7 / 8: "⅞",
}
# Close enough that 0.33 reads as ⅓ and 0.67 as ⅔, while 0.3 stays 0.3.
TOLERANCE = 0.01


def cook_number(value: float | int | None) -> str:
    """A quantity as a cook writes it: 1.5 → "1½", 0.25 → "¼", 2.0 → "2", 0.3 → "0.3", None → ""."""
    if value is None or value == "":
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number < 0:
        return str(value)
    whole = int(number)
    rest = number - whole
    if rest < TOLERANCE:
        return str(whole)
    if 1 - rest < TOLERANCE:
        return str(whole + 1)
    for fraction, glyph in FRACTIONS.items():
        if abs(rest - fraction) < TOLERANCE:
            return f"{whole}{glyph}" if whole else glyph
    return f"{number:.2f}".rstrip("0").rstrip(".")


@register.filter
def cook_quantity(value) -> str:
    """Template form of cook_number."""
    return cook_number(value)


@register.filter
def cook_amount(ingredient) -> str:
    """An ingredient's quantity with its range: "2–3", "1½", or "" when it has none."""
    low = cook_number(getattr(ingredient, "quantity", None))
    high = cook_number(getattr(ingredient, "quantity_max", None))
    if low and high and high != low:
        return f"{low}–{high}"
    return low


# Units a cook writes as a symbol, keyed by the name the ingredient parser gives them (pint's unit names).
UNIT_SYMBOLS = {
    "gram": "g",
    "kilogram": "kg",
    "milligram": "mg",
    "milliliter": "ml",
    "centiliter": "cl",
    "deciliter": "dl",
    "liter": "l",
    "teaspoon": "tsp",
    "tablespoon": "tbsp",
    "ounce": "oz",
    "fluid_ounce": "fl oz",
    "pound": "lb",
    "pint": "pt",
    "quart": "qt",
    "gallon": "gal",
}


@register.filter
def cook_unit(ingredient) -> str:
    """An ingredient's unit as a cook writes it: "gram" → "g", "tablespoon" → "tbsp", "cup" → "cups" above one.

    Other words ("cloves", "tins", "pinch") are shown as the recipe wrote them; "" when there is no unit.
    """
    unit = (getattr(ingredient, "unit", "") or "").strip()
    symbol = UNIT_SYMBOLS.get(unit.lower())
    if symbol:
        return symbol
    quantity = getattr(ingredient, "quantity_max", None) or getattr(ingredient, "quantity", None)
    if unit == "cup" and quantity is not None and quantity > 1:
        return "cups"
    return unit.replace("_", " ")


@register.filter
def notes(ingredient) -> str:
    """An ingredient's preparation and comment as one note: "finely chopped; or use shallots"."""
    parts = [getattr(ingredient, "preparation", ""), getattr(ingredient, "comment", "")]
    return "; ".join(part.strip(" ,;") for part in parts if part and part.strip(" ,;"))
