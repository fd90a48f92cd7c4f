"""OCR slips in ingredient lines, corrected where the line itself shows what was printed.

Tesseract reads glyph shapes, not recipes, so it confuses look-alikes: "Ib" for lb, "02" or "0z" for oz,
"legg" for 1 egg, "g" read as "9" after a weight ("1509" for 150g), a checkbox read as "0" or "O" before
the amount. Each rule here fires only where a cook would read the line the same way: a unit after an
amount, a weight that only makes sense with its unit, a mark before a number that no recipe prints.
Lines that hold no words at all (scan edges, stains, page noise) are recognised as noise.
"""

from __future__ import annotations

import re

from .vocabulary import MEASURES

_FRACTION_GLYPHS = "¼½¾⅓⅔⅛⅜⅝⅞"
# A checkbox or bullet read as a letter or digit, then the amount: "O 2 cups", "0 1/2 tsp", "[] 3 eggs",
# "(0 1 cup" (the box's left side read as a bracket as well).
_CHECKBOX_READ_AS_TEXT = re.compile(
    rf"^(?:[0OoQD□▢☐]|\(\s*[0O]|\[\s*\]|\(\s*\)|\[\s*\)|\(\s*\])\s+(?=\d|[{_FRACTION_GLYPHS}])"
)
# "Ib" and "Ibs" for lb and lbs after an amount; capital I, lower-case l and a bar look alike in most
# faces ("2 |b").
_IB_FOR_LB = re.compile(r"(?<=[\d\s½¼¾])[I|]b(s?)\b")
# "0z", "02" or "Oz" for oz after an amount: "8 0z chocolate", "1 02 butter", "802 chocolate" (8oz).
_ZERO_FOR_OZ = re.compile(r"(?<=\d)(\s?)(?:0z|0Z)\b")
_SPACED_02_FOR_OZ = re.compile(r"(?<=\d )02\b(?=\s+[A-Za-z(])")
_GLUED_OZ = re.compile(r"^(\d{1,2})02(?=\s+[A-Za-z(])")
# "1egg", "2eggs", "1cup": an amount glued to its word, which no typed card does except with a metric
# unit ("200g") or an ordinal or dimension.
_GLUED_AMOUNT = re.compile(
    r"^(\d+(?:/\d+)?)(?!(?:g|kg|mg|ml|cl|dl|l|oz|lb|lbs|x|st|nd|rd|th|cm|mm|in|inch|pt|qt)\b)([a-z]{2,})\b"
)
# "legg", "Icup", "l cup": a one read as the letter l or I before a counted word or a unit.
_COUNTED = (
    r"eggs?|cups?|tbsps?|tsps?|tablespoons?|teaspoons?|cans?|tins?|cloves?|onions?|lemons?|limes?|"
    r"pinch|bunch|sticks?|packets?|packages?|jars?|bay|small|medium|large|whole|handful|lb|oz|pound|ounce"
)
_ONE_READ_AS_LETTER = re.compile(rf"^[lIL|]\s?(?=(?:{_COUNTED})\b)")
# A numbered list's "1." to "9." lose their digit in Tesseract's page layout, leaving ". 2 tsp oil"; the
# numbers from 10 on survive ("10. 30ml soy sauce"); "6)" may keep only its bracket (") ¾ tsp. salt").
# Either way the item number goes when an amount follows, a one read as a letter too ("5) legg").
_ITEM_NUMBER = re.compile(
    rf"^(?:\d{{1,2}}[.)]|[.,·)])\s+(?=\d|[{_FRACTION_GLYPHS}]|[lIL|]\s?(?:{_COUNTED})\b)"
)
# "ml" with its l read as "!", "I", "i" or "]": "30m! soy sauce", "1 cup (250 mi) water", "60m] milk".
_ML = re.compile(r"(?<=\d)(\s?)m[!I|i\]](?=[\s),;]|$)")
# "¼" and "½" read as a per-cent sign and the denominator before a unit: "(%4 cup)", "%2 tsp".
_PERCENT_FRACTION = re.compile(rf"(?<![\w%])%([24])(?=\s+(?:{MEASURES})\b)", re.IGNORECASE)
# A metric weight read with its "g" as "9": "1509 flour" (150g), "1509/5202" (150g/5½oz). Metric weights
# in recipes are multiples of five, which is what tells "1509" (150 g) from a real number.
_NINE_FOR_G = re.compile(r"^(\d{2,4})9(?=\s+[a-zA-Z(]|\s*/\s*\d)")
# "150g/52oz" read from "150g/5½oz": the half glyph read as "2".
_METRIC_IMPERIAL = re.compile(r"^(\d+)g\s*/\s*(\d+)(?:oz|02|0z)\b")
GRAMS_PER_OUNCE = 28.35
# An imperial figure this far from its metric twin is a misreading; recipes round to within about 20%.
IMPERIAL_TOLERANCE = 0.25


def repair_line(line: str) -> str:
    """An OCR'd line with the look-alike slips of amounts and units corrected (see the module doc)."""
    line = _ITEM_NUMBER.sub("", line)
    line = _CHECKBOX_READ_AS_TEXT.sub("", line)
    line = _ONE_READ_AS_LETTER.sub("1 ", line, count=1)
    line = _NINE_FOR_G.sub(_nine_for_g, line, count=1)
    line = _GLUED_OZ.sub(r"\1oz", line, count=1)
    line = _ZERO_FOR_OZ.sub(r"\1oz", line)
    line = _SPACED_02_FOR_OZ.sub("oz", line)
    line = _METRIC_IMPERIAL.sub(_imperial_twin, line, count=1)
    line = _IB_FOR_LB.sub(r"lb\1", line)
    line = _ML.sub(r"\1ml", line)
    line = _PERCENT_FRACTION.sub(lambda match: "¼" if match[1] == "4" else "½", line)
    return _GLUED_AMOUNT.sub(r"\1 \2", line, count=1)


def _nine_for_g(match: re.Match) -> str:
    weight = int(match[1])
    return f"{weight}g" if weight % 5 == 0 and weight >= 10 else match[0]


def _imperial_twin(match: re.Match) -> str:
    grams, ounces = int(match[1]), match[2]
    target = grams / GRAMS_PER_OUNCE
    readings = [(ounces, float(ounces))]
    if len(ounces) >= 2 and ounces.endswith(("2", "4")):
        # "52" for "5½", "14" for "¼" after a whole number.
        glyph = "½" if ounces.endswith("2") else "¼"
        readings.append((ounces[:-1] + glyph, int(ounces[:-1]) + (0.5 if glyph == "½" else 0.25)))
    best, value = min(readings, key=lambda reading: abs(reading[1] - target))
    if abs(value - target) > IMPERIAL_TOLERANCE * target:
        best = ounces
    return f"{grams}g/{best}oz"


# Share of a line's visible characters that must be letters or digits for it to be text, not noise.
MIN_ALPHANUMERIC_SHARE = 0.5


def is_noise(line: str) -> bool:
    """Whether an OCR'd line is page noise (a scan edge, a stain, a fold) rather than printed words.

    Noise has no word of three letters and no number, or is mostly marks: "|", "—~ ,", "i ‘ .", "ee Ee".
    """
    visible = [char for char in line if not char.isspace()]
    if not visible:
        return False
    alphanumeric = sum(char.isalnum() for char in visible)
    if alphanumeric < MIN_ALPHANUMERIC_SHARE * len(visible):
        return True
    words = re.findall(r"[A-Za-zÀ-ÿ]{3,}", line)
    has_number = bool(re.search(rf"\d|[{_FRACTION_GLYPHS}]", line))
    if not words and not has_number:
        return True
    # Letters strewn between marks and single characters ("i : | ee :") rather than words.
    tokens = line.split()
    short = sum(1 for token in tokens if len(token) <= 2)
    return len(tokens) >= 3 and short >= 0.75 * len(tokens) and not has_number
