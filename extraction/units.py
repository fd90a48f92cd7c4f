"""Amounts as people write them, rewritten into the forms the ingredient parser knows.

The line a person sees is never changed: only the copy handed to the parser is. Three kinds of rewrite:

- decimal commas ("1,5 kg") become points, and thousands separators ("1,000 g") go;
- units typed in title case or capitals ("Tbsp", "Lb", "CUPS") become lower case, which the parser
  reads as the same unit (it pluralises "Tbsp" to "Tbsps" and reads "Qt" as an SI prefix otherwise);
  the one-letter "T" (tablespoon) and "t" (teaspoon) keep their case, since it is their meaning;
- the common unit abbreviations of German, French, Spanish, Dutch and Italian recipes ("EL", "c. à
  soupe", "cda", "el") become their English equivalents.

A package size written with a multiplication sign ("2 x 400g tins") becomes the bracketed form the parser
reads as a size ("2 (400g) tins"), so the 400 g is never taken for the quantity.
"""

from __future__ import annotations

import re
from fractions import Fraction

from .vocabulary import APPROXIMATELY, PACKAGES, RANGE_WORDS

# English unit words the parser knows in lower case; matched in any case right after an amount.
ENGLISH_UNITS = (
    "cups?|tbsps?|tbs|tbl|tbsp|tablespoons?|tsps?|teaspoons?|lbs?|pounds?|oz|ounces?|fl\\.? ?oz|"
    "g|gr|grams?|kg|kgs|kilos?|kilograms?|mg|ml|millilit(?:er|re)s?|l|lit(?:er|re)s?|"
    "quarts?|qts?|pints?|pts?|gallons?|gals?|cloves?|cans?|tins?|jars?|packages?|packets?|pkgs?|pkts?|"
    "sticks?|slices?|bunch(?:es)?|sprigs?|pinch(?:es)?|dash(?:es)?|handfuls?|heads?|stalks?|"
    "pieces?|bottles?|bags?|boxes|box|cartons?|envelopes?|containers?|large|medium|small"
)

# "cc" after an amount above this is cubic centimetres (millilitres); up to it, the French teaspoon
# ("1 cc de moutarde"): no recipe measures 5 ml in cc, nor 6 teaspoons of one thing.
MAX_TEASPOONS_IN_CC = 5
CUBIC_CENTIMETRES = "cc"

# Foreign unit abbreviations and words, each with the English unit the parser knows. Written once here;
# the block finder's unit vocabulary is built from the same table.
FOREIGN_UNITS: tuple[tuple[str, str], ...] = (
    # Grams as Spanish, Italian, Greek and German recipes abbreviate them ("200 gr"), which the parser
    # reads as grains, a unit no kitchen weighs in.
    (r"[Gg]rs?\.?", "g"),
    # English abbreviations of typed cards that the parser reads as part of the name ("1 PKG. DRY YEAST",
    # "1 TBL. FLOUR").
    (r"(?i:pkgs?|pkts?)\.?", "package"),
    (r"(?i:tbls|tblsp|tblspn|tbl)\.?", "tbsp"),
    (r"(?i:tspn)\.?", "tsp"),
    # German
    (r"EL|El|Eßl\.?|Essl\.?|Esslöffel|Eßlöffel", "tbsp"),
    (r"TL|Tl|Teel\.?|Teelöffel", "tsp"),
    (r"Msp\.?|Messerspitzen?|Prisen?", "pinch"),
    (r"Pck\.?|Pkg\.?|Päckchen|Packung(?:en)?", "package"),
    (r"Bund|Bd\.?", "bunch"),
    (r"Zehen?", "clove"),
    (r"Dosen?", "can"),
    (r"Becher", "tub"),
    (r"Stk\.?|Stück", ""),
    # French
    (r"c\.\s?à\.?\s?s\.?|c\.\s?à\s?soupe|càs|càsoupe|cuill(?:ère|\.)s?\s+à\s+soupe", "tbsp"),
    (r"c\.\s?à\.?\s?c\.?|c\.\s?à\s?café|càc|cuill(?:ère|\.)s?\s+à\s+café", "tsp"),
    # "3 cs d'huile", "1 cc de moutarde": the two spoons by their initials. "cc" is also the cubic
    # centimetre ("250 cc de leche"); the amount tells which (CUBIC_CENTIMETRES below).
    (r"[Cc]\.\s?[Ss]\.?|[Cc][Ss]|CàS", "tbsp"),
    (r"[Cc]\.\s?[Cc]\.?|[Cc][Cc]|CàC", CUBIC_CENTIMETRES),
    (r"pincées?", "pinch"),
    (r"gousses?", "clove"),
    (r"boîtes?", "can"),
    (r"sachets?", "packet"),
    # Spanish
    (r"cdas?\.?|cucharadas?", "tbsp"),
    (r"cdtas?\.?|cditas?\.?|cucharaditas?", "tsp"),
    (r"tazas?", "cup"),
    (r"pizcas?", "pinch"),
    (r"dientes?", "clove"),
    (r"latas?", "can"),
    # Dutch
    (r"el\.?|eetlepels?", "tbsp"),
    (r"tl\.?|theelepels?", "tsp"),
    (r"snufjes?|snuf", "pinch"),
    (r"teentjes?|tenen|teen", "clove"),
    (r"blikjes?|blik", "can"),
    # Italian
    (r"cucchiai|cucchiaio", "tbsp"),
    (r"cucchiaini|cucchiaino", "tsp"),
    (r"spicchi|spicchio", "clove"),
)

_NUMBER = r"\d+(?:[.,]\d+)?(?:\s+\d+/\d+|/\d+)?|[¼½¾⅓⅔⅛⅜⅝⅞]"
# The amount a unit follows: a number, a range, or a number and a fraction glyph.
_AMOUNT = rf"(?:{_NUMBER})(?:\s*[¼½¾⅓⅔⅛⅜⅝⅞])?(?:\s*(?:-|–|to|bis|à|a)\s*(?:{_NUMBER}))?"

# "1,5" is one and a half; "1,000" is a thousand. A comma between digits with one or two digits after
# it, and no third, is a decimal comma in the recipes of most of Europe.
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d+),(\d{1,2})(?![\d,])")
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}),(\d{3})(?![\d,])")
_ENGLISH_UNIT_AFTER_AMOUNT = re.compile(
    rf"(?P<amount>(?:^|(?<=\s)|(?<=\())(?:{_AMOUNT})\s*)(?P<unit>(?:{ENGLISH_UNITS}))(?P<dot>\.?)(?=[\s,)]|$)",
    re.IGNORECASE,
)
# The package after the size of each in brackets, which the parser misses in title case ("2 (2.25 Oz.)
# Cans Sliced Olives": no unit, no size); the amount inside the brackets is the pattern above's.
_UNIT_AFTER_SIZE = re.compile(
    rf"(?P<amount>^\s*(?:{_AMOUNT})\s*\([^()]{{1,30}}\)\s*)(?P<unit>(?:{ENGLISH_UNITS}))(?P<dot>\.?)(?=[\s,)]|$)",
    re.IGNORECASE,
)
_FOREIGN_UNIT_AFTER_AMOUNT = re.compile(
    # The unit may follow the size of each in brackets: "1 (8 oz) pkg cream cheese".
    rf"(?P<amount>^\s*(?:(?:{APPROXIMATELY})\s*)?(?:{_AMOUNT})\s*(?:\([^()]{{1,30}}\)\s*)?)(?P<unit>"
    + "|".join(f"(?P<u{index}>{pattern})" for index, (pattern, _) in enumerate(FOREIGN_UNITS))
    + r")(?=[\s,.)]|$)"
)
# "2 x 400g tins", "4 × 150 g fillets": a count of packages, or of pieces, of a size. Before a package word
# the size is written in brackets ("2 (400g) tins"), the form the parser reads as a package's size; before
# anything else as "4 x 150g", the form it reads as the size of each piece (in brackets it drops the size).
_TIMES_SIZE = re.compile(
    r"^(?P<count>\d+)\s*[x×]\s*(?P<size>\d+(?:[.,]\d+)?\s*(?:g|kg|ml|l|oz|ounces?|lbs?|pounds?|cl)\.?)"
    rf"(?P<package>\s+(?:{PACKAGES})\b)?(?=\s+\w)",
    re.IGNORECASE,
)
# "3 bis 4 Äpfel", "2 à 3 poireaux": a range written with a word, which the parser reads as "3-4".
_RANGE_IN_WORDS = re.compile(
    rf"^(?P<low>\s*(?:(?:{APPROXIMATELY})\s*)?\d+(?:[.,]\d+)?)\s+(?:{RANGE_WORDS})\s+(?=\d+(?:[.,]\d+)?\s)",
    re.IGNORECASE,
)


# Decilitres and centilitres (Nordic, Swiss and Dutch recipes), which the parser does not know, in millilitres.
_METRIC_VOLUME = re.compile(r"^(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>dl|cl)\b\.?", re.IGNORECASE)
_MILLILITRES_PER = {"dl": 100, "cl": 10}


def for_parser(line: str) -> str:
    """The copy of an ingredient line the parser should read: same meaning, in forms it knows."""
    text = _THOUSANDS.sub(r"\1\2", line)
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    text = _METRIC_VOLUME.sub(
        lambda match: f"{float(match['number']) * _MILLILITRES_PER[match['unit'].lower()]:g} ml", text
    )
    text = _TIMES_SIZE.sub(_count_of_size, text)
    text = _RANGE_IN_WORDS.sub(r"\g<low>-", text)
    text = _FOREIGN_UNIT_AFTER_AMOUNT.sub(_english_unit, text, count=1)
    text = _ENGLISH_UNIT_AFTER_AMOUNT.sub(_lower_unit, text)
    return _UNIT_AFTER_SIZE.sub(_lower_unit, text, count=1)


def foreign_unit(line: str) -> str:
    """The English unit a line's foreign unit word stands for ("2 dientes de ajo": "clove"), else ""."""
    text = _RANGE_IN_WORDS.sub(r"\g<low>-", _DECIMAL_COMMA.sub(r"\1.\2", line))
    match = _FOREIGN_UNIT_AFTER_AMOUNT.match(text)
    if match is None:
        return ""
    english = next((english for index, (_, english) in enumerate(FOREIGN_UNITS) if match[f"u{index}"]), "")
    return _spoon_or_cubic_centimetres(match["amount"]) if english == CUBIC_CENTIMETRES else english


def _spoon_or_cubic_centimetres(amount: str) -> str:
    """ "tsp" for a small amount in "cc" (French cuillère à café), "ml" for a larger one (cm³)."""
    number = re.search(r"\d+(?:\.\d+)?(?:/\d+)?", amount)
    if number is None:
        return "tsp"
    value = float(Fraction(number[0]))
    return "tsp" if value <= MAX_TEASPOONS_IN_CC else "ml"


def _count_of_size(match: re.Match) -> str:
    if match["package"]:
        return f"{match['count']} ({match['size']}){match['package']}"
    return f"{match['count']} x {match['size']}"


def _english_unit(match: re.Match) -> str:
    for index, (_, english) in enumerate(FOREIGN_UNITS):
        if match[f"u{index}"] is not None:
            if english == CUBIC_CENTIMETRES:
                english = _spoon_or_cubic_centimetres(match["amount"])
            return match["amount"] + english if english else match["amount"].rstrip()
    return match[0]


def _lower_unit(match: re.Match) -> str:
    unit = match["unit"]
    return match["amount"] + unit.lower() + match["dot"]
