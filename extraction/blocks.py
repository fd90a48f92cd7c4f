"""Find a recipe's title, yield and ingredient lines in the plain text of a card, page or scan."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .columns import in_reading_order
from .ocrfix import is_noise, repair_line

_FRACTIONS = "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
# Bullets, dashes and checkbox glyphs that start list items.
_BULLET = re.compile(r"^(?:[\-\*•▪▫●○◦□■▢☐☑☒✓✔✗✘·‣⁃–—>»\u2043\uf0b7\uf0a7\uf06e\uf0d8]+\s*)+")
# "1 ⁄2" as a page prints a fraction built from a fraction slash and two raised or lowered digits.
_SPACED_FRACTION = re.compile(r"(\d) ?\u2044 ?(\d)")
_ICON_OR_FORMAT = re.compile(r"[\ue000-\uf8ff\u200b-\u200f\u2060\ufeff\u00ad]")
# Buttons a recipe card prints after each ingredient.
_ITEM_BUTTON = re.compile(
    r"\s+(?:view nutrition(?:al)? info(?:rmation)?|(?:add to )?(?:shopping|grocery) list|"
    r"(?:\w+ )?substitutions? available)$",
    re.IGNORECASE,
)
# Print style sheets write a link's address after its text: "soy sauce (https://amzn.to/2TlEBH2)".
_PRINTED_LINK = re.compile(r"\s*\(\s*https?://[^)]{0,400}\)")
_NUMBERING = re.compile(r"^(\d{1,2})[.)]\s+")

_NUMBER = rf"(?:\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?(?![/\d])|\d+(?:[.,]\d+)?(?:\s*[{_FRACTIONS}])?|[{_FRACTIONS}]|\d+\s+\d+/\d+|\d+-\d+/\d+|\d+/\d+)"
_QUANTITY_START = re.compile(
    rf"^(?:about\s+|approx\.?\s+|approximately\s+|~\s*|ca\.?\s+|circa\s+|\()?{_NUMBER}"
    rf"|^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half|a few|few|several|some|"
    r"pinch|dash|handful|splash|drizzle|knob|sprinkle|juice|zest)\b",
    re.IGNORECASE,
)
_DIGIT_START = re.compile(rf"^(?:about\s+|approx\.?\s+|~\s*|\()?{_NUMBER}", re.IGNORECASE)
_UNIT = re.compile(
    r"\b(?:cups?|c\.|tbsps?|tbs|tbl|tablespoons?|tsps?|teaspoons?|t\.|g|gr|grams?|kg|kilos?|kilograms?|mg|"
    r"ml|millilit(?:er|re)s?|cl|dl|l|lit(?:er|re)s?|oz|ounces?|fl\.? ?oz|lbs?|pounds?|pinch(?:es)?|cloves?|"
    r"cans?|tins?|jars?|packages?|packets?|pkgs?|sticks?|slices?|bunch(?:es)?|sprigs?|handfuls?|dash(?:es)?|"
    r"quarts?|qts?|pints?|pts?|gallons?|heads?|stalks?|sheets?|leaves|bottles?|bags?|boxes|box|drops?|"
    r"knobs?|pieces?|fillets?|scoops?|large|medium|small|whole|el|tl|st|stk|prise|bund|zehen?|becher|"
    r"dose|päckchen|pck|cuillères?|c\.\s?à\.\s?[sc]|cucharadas?|cucharaditas?|tazas?|eetlepels?|theelepels?|"
    r"cucchiai|cucchiaini|spicchi|salt|pepper|to taste|as needed|optional)\b",
    re.IGNORECASE,
)
_INGREDIENT_HEADING = re.compile(
    r"^(?:[\w'’&-]+\s+){0,3}?(?:ingredients?|ingredient list|you(?:'|’)?(?:ll| will)? need|what you(?:'|’)?(?:ll)? need|"
    r"shopping list|zutaten|ingrédients|ingredientes|ingrediënten|ingredienti|ingredienser|ingrediensen|"
    r"składniki|ainekset|ingredients list)\b"
    r"(?:\s*(?:\(.{0,40}\)|for\b.{0,40}|-.{0,30}|[\d\s/.,½x]{1,16}|[\d\s]*(?:servings?|people|persons?|"
    r"portions?)|für.{0,30}|pour.{0,30}|para.{0,30}|per.{0,30}|voor.{0,30}))?\s*[:：.]?$",
    re.IGNORECASE,
)
# Recipe cards print their scale and unit buttons on the heading's row: "Ingredients 1x 2x 3x US Metric".
_SCALE_BUTTONS = re.compile(
    r"(?<=\S)(?:\s+(?:\d+(?:/\d+|\.\d+)?x|us customary|us|metric|imperial|cups?/grams))+\b", re.I
)
_END_HEADING = re.compile(
    r"^(?:method|methods|instructions?|directions?|preparation|preparations|steps|how to make(?: it| this| them)?|"
    r"to make|procedure|cooking instructions|cooking method|cooking directions|make it|let'?s cook|"
    r"zubereitung|anleitung|préparation|instructions de préparation|preparación|elaboración|"
    r"instrucciones|bereiding|bereidingswijze|werkwijze|preparazione|procedimento|modo de preparo|"
    r"notes?|recipe notes|cook'?s notes?|tips?|nutrition(?: facts| information| info)?(?: per (?:serving|portion|100 ?g))?|"
    r"nutritional information|"
    r"(?:recommended |special |kitchen |essential )?(?:equipment|tools)|video|reviews?|comments?|"
    r"leave a (?:comment|review)|did you make this recipe\??|"
    r"related recipes|more recipes|you (?:may|might) also like)\b[\s:：.]*(?:\(.{0,30}\))?$",
    re.IGNORECASE,
)
_METHOD_HEADING = re.compile(
    r"^(?:method|methods|instructions?|directions?|steps|how to make(?: it| this| them)?|procedure|"
    r"cooking instructions|cooking method|cooking directions|zubereitung|anleitung|préparation|"
    r"preparación|elaboración|instrucciones|bereiding|bereidingswijze|werkwijze|preparazione|"
    r"procedimento|modo de preparo)\b",
    re.IGNORECASE,
)
# A method heading printed on the row of the first step: "Instructions Preheat the oven to 180C."
_METHOD_HEADING_ON_STEP = re.compile(
    r"^(?:Method|METHOD|Instructions|INSTRUCTIONS|Directions|DIRECTIONS|Steps|STEPS|Preparation|PREPARATION)"
    r"\s*[:：.]?\s+(?P<rest>\S.*)$"
)
# The heading of a section that follows the list, printed on the row of its first line: "Equipment Whisk".
_SECTION_HEADING_ON_LINE = re.compile(
    r"^(?:(?:(?:Recommended|Special|Kitchen|Essential) )?(?:Equipment|EQUIPMENT|Tools|TOOLS)|"
    r"(?:Recipe )?(?:Notes|NOTES)|Nutrition(?: Facts| Information)?|NUTRITION(?: FACTS| INFORMATION)?)"
    r"\s*[:：]?\s+[A-Z]"
)
_STEP = re.compile(r"^(?:step\s*\d+\s*[.:)-]?\s*|\d{1,2}[.)]\s+)(?P<rest>.*)$", re.IGNORECASE)
_YIELD = re.compile(
    r"^(?:serves|serving|servings|makes|yield|yields|portions?|for|recipe makes|quantity|"
    r"portionen|für|personnes|pour|raciones|porciones|personas|porties|voor|porzioni|dosi per)\b\s*[:\-–]?\s*"
    r"(?P<value>(?:about\s+|approx\.?\s+)?\d.{0,50})$"
    r"|^(?P<value2>\d+(?:\s*[-–]\s*\d+)?\s+(?:servings?|portions?|people|persons?|personen|portionen|"
    r"personnes|porciones|personas|porzioni)\b.{0,30})$",
    re.IGNORECASE,
)
_COOKING_VERBS = (
    "preheat|heat|mix|stir|add|combine|bake|cook|place|whisk|pour|serve|remove|bring|let|season|cut|put|"
    "make|melt|beat|fold|spread|sprinkle|transfer|drain|roll|blend|simmer|boil|fry|saute|sauté|roast|grill|"
    "toss|arrange|top|cover|chill|refrigerate|set|line|grease|spray|divide|shape|form|knead|in a|in the|"
    "using|once|when|while|meanwhile|after|then|to serve|enjoy|store|repeat|turn|lightly|gently|carefully|"
    "slowly|first|next|finally|start|begin|prepare|rinse|wash|peel|chop|slice|dice|mince|grate|squeeze|"
    "allow|reduce|increase|check|taste|garnish|drizzle|brush|insert|scoop|fill|press|flip|wrap|keep"
)
_IMPERATIVE_START = re.compile(rf"^(?:{_COOKING_VERBS})\b", re.IGNORECASE)
_FURNITURE = re.compile(
    r"^(?:jump to (?:recipe|video|nutrition(?: facts)?|instructions|comments)|"
    r"print(?: recipe)?|pin(?: recipe)?|save(?: recipe)?|share|tweet|email|rate (?:this )?recipe|"
    r"\d+(?:\.\d+)? from \d+ (?:votes?|reviews?|ratings?)|[\d.]+ (?:out of [\d.]+ )?stars?(?: \(.*\))?|"
    r"\(?\d+ (?:reviews?|ratings?|votes?|comments?)\)?|"
    r"(?:want to )?save this(?: recipe)?\b.*|.*\b(?:sent|delivered)(?: right| straight)? to your inbox\b.*|"
    r"enter (?:your )?email\b.*|e-?mail\s*\*|search\.*(?:\s+search\.*)*|browse (?:all|more) recipes\b.*|"
    r"cook mode\b.*|(?:prevent|keep) your (?:screen|device)\b.*|your device does not support\b.*|go to homepage|"
    r"(?:(?:us customary|us standard|us|metric|imperial|scale|units?|\d*\.?\d+(?:/\d+)?x|[-–—/|:])\s*)+|"
    r"\d+x(?:\s*\d+x)*|"
    r"scale|servings?|advertisement|sponsored|click here\b.*|skip to (?:content|recipe)|log ?in|sign ?up|"
    r"subscribe\b.*|newsletter|facebook|pinterest|instagram|twitter|yummly|whatsapp|reddit|video|watch\b.*|"
    r"prep time\b.*|cook time\b.*|total time\b.*|cooking time\b.*|resting time\b.*|course\b.*|cuisine\b.*|"
    r"keywords?\b.*|author\b.*|calories\b.*|nutrition(?: facts| information| info)?\b(?!al).*|units?|"
    r"convert|cups?/grams|cup measurements|"
    r"add to (?:your |the |my )?(?:shopping list|grocery list|cart|collection)\b.*|buy\b.*|shop now\b.*|"
    r"print\b.*|ingredients? checklist|[☆★✩✪⭐\s]+|\d+/\d+|page \d+(?: of \d+)?|©.*|copyright\b.*|"
    r"all rights reserved\b.*)$",
    re.IGNORECASE,
)
_URL_OR_DATE = re.compile(
    r"https?://|www\.\w|^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}|\b\d{1,2}:\d{2}\s*(?:am|pm)\b",
    re.IGNORECASE,
)
_GROUP_WORDS = re.compile(
    r"\b(?:sauce|dressing|filling|topping|toppings|crust|frosting|icing|glaze|marinade|batter|dough|base|"
    r"garnish|salad|cake|assembly|assemble|serve|serving|rub|syrup|cream|ganache|pastry|streusel|crumble|"
    r"crumb|broth|soup|vinaigrette|pickles?|mixture|mix|spice|spices|seasoning|meatballs|noodles|rice|"
    r"bowls?|cookies|bars|biscuits|buttercream|custard|curd|sponge|cupcakes|muffins|pie|tart|bread|"
    r"decoration|decorate|optional|extras?|sides?|dip|salsa|slaw|chutney|relish|paste|stock|wet|dry|"
    r"ingredients|main|other|equipment|soak|brine|coating|egg wash|for)\b",
    re.IGNORECASE,
)
# Lines that open with a number but are not ingredients: times, nutrition facts, percentages, counts.
_NUTRIENT = (
    r"(?:total |saturated |trans |polyunsaturated |monounsaturated |unsaturated )?(?:fat|carbohydrates?|carbs|"
    r"protein|sodium|cholesterol|potassium|fib(?:er|re)|dietary fib(?:er|re)|total sugars?|added sugars?|sugars|saturates|"
    r"calcium|iron|vitamin [a-z]\d?|calories|energy|net carbs)"
)
_NOT_AN_INGREDIENT = re.compile(
    r"^[\d.,]+\s*(?:%|g|mg|mcg|µg|kcal|cal|kj|iu|mins?|minutes?|hrs?|hours?|secs?|seconds?|days?|"
    r"servings?|reviews?|ratings?|comments?|votes?|photos?|stars?|x)?\.?$"
    r"|^(?:[\d.,]+\s*(?:hrs?|hours?|mins?|minutes?)\s*)+$"
    r"|^\d+ of \d+$"
    # An archive or a timeline: "2014 – Bacon to Bosna".
    r"|^(?:19|20)\d\d\s*[-–—:]\s"
    r"|^[\d.,]+\s*%\s"
    rf"|^{_NUTRIENT}\b:?\s*[\d.,]+\s*(?:g|mg|mcg|µg|kcal|kj|iu|%)?(?:\s*[\d.,]+\s*%)?$"
    rf"|^[\d.,]+\s*(?:g|mg|mcg|µg|kcal|kj|iu)\s+(?!fat$){_NUTRIENT}$"
    r"|.*\b(?:daily value|kcal)\b",
    re.IGNORECASE,
)
# A line of a nutrition panel printed beside or under the list: "Fat 18 g", "Protein: 15g", "412 kcal".
_NUTRITION_LINE = re.compile(
    rf"^{_NUTRIENT}\b:?\s*[\d.,]+\s*(?:g|mg|mcg|µg|kcal|kj|iu|%)?(?:\s*[\d.,]+\s*%)?$"
    rf"|^[\d.,]+\s*(?:g|mg|mcg|µg|kcal|kj|iu)\s+(?!fat$){_NUTRIENT}$|.*\b(?:daily value|kcal)\b",
    re.IGNORECASE,
)
# OCR often drops the space in a mixed number: "11/2 cups" means 1 1/2 cups.
_OCR_MIXED_NUMBER = re.compile(r"^(\d)([1-7])/([2-8])\b")
_WRAP_END = re.compile(
    r"(?:,|\(|\b(?:and|or|of|into|for|to|with|in|plus|the|a|about|such|at|on)|[-–/+&])$", re.IGNORECASE
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


def clean_line(line: str) -> str:
    """A line with normalised spacing and no leading bullet or checkbox."""
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ").replace("\u200b", "")
    # Icon fonts draw their pictures (pins, stars, printers) with private-use characters.
    line = "".join(char for char in line if not _ICON_OR_FORMAT.match(char))
    line = " ".join(line.split())
    line = _SPACED_FRACTION.sub(r"\1/\2", line)
    line = _PRINTED_LINK.sub("", line)
    cleaned = _BULLET.sub("", line)
    if not is_furniture(cleaned):
        cleaned = _ITEM_BUTTON.sub("", cleaned)
    # Keep a leading dash that is really a minus or a range ("-1" never starts a recipe line, "—" alone does).
    return cleaned.strip()


def is_ingredient_heading(line: str) -> bool:
    """Whether line introduces an ingredient list ("Ingredients", "You will need:", "Zutaten")."""
    line = _SCALE_BUTTONS.sub("", line)
    # "10 ingredients" counts a recipe's ingredients (a teaser for another recipe); it heads nothing.
    if re.match(r"^\d+\s+ingredients?\b", line, re.IGNORECASE):
        return False
    return len(line) <= 60 and bool(_INGREDIENT_HEADING.match(line.strip(" *#=_")))


def is_end_heading(line: str) -> bool:
    """Whether line starts the method or another section after the ingredients."""
    return len(line) <= 60 and bool(_END_HEADING.match(line.strip(" *#=_")))


def is_furniture(line: str) -> bool:
    """Whether line is page furniture: navigation, sharing, ratings, timings, print headers and footers."""
    return bool(_FURNITURE.match(line)) or bool(_URL_OR_DATE.search(line))


def starts_with_quantity(line: str) -> bool:
    """Whether line opens with a number, a fraction or a counting word."""
    return bool(_QUANTITY_START.match(line))


def is_group_heading(line: str, next_line: str = "", *, styled_as_heading: bool = False) -> bool:
    """Whether line names a sub-group of ingredients ("For the sauce:") rather than being one.

    styled_as_heading: the page prints line in a heading's size or weight (known only for PDFs).
    """
    if not line or _DIGIT_START.match(line) or len(line) > 60:
        return False
    words = line.rstrip(":：").split()
    if len(words) > 7:
        return False
    if line.endswith((":", "：")):
        return True
    if _PART_HEADING.match(line):
        return len(words) <= 6 and "," not in line
    letters = [c for c in line if c.isalpha()]
    shouty = bool(letters) and all(c.isupper() for c in letters) and len(letters) > 2
    titled = all(w[0].isupper() or not w[0].isalpha() or w.lower() in _SMALL_WORDS for w in words)
    if (shouty or titled) and len(words) <= 5 and "," not in line and _GROUP_WORDS.search(line):
        return not next_line or bool(_DIGIT_START.match(next_line)) or starts_with_quantity(next_line)
    # A short capitalised line printed as a heading over measured lines names a component ("Garlic
    # Confit Butter", "Paneer skewers"); a title with a unit ("Salt & Pepper") is an ingredient, and so
    # is a title in the same style as the items ("Fluffy Steel Cut Oats").
    return (
        styled_as_heading
        and (shouty or titled or line[:1].isupper())
        and 1 <= len(words) <= 5
        and "," not in line
        and not _UNIT.search(line)
        and bool(_DIGIT_START.match(next_line))
        and not is_end_heading(line)
    )


_SMALL_WORDS = {"the", "a", "an", "and", "or", "of", "for", "with", "to", "in", "on"}
# Headings that name a part of a recipe by what it is for: "For the sauce", "To assemble", "Für den Teig".
_PART_HEADING = re.compile(
    r"^(?:for|to (?:make|serve|finish|garnish|assemble|decorate|top|glaze|dress|coat|fry|cook|brush|fill|"
    r"drizzle|sprinkle)|für|pour|para|per|voor)\b",
    re.IGNORECASE,
)


def ingredient_likeness(line: str) -> float:
    """How much line looks like an ingredient line: above 1 likely, 0 or below unlikely."""
    words = line.split()
    if not words or len(line) > 250:
        return -2.0
    score = 0.0
    if _DIGIT_START.match(line):
        score += 2.0
    elif starts_with_quantity(line):
        score += 1.0
    if _UNIT.search(line):
        score += 1.0
    if len(line) <= 80:
        score += 0.5
    elif len(line) > 160:
        score -= 1.5
    if len(words) >= 10 and line.endswith((".", "!", "?")):
        score -= 2.0
    if _IMPERATIVE_START.match(line) and len(words) >= 4:
        score -= 2.0
    if len(words) >= 8 and re.search(r"\b(?:minutes?|hours?|until|degrees|oven|°[cf]?)\b", line, re.I):
        score -= 1.0
    if is_furniture(line):
        score -= 3.0
    elif _NOT_AN_INGREDIENT.match(line):
        score -= 5.0
    return score


def _is_method_line(line: str) -> bool:
    """A numbered step or a sentence of instructions."""
    step = _STEP.match(line)
    if step:
        rest = step.group("rest")
        words = rest.split()
        # "3) salt and black pepper, to taste" is a numbered ingredient; a step is a sentence.
        if (
            rest
            and not starts_with_quantity(rest)
            and len(words) >= 5
            and (rest.endswith((".", "!")) or _IMPERATIVE_START.match(rest) or len(words) >= 10)
        ):
            return True
        if line.lower().startswith("step"):
            return True
    words = line.split()
    sentence = line.endswith((".", "!")) or ". " in line
    if _IMPERATIVE_START.match(line) and len(words) >= 6 and sentence and not _DIGIT_START.match(line):
        return True
    return len(words) >= 14 and line.endswith((".", "!")) and not _DIGIT_START.match(line)


def _opens_section(line: str) -> bool:
    """A heading of the method or another section with its first line on its row: the text layer joins
    a row's boxes ("Instructions Preheat the oven", "Equipment Baking sheet")."""
    return _opens_method(line) or bool(_SECTION_HEADING_ON_LINE.match(line))


def _opens_method(line: str) -> bool:
    match = _METHOD_HEADING_ON_STEP.match(line)
    if not match:
        return False
    rest = match.group("rest")
    return bool(_IMPERATIVE_START.match(rest) and rest[:1].isupper() or _STEP.match(rest))


def _is_yield_label(line: str) -> bool:
    """A yield line that opens with its label ("Serves 4"), never an ingredient ("4 portions fish")."""
    match = _YIELD.match(line)
    return bool(match and match.group("value"))


def find_yield(lines: list[str]) -> str:
    """The recipe's yield as written ("Serves 4", "Makes 12 cookies"), or ""."""
    for index, line in enumerate(lines):
        match = _YIELD.match(line)
        if match:
            return line if len(line) <= 60 else (match.group("value") or match.group("value2")).strip()
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
            and not _YIELD.match(line)
            and not _DIGIT_START.match(line)
            and not line.endswith((".", ":"))
            and any(c.isalpha() for c in line)
        ):
            return line
    return ""


# A part of a block: the sub-group heading it sits under ("" before any) and its lines.
Segment = tuple[str, list[str]]


def _collect_block(lines: list[str], start: int, styled: frozenset[str]) -> tuple[list[Segment], int]:
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
                return collected(), index - 1
            continue
        if is_end_heading(line):
            if has_items():
                break
            continue
        next_line = next((n for n in lines[index : index + 2] if n), "")
        # "1/2" alone is a page counter in a print's footer, but over a name it is that item's amount.
        amount_over_name = (
            bool(_QUANTITY_ONLY.match(line)) and next_line and not _DIGIT_START.match(next_line)
        )
        if (
            (is_furniture(line) and not amount_over_name)
            or _is_yield_label(line)
            or _NUTRITION_LINE.match(line)
        ):
            continue
        if is_group_heading(line, next_line, styled_as_heading=line in styled):
            segments.append((group_name(line), []))
            continue
        if has_items() and line in styled and _ends_list(line, lines[index : index + 12]):
            # A heading with no measured line under it opens another section ("Kitchen Tools", a site's
            # menu), so a list that follows is not the next part of this one.
            return collected(), -index
        if _is_method_line(line) or _opens_section(line):
            if has_items():
                break
            continue
        segments[-1][1].append(line)
    return collected(), index


# Three blank lines in a row end a block under a heading (typed cards leave one between groups).
BLANK_LINES_ENDING_BLOCK = 3


def group_name(heading: str) -> str:
    """A sub-group heading as its name: "For the sauce:" is "For the sauce", "**Tare**" is "Tare"."""
    return heading.strip(" *#=_").rstrip(":：").strip(" *#=_")


def _ends_list(heading: str, following: list[str]) -> bool:
    """Whether a line printed as a heading starts a section that is not ingredients.

    It does when it is a short capitalised name that is not an ingredient group, the line under it is not
    a lowercase ingredient name, and none of the few lines after it has a quantity ("Kitchen Tools",
    "My Dashboard").
    """
    after = [line for line in following if line][:MEASURED_LOOKAHEAD]
    next_line = next((line for line in following[:2] if line), "")
    return (
        not any(_DIGIT_START.match(line) for line in after)
        and len(heading.split()) <= 5
        and all(word[:1].isupper() or not word[:1].isalpha() for word in heading.split())
        and not is_end_heading(next_line)
        and not is_ingredient_heading(next_line)
        and not _GROUP_WORDS.search(heading)
        and not next_line[:1].islower()
        and not _DIGIT_START.match(heading)
        and not starts_with_quantity(heading)
        and not _UNIT.search(heading)
        and not starts_with_quantity(next_line)
    )


# How many lines after a heading may show that it still heads measured lines.
MEASURED_LOOKAHEAD = 4


def _block_score(items: list[str]) -> float:
    """How much a block looks like an ingredient list: lines with quantities count most.

    Lines of bare names count for little unless quantities show the block is a list of ingredients,
    so that a menu of names ("Popular ingredients", site navigation) never outweighs a real list.
    """
    likeness = [ingredient_likeness(item) for item in items]
    shapes = Counter(_shape(item) for item in items)
    # The same line with other numbers, over and over ("01 of 107", "4.5 stars"), is a counter, not a list;
    # a repeated measured line ("½ tsp salt" in three parts of a recipe) is not.
    likeness = [
        -1.0 if shapes[_shape(item)] >= 3 and not _UNIT.search(item) else value
        for item, value in zip(items, likeness, strict=True)
    ]
    with_quantity = sum(1 for value in likeness if value >= 2)
    plain = sum(1 for value in likeness if 0 < value < 2)
    bad = len(items) - with_quantity - plain
    share = with_quantity / max(len(items), 1)
    return with_quantity + plain * (0.05 + 0.35 * min(1.0, 2 * share)) - bad


def _shape(line: str) -> str:
    return re.sub(r"[\d.,/¼½¾⅓⅔⅛⅜⅝⅞\s-]+", " ", line.lower()).strip()


_PREPARATION_ONLY = re.compile(
    r"^(?:(?:finely|roughly|thinly|freshly|lightly|coarsely|very) )?[a-z]+ed(?: and [a-z]+ed)?$|"
    r"^(?:to serve|to taste|optional|\(optional\)|divided|to decorate|for serving)$"
)
# A note printed under its ingredient on a line of its own: "(optional)", "(not blackstrap)".
_NOTE_ONLY = re.compile(r"^\([^()]{1,80}\)$")
_QUANTITY_ONLY = re.compile(rf"^(?:{_NUMBER}|\d+)$")
# A quantity and its unit with no ingredient ("1 1/2 tsps", "425 g"): pages that print the amount in a box
# of its own put the name on the next line.
_AMOUNT_ONLY = re.compile(
    rf"^{_NUMBER}\s*(?:cups?|tbsps?|tablespoons?|tsps?|teaspoons?|g|grams?|kg|mg|ml|cl|dl|l|liters?|litres?|"
    r"oz|ounces?|fl\.? ?oz|lbs?|pounds?|pinch(?:es)?|cloves?|cans?|tins?|pieces?|pcs?|slices?|sticks?|"
    r"bunch(?:es)?|sprigs?|quarts?|pints?|stalks?|heads?|handfuls?|large|medium|small)\.?$",
    re.IGNORECASE,
)


def _join_split_quantities(items: list[str]) -> list[str]:
    """Join a quantity printed on a line of its own ("2" then "cups flour", "1" then "⁄2 cup oil")."""
    joined: list[str] = []
    # A list that opens with a bare name over an amount prints each name first ("Pine nuts" then "70 g").
    name_first = len(items) >= 2 and not _DIGIT_START.match(items[0]) and bool(_DIGIT_START.match(items[1]))
    amount_first = bool(items) and bool(_AMOUNT_ONLY.match(items[0]) or _QUANTITY_ONLY.match(items[0]))
    for item in items:
        if joined and item.startswith(("⁄", "/")) and joined[-1][-1:].isdigit():
            joined[-1] = joined[-1] + item
        elif joined and _QUANTITY_ONLY.match(joined[-1]) and not _DIGIT_START.match(item):
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and not name_first and _amount_before_name(joined, item, amount_first):
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and _NOTE_ONLY.match(item):
            joined[-1] = f"{joined[-1]} {item}"
        elif joined and _PREPARATION_ONLY.match(item) and _DIGIT_START.match(joined[-1]):
            # Pages that print the preparation in its own box: "85g unsalted butter" then "melted".
            joined[-1] = f"{joined[-1]} {item}"
        else:
            joined.append(item)
    return joined


# An ingredient's name under its amount runs to this many words with its note ("pork belly (700g skinless
# pork belly, cut into 1-inch cubes)"); a longer line is a sentence of the method.
MAX_NAME_WORDS = 16


def _amount_before_name(joined: list[str], item: str, amount_first: bool) -> bool:
    """Whether joined ends with an amount printed over its name, item, rather than under the one before.

    amount_first: the list opens with an amount on a line of its own, so every amount heads its name.
    """
    if not _AMOUNT_ONLY.match(joined[-1]) or starts_with_quantity(item) or len(item.split()) > MAX_NAME_WORDS:
        return False
    return amount_first or len(joined) == 1 or bool(_DIGIT_START.match(joined[-2]))


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


def reads_on(previous: str, line: str) -> bool:
    """Whether the words show that line carries on previous: an open bracket, a trailing comma or "and"."""
    previous, line = previous.rstrip(), line.strip()
    if previous.count("(") > previous.count(")"):
        return True
    return bool(_WRAP_END.search(previous)) and (line[:1].islower() or line[:1] in "()")


def _strip_numbering(items: list[str]) -> list[str]:
    """Drop "1." "2." item numbers when the whole list is numbered."""
    numbers = [_NUMBERING.match(item) for item in items]
    if len(items) >= 2 and all(numbers):
        values = [int(match.group(1)) for match in numbers if match]
        if values == list(range(values[0], values[0] + len(values))):
            return [_NUMBERING.sub("", item, count=1) for item in items]
    return items


def _fix_ocr_numbers(line: str) -> str:
    match = _OCR_MIXED_NUMBER.match(line)
    if match and int(match.group(2)) < int(match.group(3)):
        return f"{match.group(1)} {match.group(2)}/{match.group(3)}{line[match.end() :]}"
    return line


def _shaped_runs(lines: list[str], styled: frozenset[str]) -> list[tuple[int, int, list[Segment]]]:
    """Runs of ingredient-shaped lines, each with the indexes of its first line and of the line after it,
    in segments split at sub-group headings (the first named by a group heading just above the run).

    For text whose list has no heading, or a heading the page hid. Runs inside a method section (after
    "Method" or "Instructions") are steps that mention quantities, not a list.
    """
    runs: list[tuple[int, int, list[Segment]]] = []
    segments: list[Segment] = []
    run_start = 0
    misses = 0
    lines_since_method_heading = METHOD_START_LINES
    content = [*_content_lines(lines), (len(lines), _END_OF_TEXT)]
    previous = ""
    for position, (index, line) in enumerate(content):
        next_line = content[position + 1][1] if position + 1 < len(content) else ""
        heading = is_ingredient_heading(line) or is_end_heading(line) or _opens_section(line)
        likeness = -9.0 if heading or line is _END_OF_TEXT else ingredient_likeness(line)
        starts_method = lines_since_method_heading < METHOD_START_LINES
        lines_since_method_heading += 1
        run = [item for _, items in segments for item in items]
        if likeness >= 2.5 and not _is_method_line(line) and not (starts_method and not run):
            if not run:
                run_start = index
                above = previous if previous and is_group_heading(previous, line) else ""
                segments = [(group_name(above) if above else "", [])]
            segments[-1][1].append(line)
            misses = 0
        elif run and is_group_heading(line, next_line, styled_as_heading=line in styled):
            segments.append((group_name(line), []))
        elif run and likeness >= 0.5 and len(line.split()) <= 6 and misses < 2:
            segments[-1][1].append(line)
            misses += 1
        elif run or segments:
            while segments and (not segments[-1][1] or ingredient_likeness(segments[-1][1][-1]) < 2.5):
                if segments[-1][1]:
                    segments[-1][1].pop()
                else:
                    segments.pop()
            run = [item for _, items in segments for item in items]
            if len([item for item in run if _DIGIT_START.match(item)]) >= 2 and not _numbered_steps(run):
                runs.append((run_start, index, segments))
            segments, misses = [], 0
        if heading:
            method = bool(_METHOD_HEADING.match(line.strip(" *#=_"))) and not is_ingredient_heading(line)
            lines_since_method_heading = 0 if method else METHOD_START_LINES
        elif is_group_heading(line, next_line, styled_as_heading=line in styled):
            # A part's heading ("To Serve") ends the method of the part before.
            lines_since_method_heading = METHOD_START_LINES
        previous = line
    return runs


# Lines with quantities right after "Method" or "Instructions" open the steps, not a list.
METHOD_START_LINES = 3


def _numbered_steps(run: list[str]) -> bool:
    """Whether most lines open with the numbers 1, 2, 3... in turn, as steps do and quantities do not."""
    numbers = [
        int(match.group(1)) for match in (re.match(r"(\d{1,2})\b(?![/.,]\d)", item) for item in run) if match
    ]
    in_turn = sum(1 for first, second in zip(numbers, numbers[1:], strict=False) if second == first + 1)
    return len(numbers) >= 4 and in_turn >= 0.75 * len(run)


def _content_lines(lines: list[str]) -> list[tuple[int, str]]:
    """The non-empty lines with their indexes, a quantity printed on a line of its own joined to the next."""
    content: list[tuple[int, str]] = []
    pending: tuple[int, str] | None = None
    for index, line in enumerate(lines):
        if not line:
            continue
        if pending is not None:
            if _DIGIT_START.match(line) or is_ingredient_heading(line) or is_end_heading(line):
                content.append(pending)
            else:
                index, line = pending[0], f"{pending[1]} {line}"
            pending = None
        if _QUANTITY_ONLY.match(line) or (
            _AMOUNT_ONLY.match(line) and (not content or _DIGIT_START.match(content[-1][1]))
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
        mended = join(_strip_numbering(_join_split_quantities(lines)))
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
            segments, end = _collect_block(lines, index + 1, styled)
            another_section = end < 0
            end = abs(end)
            items, groups = _joined(segments, join)
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
                previous_end = -1 if another_section else end
            index = max(end, index + 1)
        else:
            index += 1
    return candidates


_INGREDIENT_WORD = re.compile(
    r"\b(?:ingredients?|zutaten|ingrédients|ingredientes|ingrediënten|ingredienti)\b", re.I
)


def _part_name(lines: list[str], heading_index: int) -> tuple[str, bool]:
    """The name of the part an ingredient heading belongs to, and whether the heading itself gives it:
    the heading's own words ("Frosting ingredients"), else a short name on the line above it ("Pork
    Broth" over "Ingredients:"), which on a page of one recipe is its title."""
    own = group_name(_INGREDIENT_WORD.sub("", _SCALE_BUTTONS.sub("", lines[heading_index])))
    own = re.sub(r"^(?:[-–—:(]\s*)+|\s*[)]$", "", own).strip()
    if own and not re.fullmatch(r"[\d\s/.,½x]*|(?:list|checklist)", own, re.I):
        return own, True
    above = next((line for line in reversed(lines[max(0, heading_index - 3) : heading_index]) if line), "")
    if (
        above
        and len(above) <= 50
        and len(above.split()) <= 6
        and not above.endswith((".", "!", "?", ","))
        and not _DIGIT_START.match(above)
        and not is_furniture(above)
        and not is_end_heading(above)
        and not is_ingredient_heading(above)
        and not _is_method_line(above)
        and not _YIELD.match(above)
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
    lines = [clean_line(raw) for raw in _join_hanging_indents(in_reading_order(text).splitlines())]
    if from_ocr:
        # Noise becomes a blank line, so it neither joins nor ends a block more than a gap would.
        lines = ["" if is_noise(line) else _fix_ocr_numbers(repair_line(line)) for line in lines]
    content = [line for line in lines if line]
    warnings: list[str] = []

    headed = _headed_blocks(lines, join, styled_headings)
    if len(headed) == 1 and _names_list(headed[0].items):
        # The one list under the one heading, written as bare names ("Zucchini", "Basil").
        headed[0].score = max(headed[0].score, 1.0)
    shaped = _shaped_blocks(lines, join, styled_headings)
    best = max(
        [*headed, *shaped],
        key=lambda candidate: candidate.score + (HEADING_BONUS if candidate.under_heading else 0.0),
        default=None,
    )
    ingredients: list[str] = []
    groups: list[str] = []
    if best is not None and best.score > 0:
        if best.under_heading:
            chosen = _with_related_blocks(best, headed)
        else:
            chosen = [best]
            warnings.append("No ingredient heading was found; the list was recognised by its shape.")
        chosen = _with_named_parts(best, chosen, shaped)
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


# A typed item's later lines set in by 1 to this many spaces under its first (a hanging indent).
HANGING_INDENT_SPACES = 6


def _join_hanging_indents(raw_lines: list[str]) -> list[str]:
    """Typed lines with the lines of an item that a hanging indent shows joined to its first line.

    "2 cups flour, sifted" then "  twice" is one item when its first line opens with an amount and the
    second is set in under it with no amount or bullet of its own.
    """
    out: list[str] = []
    first_indent = -1
    for raw in raw_lines:
        expanded = raw.expandtabs(4).rstrip()
        indent = len(expanded) - len(expanded.lstrip())
        text = expanded.strip()
        if (
            out
            and first_indent >= 0
            and text
            and first_indent < indent <= first_indent + HANGING_INDENT_SPACES
            and not _BULLET.match(text)
            and (not starts_with_quantity(text) or _WRAP_END.search(out[-1].rstrip()))
            and out[-1].strip()
        ):
            out[-1] = f"{out[-1].rstrip()} {text}"
            continue
        out.append(raw)
        cleaned = _BULLET.sub("", text)
        first_indent = indent if text and _DIGIT_START.match(cleaned) else -1
    return out


# A block under an ingredient heading wins over a headless run this much less list-like.
HEADING_BONUS = 1.0
# A block under its own ingredient heading is another part of the recipe when it is at least this list-like
# compared with the best block (corpus: parts with their own method score from a third of the main one).
RELATED_BLOCK_SHARE = 0.5
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
    return [
        candidate
        for candidate in headed
        if candidate is best
        or (
            (
                candidate.follows_previous
                or candidate.score >= best.score * RELATED_BLOCK_SHARE
                or (candidate.part and best.part)
            )
            and _is_part_of(candidate, best)
        )
    ]


def _with_named_parts(
    best: _Candidate, chosen: list[_Candidate], shaped: list[_Candidate]
) -> list[_Candidate]:
    """The chosen blocks with the runs of measured lines after them that a part's heading names ("To
    Serve" over a list with no "Ingredients" heading), on pages made of named parts."""
    if not (len(chosen) > 1 or best.part):
        return chosen
    taken = list(chosen)
    for candidate in shaped:
        if (
            candidate.part
            and candidate.start > best.start
            and not any(other.start <= candidate.start < other.end for other in taken)
            and _is_part_of(candidate, best)
        ):
            taken.append(candidate)
    return sorted(taken, key=lambda candidate: candidate.start)


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
    its printable copy)."""
    for length in range(2, len(items) // 2 + 1):
        if items[length] != items[0]:
            continue
        first = set(items[:length])
        rest = items[length:]
        if sum(item in first for item in rest) >= 0.8 * len(rest):
            return length
    return len(items)


def _names_list(items: list[str]) -> bool:
    likeness = [ingredient_likeness(item) for item in items]
    plain = sum(1 for value in likeness if value > 0)
    return plain >= 3 and plain >= 2 * (len(items) - plain)


def _quantity_share(items: list[str]) -> float:
    return sum(bool(_DIGIT_START.match(item)) for item in items) / max(len(items), 1)


def _mostly_repeats(items: list[str], chosen: list[str]) -> bool:
    """Whether items are mostly chosen again (a copy in other units); two parts may share a line or two
    ("water", "salt"), so a short part needs more than half of its lines repeated."""
    if not chosen:
        return False
    seen = {_name_only(item) for item in chosen}
    repeats = sum(_name_only(item) in seen for item in items)
    return repeats >= REPEATED_SHARE * len(items) and repeats >= min(2, len(items))


# A block this share of whose ingredient names the chosen list already holds is a copy of it.
# Corpus: printed copies in other units repeat every name; separate parts share at most one in two.
REPEATED_SHARE = 0.5


_LEADING_AMOUNT = re.compile(
    rf"^(?:(?:{_NUMBER}|[\d.,/]+)\s*(?:[\w.]+/[\w.]+\s+)?)+(?:{_UNIT.pattern}\.?\s*)?", re.I
)


def _name_only(item: str) -> str:
    """An ingredient line without its amount, so a list printed again in other units ("296 ml olive oil"
    after "1 ¼ cups olive oil") reads as the same list."""
    return _LEADING_AMOUNT.sub("", item.lower()).strip() or item.lower()
