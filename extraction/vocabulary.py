"""The words recipes are written in, each list written once: units, headings of each section, cooking
verbs, page furniture, nutrients, bullets and numbers.

Each is a compiled pattern or a pattern string that the line predicates (lines.py) and the block finder
(blocks.py) share; a new wording goes here and every rule that needs it sees it.
"""

from __future__ import annotations

import re

FRACTIONS = "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
# Bullets, dashes and checkbox glyphs that start list items, and the typed checkboxes of Markdown task lists
# and notes apps ("- [ ] ", "[x] ").
BULLET = re.compile(
    r"^(?:(?:[\-\*•▪▫●○◦□■▢☐☑☒✓✔✗✘·‣⁃–—>»\u2043\uf0b7\uf0a7\uf06e\uf0d8]+|\[ ?[xX✓✔]? ?\])\s*)+"
)
# A bullet, a checkbox or "Step" opens an item or a step whatever the line above says.
ITEM_MARK = re.compile(r"^(?:[•▢☐□●■▪*–—-]|step\b)", re.IGNORECASE)
# Nor does a line that opens with an amount carry on the line above, unless the words show it does.
NOT_A_CONTINUATION = re.compile(r"^(?:[\d¼½¾⅓⅔⅛⅜⅝⅞]|[•▢☐□●■▪*–—-]|step\b)", re.IGNORECASE)
# "1 ⁄2" as a page prints a fraction built from a fraction slash and two raised or lowered digits.
SPACED_FRACTION = re.compile(r"(\d) ?\u2044 ?(\d)")
ICON_OR_FORMAT = re.compile(r"[\ue000-\uf8ff\u200b-\u200f\u2060\ufeff\u00ad]")
# Buttons a recipe card prints after each ingredient.
ITEM_BUTTON = re.compile(
    r"\s+(?:view nutrition(?:al)? info(?:rmation)?|(?:add to )?(?:shopping|grocery) list|"
    r"(?:\w+ )?substitutions? available)$",
    re.IGNORECASE,
)
# Print style sheets write a link's address after its text: "soy sauce (https://amzn.to/2TlEBH2)".
PRINTED_LINK = re.compile(r"\s*\(\s*https?://[^)]{0,400}\)")
NUMBERING = re.compile(r"^(\d{1,2})[.)]\s+")

NUMBER = rf"(?:\d+(?:[.,]\d+)?\s*[-–]\s*\d+(?:[.,]\d+)?(?![/\d])|\d+(?:[.,]\d+)?(?:\s*[{FRACTIONS}])?|[{FRACTIONS}]|\d+\s+\d+/\d+|\d+-\d+/\d+|\d+/\d+)"
QUANTITY_START = re.compile(
    rf"^(?:about\s+|approx\.?\s+|approximately\s+|~\s*|ca\.?\s+|circa\s+|\()?{NUMBER}"
    rf"|^(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half|a few|few|several|some|"
    r"pinch|dash|handful|splash|drizzle|knob|sprinkle|juice|zest)\b",
    re.IGNORECASE,
)
DIGIT_START = re.compile(rf"^(?:about\s+|approx\.?\s+|~\s*|\()?{NUMBER}", re.IGNORECASE)
# Units and sizes an amount is counted in, English first, then the common ones of other languages' recipes.
MEASURES = (
    r"cups?|tbsps?|tbs|tbl|tablespoons?|tsps?|teaspoons?|g|gr|grams?|kg|kilos?|kilograms?|mg|"
    r"ml|millilit(?:er|re)s?|cl|dl|l|liters?|litres?|oz|ounces?|fl\.? ?oz|lbs?|pounds?|pinch(?:es)?|cloves?|"
    r"cans?|tins?|jars?|packages?|packets?|pkgs?|pcs?|sticks?|slices?|bunch(?:es)?|sprigs?|handfuls?|"
    r"dash(?:es)?|quarts?|qts?|pints?|pts?|gallons?|heads?|stalks?|sheets?|leaves|bottles?|bags?|boxes|box|"
    r"drops?|knobs?|pieces?|fillets?|scoops?|large|medium|small|whole"
)
FOREIGN_MEASURES = (
    r"el|tl|st|stk|prise|bund|zehen?|becher|dose|päckchen|pck|cuillères?|c\.\s?à\.\s?[sc]|cs|cc|cucharadas?|"
    r"cucharaditas?|tazas?|eetlepels?|theelepels?|cucchiai|cucchiaini|spicchi"
)
# Words between the two ends of a range in the recipes of other languages: "3 bis 4" (German), "2 à 3"
# (French), "2 a 3" (Spanish, Portuguese), "2 tot 3" (Dutch), and "or" ("3 o 4", "2 oder 3", "2 ou 3").
# English "to" and "or" the parser reads itself.
RANGE_WORDS = r"bis|à|a|tot|o|ó|oder|ou"
# "About" before an amount, in the languages of the recipes people upload: "ca. 2-3 EL", "env. 200 g".
APPROXIMATELY = r"ca\.|circa|etwa|ungefähr|env\.|environ|aprox\.|aproximadamente|ongeveer|about|approx\.?"
# The partitive article French, Spanish and Italian put between a measure and what it measures: "250 g de
# farine", "2 dientes de ajo", "100 g d'amandes", "1 cda de aceite", "100 g di farina". Lower case only: "De
# Cecco spaghetti" is a name.
PARTITIVE = re.compile(r"^(?:(?:de l|d)['’]\s*|(?:de la|del|de|di|della|dello|delle|degli)\s+)(?=\w)")
# How an ingredient is made ready, in German, which the English-trained parser leaves in the name after a
# comma: "Zwiebeln, fein gewürfelt", "Parmesan, frisch gerieben", "Tomaten, entkernt und gewürfelt",
# "Lauch, in Ringe geschnitten", "Butter, weich". A past participle (ge-...-t, ge-...-en, -iert, ent-/zer-/ver-
# ...-t) or one of the words such a phrase is made of; every word of the phrase must be one.
GERMAN_PREPARATION_WORD = re.compile(
    r"(?:ab|an|aus|auf|klein)?ge[a-zäöüß]+(?:t|en)|[a-zäöüß]+iert|(?:ent|zer|ver)[a-zäöüß]+t|fein|feinst|grob|"
    r"klein|frisch|dünn|dick|weich|zimmerwarm|kalt|warm|flüssig|und|oder|in|im|zu|etwa|ca\.|würfel|"
    r"scheiben|streifen|ringe|stücke|stücken|spalten|hälften|vierteln|achteln",
    re.IGNORECASE,
)
# "To taste" in the languages of the recipes people upload, at the end of a name: "Salz und Pfeffer nach
# Geschmack", "sel au goût", "sale q.b.".
FOREIGN_TO_TASTE = re.compile(
    r"[\s,]+(?P<note>nach (?:geschmack|belieben)|à votre goût|au goût|al gusto|a gusto|a piacere|q\.\s?b\.|"
    r"naar smaak)$",
    re.IGNORECASE,
)
# What goods are bought in, each of a size printed beside it: "2 x 400 g tins", "6 x 125 g pots".
PACKAGES = (
    r"cans?|tins?|jars?|packages?|packets?|pkgs?|pkts?|pots?|tubs?|cartons?|bottles?|bags?|boxes|box|"
    r"blocks?|sachets?|containers?|envelopes?|tubes?|punnets?"
)
# A unit anywhere in a line, or a word that only an ingredient line holds ("salt", "to taste").
UNIT = re.compile(
    rf"\b(?:c\.|t\.|{MEASURES}|{FOREIGN_MEASURES}|salt|pepper|to taste|as needed|optional)\b", re.IGNORECASE
)
# Seasonings a list ends with, often with no amount: "salt and black pepper", "oil, as needed".
# An ingredient named with what it is for: "Flour for rolling", "Oil for frying", "Sprinkles for garnish".
FOR_A_PURPOSE = re.compile(r"\S\s+for\s+(?:[a-z]+ing|garnish|serving|decoration|the pan)$", re.IGNORECASE)
SEASONING = re.compile(r"\b(?:salt|pepper|to taste|as needed)\b", re.IGNORECASE)
# A seasoning line that is an item of its own, with no amount: "salt and pepper, to taste", "salt as required",
# "kosher salt and olive oil", "sea salt & black pepper". SEASONING_KIND names the salt or pepper; a line
# that ends on one of its words ("1 tsp kosher") goes on with the salt on the next.
SEASONING_KIND = r"kosher|sea|flaky|table|coarse|fine|rock|pink|himalayan|black|white|ground|freshly|cracked"
SEASONING_ITEM = re.compile(
    rf"^(?:(?:{SEASONING_KIND})\s+){{0,3}}(?:salt|pepper)\b.*?(?:\s(?:and|or|&)\s|\bto taste\b|"
    r"\bas (?:needed|required|desired)\b)",
    re.IGNORECASE,
)
SEASONING_KIND_END = re.compile(rf"\b(?:{SEASONING_KIND})$", re.IGNORECASE)
# "Ingredients" in the languages of the recipes people upload.
INGREDIENT_WORDS = (
    r"ingredients?|zutaten|ingrédients|ingredientes|ingrediënten|ingredienti|ingredienser|ingrediensen|"
    r"składniki|ainekset"
)
INGREDIENT_HEADING = re.compile(
    r"^(?:[\w'’&-]+\s+){0,3}?(?:ingredient list|ingredients list|you(?:'|’)?(?:ll| will)? need|"
    rf"what you(?:'|’)?(?:ll)? need|shopping list|{INGREDIENT_WORDS})\b"
    r"(?:\s*(?:\(.{0,40}\)|for\b.{0,40}|-.{0,30}|[\d\s/.,½x]{1,16}|[\d\s]*(?:servings?|people|persons?|"
    r"portions?)|für.{0,30}|pour.{0,30}|para.{0,30}|per.{0,30}|voor.{0,30}))?\s*[:：.]?$",
    re.IGNORECASE,
)
# The servings an ingredient heading names on its row, once "Ingredients" is taken off: "for 4 people"
# ("Ingredients for 4 people"), "für 4 Personen", "pour 6 personnes", "para 4 personas", "serves 6"
# ("Ingredients (serves 6)"), "4 servings". A number and at most three words: "for 9x13 pan" and "for 2
# 9-inch pies" are no count of servings.
HEADING_YIELD = re.compile(
    r"^(?:for|für|pour|para|per|voor|serves|makes|yields?)?\s*:?\s*(?:about\s+|ca\.\s*)?"
    r"\d+(?:\s*[-–]\s*\d+)?(?:\s+[^\W\d_][\w.]*){0,3}$",
    re.IGNORECASE,
)
# The heading with the name of the list's first part printed on its row: "Ingredients Blueberry Cake".
# The plural only: "Ingredient Substitution Guide" is a link, not a heading.
# A sentence that leads into the list and ends on what it needs: "To yield about 4 half-pints, you'll need:".
INGREDIENT_LEAD_IN = re.compile(r"^(?!\d)[^.!?]{0,80}\byou(?:'|’)?(?:ll| will)? need\s*[:：]$", re.IGNORECASE)
INGREDIENT_HEADING_WITH_PART = re.compile(
    r"^(?i:ingredients|zutaten|ingrédients|ingredientes|ingrediënten|ingredienti)\s+(?:[A-Z][\w'’&-]*\s*){1,4}$"
)
# Recipe cards print their scale and unit buttons on the heading's row: "Ingredients 1x 2x 3x US Metric",
# "Ingredients CUPS/OUNCES GRAMS/ML 1X 2X".
SCALE_BUTTONS = re.compile(
    r"(?<=\S)(?:\s+(?:\d+(?:/\d+|\.\d+)?x|us customary|us|metric|imperial|"
    rf"(?:{MEASURES})/(?:{MEASURES})))+\b",
    re.I,
)
# A unit and scale toolbar printed on the row of the line after it: "Units US M Scale 1X 2X 3X For the sauce:"
# (two scale buttons at least, so that "2x chicken breasts" keeps its count).
SCALE_TOOLBAR = re.compile(
    r"^(?:(?:units?|us customary|us|m|metric|imperial|scale)\s+)*"
    r"(?:\d+(?:\.\d+|/\d+)?x\s+){2,}(?=[^\d\s])",
    re.IGNORECASE,
)
# A vulgar fraction printed against its unit, or a count against a unit word: "¾cup", "1teaspoon".
GLUED_AMOUNT = re.compile(
    rf"^(?:\d+\s*)?[{FRACTIONS}](?=[a-z])|^\d+(?:[.,/]\d+)?(?=(?:cups?|tablespoons?|teaspoons?|tbsps?|tsps?|"
    r"pounds?|ounces?|cloves?|cans?|large|medium|small|pinch)\b)",
    re.IGNORECASE,
)
# Headings of the method, in the languages of the recipes people upload.
METHOD_WORDS = (
    r"method|methods|instructions?|directions?|steps|how to make(?: it| this| them)?|procedure|"
    r"cooking instructions|cooking method|cooking directions|zubereitung|anleitung|préparation|"
    r"instructions de préparation|preparación|elaboración|instrucciones|bereiding|bereidingswijze|werkwijze|"
    r"preparazione|procedimento|modo de preparo|what to do"
)
# Headings of the tools a recipe needs.
EQUIPMENT_WORDS = r"(?:recommended |special |kitchen |essential )?(?:equipment|tools|utensils)(?: needed)?"
EQUIPMENT_HEADING = re.compile(rf"^{EQUIPMENT_WORDS}\b[\s:：.]*$", re.IGNORECASE)
# Headings of the method or of any other section that ends the ingredient list.
END_HEADING = re.compile(
    rf"^(?:{METHOD_WORDS}|preparation|preparations|to make|make it|let'?s cook|"
    r"notes?|recipe notes|cook'?s notes?|tips?|nutrition(?: facts| information| info)?(?: per (?:serving|portion|100 ?g))?|"
    r"nutritional information|"
    rf"{EQUIPMENT_WORDS}|video|reviews?|comments?|"
    r"leave a (?:comment|review)|did you make this recipe\??|"
    r"related recipes|more recipes|recent recipes|(?:you|people|readers) (?:may |might )?also (?:like|love|enjoy)|"
    # The method's heading with the recipe's name: "How To Make italian stuffed zucchini".
    r"how to make\s[^.!?,]{1,50}?)"
    # A heading may have its show / hide button on its row ("INSTRUCTIONS SHOW").
    r"\b(?:\s+(?:show|hide|expand|collapse))?[\s:：.]*(?:\(.{0,30}\))?$",
    re.IGNORECASE,
)
# The heading of a recipe's notes or tips, whose measured lines are substitutions, not more of the list.
NOTES_HEADING = re.compile(r"^(?:(?:recipe |cook'?s )?notes?|tips?)\b[\s:：.]*$", re.IGNORECASE)
METHOD_HEADING = re.compile(rf"^(?:{METHOD_WORDS})\b", re.IGNORECASE)
# A method heading printed on the row of the first step: "Instructions Preheat the oven to 180C."
METHOD_HEADING_ON_STEP = re.compile(
    r"^(?:Method|METHOD|Instructions|INSTRUCTIONS|Directions|DIRECTIONS|Steps|STEPS|Preparation|PREPARATION)"
    r"\s*[:：.]?\s+(?P<rest>\S.*)$"
)
# The heading of a section that follows the list, printed on the row of its first line: "Equipment Whisk".
SECTION_HEADING_ON_LINE = re.compile(
    r"^(?:(?:(?:Recommended|Special|Kitchen|Essential) )?(?:Equipment|EQUIPMENT|Tools|TOOLS)|"
    r"(?:Recipe )?(?:Notes|NOTES)|Nutrition(?: Facts| Information)?|NUTRITION(?: FACTS| INFORMATION)?)"
    r"\s*[:：]?\s+[A-Z]"
)
STEP = re.compile(r"^(?:step\s*\d+\s*[.:)-]?\s*|\d{1,2}[.)]\s+)(?P<rest>.*)$", re.IGNORECASE)
YIELD = re.compile(
    r"^(?:serves|serving|servings|makes|yield|yields|portions?|for|recipe makes|quantity|"
    r"portionen|für|personnes|pour|raciones|porciones|personas|porties|voor|porzioni|dosi per)\b\s*[:\-–]?\s*"
    r"(?P<value>(?:about\s+|approx\.?\s+)?\d.{0,50})$"
    r"|^(?P<value2>\d+(?:\s*[-–]\s*\d+)?\s+(?:servings?|portions?|people|persons?|personen|portionen|"
    r"personnes|porciones|personas|porzioni)\b.{0,30})$",
    re.IGNORECASE,
)
# A count of servings on a line of its own, as recipe cards print it over the list: "4 servings".
SERVINGS_ONLY = re.compile(
    r"^\d+(?:\s*[-–]\s*\d+)?\s+(?:servings?|portions?|people|persons?)$", re.IGNORECASE
)
COOKING_VERBS = (
    "preheat|heat|mix|stir|add|combine|bake|cook|place|whisk|pour|serve|remove|bring|let|season|cut|put|"
    "make|melt|beat|fold|spread|sprinkle|transfer|drain|roll|blend|simmer|boil|fry|saute|sauté|roast|grill|"
    "toss|arrange|top|cover|chill|refrigerate|set|line|grease|spray|divide|shape|form|knead|in a|in the|"
    "using|once|when|while|meanwhile|after|then|to serve|enjoy|store|repeat|turn|lightly|gently|carefully|"
    "slowly|first|next|finally|start|begin|prepare|rinse|wash|peel|chop|slice|dice|mince|grate|squeeze|"
    "allow|reduce|increase|check|taste|garnish|drizzle|brush|insert|scoop|fill|press|flip|wrap|keep|marinate|"
    "soak|whip|coat|assemble|thaw|trim|mash|sift|skewer|gather|sear|soften|braise|poach|"
    # "Brown" opens a step only before what it browns: "Brown sugar" is an ingredient.
    "brown (?:the|it|them|all|both|everything)"
)
IMPERATIVE_START = re.compile(rf"^(?:{COOKING_VERBS})\b", re.IGNORECASE)
FURNITURE = re.compile(
    r"^(?:jump to (?:recipe|video|nutrition(?: facts)?|instructions|comments)|"
    r"print(?: recipe)?|pin(?: recipe)?|save(?: recipe)?|share|tweet|email|rate (?:this )?recipe|"
    r"\d+(?:\.\d+)? from \d+ (?:votes?|reviews?|ratings?)|no (?:ratings|reviews|votes) yet|[\d.]+ (?:out of [\d.]+ )?stars?(?: \(.*\))?|"
    r"\(?\d+ (?:reviews?|ratings?|votes?|comments?)\)?|"
    r"(?:want to )?save this(?: recipe)?\b.*|.*\b(?:sent|delivered)(?: right| straight)? to your inbox\b.*|"
    r"enter (?:your )?email\b.*|e-?mail\s*\*|search\.*(?:\s+search\.*)*|browse (?:all|more) recipes\b.*|"
    r"cook mode\b.*|(?:prevent|keep) your (?:screen|device)\b.*|your device does not support\b.*|go to homepage|"
    r"(?:(?:us customary|us standard|us|m|metric|imperial|scale|units?|select one|\d*\.?\d+(?:/\d+)?x|[-–—/|:])\s*)+|"
    # Scale buttons, the last one cut short where the print ended its box: "1x 2x 3"; spaced ("1 X 2 X 3 X"),
    # or bare numbers from one up ("1 2 3").
    r"\d+x(?:\s*\d+x)*|\d+x(?:\s*\d+x)+\s+\d|\d+\s+x(?:\s+\d+\s+x)+|1\s+2\s+3(?:\s+4)?|"
    # A promotion printed in the card: "Get the guide for FREE", "Tap here to download my FREE Recipe eBook".
    r".*\bfor free\b.*|.*\bdownload\b.*|.*\be-?book\b.*|"
    r".*\btap or hover to scale\b.*|"
    # A link to a site's guide, printed under the list: "Ingredient Substitution Guide", "Cooking Guide".
    r"(?!\d)(?:[\w'’&-]+\s+){0,3}guides?|"
    # Scale buttons that open with a fraction: "½ 1x 2x", "½x 1x 2x".
    rf"[{FRACTIONS}]x?(?:\s+\d+(?:\.\d+)?x)+|"
    r"scale|servings?|advertisement|sponsored|click here\b.*|skip to (?:content|recipe)|log ?in|sign ?up|"
    r"subscribe\b.*|newsletter|facebook|pinterest|instagram|twitter|yummly|whatsapp|reddit|video|watch\b.*|"
    # The total row of an ingredient table: "Total Weight: 1.040", "Total: 2 kg".
    r"total(?:\s+\w+)?\s*:\s*[\d.,]+\s*\w*|"
    r"prep time\b.*|cook time\b.*|total time\b.*|cooking time\b.*|resting time\b.*|course\b.*|cuisine\b.*|"
    r"keywords?\b.*|author\b.*|calories\b.*|nutrition(?: facts| information| info)?\b(?!al).*|units?|"
    r"convert|cups?/grams|cup measurements|"
    r"add to (?:your |the |my )?(?:shopping list|grocery list|cart|collection)\b.*|buy\b.*|shop now\b.*|"
    r"print\b.*|ingredients? checklist|[☆★✩✪⭐\s]+|\d+/\d+|page \d+(?: of \d+)?|©.*|copyright\b.*|"
    r"all rights reserved\b.*|"
    # A comment thread's buttons and timestamps ("Reply", "Reply to Terry", "4 years ago"): a count that
    # is no amount, which with the like count ("0") read as a run of measured lines.
    r"reply\b.*|(?:\d+|an?|one) (?:second|minute|hour|day|week|month|year)s? ago)$",
    re.IGNORECASE,
)
# A row of buttons printed in spaced capitals, read with its spaces out of place ("PRI N T  P I N  SAVE"):
# with the spaces taken out, nothing but the buttons' words.
SPACED_BUTTONS = re.compile(
    r"^(?:print|pin|save|share|review|reviews|rate|email|tweet|comment|comments|jump|recipe|video)+$",
    re.IGNORECASE,
)
URL_OR_DATE = re.compile(
    r"https?://|www\.\w|^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}|\b\d{1,2}:\d{2}\s*(?:am|pm)\b",
    re.IGNORECASE,
)
GROUP_WORDS = re.compile(
    r"\b(?:sauce|dressing|filling|topping|toppings|crust|frosting|icing|glaze|marinade|batter|dough|base|"
    r"garnish|garnishes|salad|cake|assembly|assemble|serve|serving|rub|syrup|cream|ganache|pastry|streusel|crumble|"
    r"crumb|broth|soup|vinaigrette|pickles?|mixture|mix|spice|spices|seasoning|meatballs|noodles|rice|"
    r"bowls?|cookies|bars|biscuits|buttercream|custard|curd|sponge|cupcakes|muffins|pie|tart|bread|"
    r"decoration|decorate|optional|extras?|sides?|dip|salsa|slaw|chutney|relish|paste|stock|wet|dry|"
    r"ingredients|main|other|equipment|soak|brine|coating|egg wash|for)\b",
    re.IGNORECASE,
)
# Lines that open with a number but are not ingredients: times, nutrition facts, percentages, counts.
NUTRIENT = (
    r"(?:total |saturated |trans |polyunsaturated |monounsaturated |unsaturated )?(?:fat|carbohydrates?|carbs|"
    r"protein|sodium|cholesterol|potassium|fib(?:er|re)|dietary fib(?:er|re)|total sugars?|added sugars?|sugars|saturates|"
    r"calcium|iron|zinc|magnesium|phosphorus|folate|vitamin [a-z]\d?|calories|energy|net carbs)"
)
NUTRITION_UNIT = r"(?:g|mg|mcg|µg|kcal|kj|iu)"
# A line of a nutrition panel, printed beside or under the list: "Fat 18 g", "Protein: 15g", "412 kcal".
NUTRITION_FACT = (
    rf"^{NUTRIENT}\b:?\s*[\d.,]+\s*(?:g|mg|mcg|µg|kcal|kj|iu|%)?(?:\s*[\d.,]+\s*%)?$"
    rf"|^[\d.,]+\s*(?:g|mg|mcg|µg|kcal|kj|iu)\s+(?!fat$){NUTRIENT}$|.*\b(?:daily value|kcal)\b"
    # A panel laid out in a grid and read across its rows: the values of one row ("10g 51g"), or a value
    # with the labels of the next row ("33g Saturated Fat: Polyunsaturated Fat:", "468kcal Carbohydrates:").
    rf"|^(?:[\d.,]+\s*{NUTRITION_UNIT}\s+)+[\d.,]+\s*{NUTRITION_UNIT}$"
    rf"|^[\d.,]+\s*(?:{NUTRITION_UNIT}|servings?)\s+(?:(?:{NUTRIENT}|sugar)\s*:\s*)+$"
    # A value with its share of the daily value, the nutrient's name on a row of its own ("667 mg 50%").
    rf"|^[\d.,]+\s*{NUTRITION_UNIT}\s+[\d.,]+\s*%$"
    # Salt in a British panel, in grams to a decimal ("Salt 1.2 g"); salt in a list is "5 g salt", "Salt, 5 g".
    r"|^salt:?\s*\d*[.,]\d+\s*g$"
)
# A timing and nothing else, ranges too ("1 hr 20 mins", "30-60 minutes").
TIMING_ONLY = r"^(?:[\d.,]+(?:\s*[-–]\s*[\d.,]+)?\s*(?:hrs?|hours?|mins?|minutes?)\s*)+$"
# A label of a card's facts printed over its value ("SERVINGS" over "4 Sandwiches", "Makes:" over "1 drink");
# also "COOK:" alone, and a value with the next label on its row ("45 MINS SERVINGS:").
FACT_LABEL = re.compile(
    r"^(?:servings?|serves|yields?|makes|portions?|(?:prep|cook|cooking|total|resting|bake|baking) time)"
    r"\s*:?$|^(?:prep|cook|total|bake):$|"
    r"^\d.*\s(?:servings?|serves|yields?|makes|portions?|(?:prep|cook|total) time):$",
    re.IGNORECASE,
)
NOT_AN_INGREDIENT = re.compile(
    r"^[\d.,]+\s*(?:%|g|mg|mcg|µg|kcal|cal|kj|iu|mins?|minutes?|hrs?|hours?|secs?|seconds?|days?|"
    # "11.8k": a count of shares or likes in thousands.
    r"servings?|reviews?|ratings?|comments?|votes?|photos?|stars?|x|k)?\.?$"
    rf"|{TIMING_ONLY}"
    r"|^\d+ of \d+$"
    # A recipe's title that opens with its time or count ("10-Minute Romesco Sauce", "5-Ingredient Bread")
    # in a list of related recipes; an amount is never joined to a time or a count of ingredients.
    r"|^\d+[-‐–]\s?(?:minutes?|mins?|hours?|hrs?|ingredients?|days?|seconds?)\b"
    # An archive or a timeline: "2014 – Bacon to Bosna".
    r"|^(?:19|20)\d\d\s*[-–—:]\s"
    # A percentage ("15 % of the daily value"), not a fraction glyph OCR read as "%" before a unit ("1% cups").
    rf"|^[\d.,]+\s*%\s(?!\s*(?:{MEASURES})\b)"
    rf"|{NUTRITION_FACT}",
    re.IGNORECASE,
)
NUTRITION_LINE = re.compile(NUTRITION_FACT, re.IGNORECASE)
# OCR often drops the space in a mixed number: "11/2 cups" means 1 1/2 cups.
OCR_MIXED_NUMBER = re.compile(r"^(\d)([1-7])/([2-8])\b")
# A wrapped row opening with a word that joins it to the row above ("or farrow and sea salt").
WRAP_START = re.compile(r"^(?:and|or|plus|with|to|of|for|into|in)\b")
WRAP_END = re.compile(
    r"(?:,|\(|\b(?:and|or|of|into|for|to|with|in|plus|the|a|about|around|such|at|on)|[-–/+&])$", re.IGNORECASE
)


# An item written name first and amount last, the amount after the last comma ("Ground beef, 300 g",
# "Onions, 1", "Flatbreads, ~6", "Sour cream, 2 spoonfuls").
AMOUNT_AFTER_NAME = re.compile(rf",\s*~?\s*[\d{FRACTIONS}][\d{FRACTIONS}\s/.,-]*(?:[^\W\d_]{{1,12}}\.?)?$")


SMALL_WORDS = {"the", "a", "an", "and", "or", "of", "for", "with", "to", "in", "on"}
# Headings that name a part of a recipe by what it is for: "For the sauce", "To assemble", "Für den Teig".
PART_HEADING = re.compile(
    r"^(?:for|to (?:make|serve|finish|garnish|assemble|decorate|top|glaze|dress|coat|fry|cook|brush|fill|"
    r"drizzle|sprinkle)|you (?:will |'ll )?also need|für|pour|para|per|voor)\b",
    re.IGNORECASE,
)


PREPARATION_ONLY = re.compile(
    r"^(?:(?:finely|roughly|thinly|freshly|lightly|coarsely|very) )?[a-z]+ed(?: and [a-z]+ed)?$|"
    r"^(?:to serve|to taste|optional|\(optional\)|divided|to decorate|for serving)$"
)
# A note printed under its ingredient on a line of its own: "(optional)", "(not blackstrap)".
NOTE_ONLY = re.compile(r"^\([^()]{1,80}\)$")
QUANTITY_ONLY = re.compile(rf"^(?:{NUMBER}|\d+)$")
# A unit on a line of its own: the header of a table's amount column ("KG").
UNIT_ONLY = re.compile(rf"^(?:{MEASURES}|{FOREIGN_MEASURES})\.?$", re.IGNORECASE)
# The header of a table's column of shares (a baker's percentage beside each amount): "%", "Baker's %".
SHARE_ONLY = re.compile(r"^(?:baker'?s\s*)?(?:%|percent(?:age)?)$", re.IGNORECASE)
# A quantity and its unit with no ingredient ("1 1/2 tsps", "425 g"): pages that print the amount in a box
# of its own put the name on the next line.
# Also a count with the size of each ("1 9-inch", "1 14-ounce", "1 3.4- ounce", "1 9" split from "inch").
# OCR reads a fraction glyph it cannot place as "%", "Y%" or "¥%": "1% cups" on a line of its own is an
# amount all the same (the parser then leaves its number empty rather than wrong).
MISREAD_FRACTION = r"\d*\s*[Y¥]?%"
# A range whose ends are fractions or mixed numbers ("1½ - 2 cups", "1/2-1 tsp") is an amount too.
AMOUNT_ONLY = re.compile(
    rf"^(?:(?:{NUMBER}|{MISREAD_FRACTION}|{NUMBER}\s*[-–]\s*{NUMBER})\s*(?:{MEASURES}|{FOREIGN_MEASURES})\.?|"
    rf"{NUMBER}\s+\d+(?:[.,]\d+)?\s*-?\s*(?:{MEASURES}|{FOREIGN_MEASURES}|inch(?:es)?|in\.|cm)?\.?)$",
    re.IGNORECASE,
)
# An amount printed under its name in a list of names over amounts, its unit perhaps with the plural in
# brackets ("2 slice(s)", "1 item(s)") and perhaps with a note after a comma ("1 item(s), large",
# "1 oz, sharp variety, sliced"): the amount and the note.
AMOUNT_WITH_NOTE = re.compile(
    rf"^(?P<amount>{NUMBER}\s*(?:(?:{MEASURES})\.?|[^\W\d_]+\((?:e?s)\)))(?:,\s*(?P<note>[^\W\d_][^()]{{0,40}}))?$",
    re.IGNORECASE,
)
# A name that opens with its amount in other units, in brackets: "(312.5 g) all-purpose flour".
# The bracket may hold more than one measure ("(1 stick / 113 g) unsalted butter").
EQUIVALENT_FIRST = re.compile(
    rf"^\(\s*{NUMBER}[^()]{{0,30}}?(?:{MEASURES}|{FOREIGN_MEASURES})\.?\s*\)\s+[^\d\s]", re.IGNORECASE
)
# A name that opens with the size of what is counted ("8-serving graham cracker crusts", "14-ounce can")
# or with its share of fat ("2% milk").
SIZED_NAME = re.compile(r"^\d+(?:[.,]\d+)?(?:-[a-z]|\s?%\s+[a-z])", re.IGNORECASE)


INGREDIENT_WORD = re.compile(rf"\b(?:{INGREDIENT_WORDS})\b", re.I)


LEADING_AMOUNT = re.compile(
    rf"^(?:(?:{NUMBER}|[\d.,/]+)\s*(?:[\w.]+/[\w.]+\s+)?)+(?:{UNIT.pattern}\.?\s*)?", re.I
)

# Message exports a recipe is kept in (textfile.py): a chat app's stamp before each message
# ("[02/02/2025, 09:12:40] Mum: ", "02/02/2025, 09:12 - Mum: ", "2025-02-02 09:12 Mum: ").
CHAT_STAMP = re.compile(
    r"^\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\]?"
    r"\s*(?:[-–]\s*)?[^:\n]{1,40}:\s"
)
# A mail's header lines, in the languages of the recipes people upload.
MAIL_HEADER = re.compile(
    r"^(?:from|sent|to|cc|bcc|date|subject|reply-to|von|gesendet|an|betreff|datum|de|envoyé|à|objet|"
    r"para|asunto|enviado|fecha|van|aan|onderwerp|verzonden|datum|da|inviato|a|oggetto)\s*:\s",
    re.IGNORECASE,
)
MAIL_SENDER = re.compile(r"^(?:from|von|de|van|da)\s*:\s", re.IGNORECASE)
# The line a reply or a forward puts over the mail it quotes, and a mail client's signature line.
MAIL_QUOTE_INTRO = re.compile(
    r"^(?:on\s.{6,120}\swrote:|am\s.{6,120}\sschrieb\s.{1,80}:|le\s.{6,120}\sa\sécrit\s?:|"
    r"el\s.{6,120}\sescribió:|op\s.{6,120}\sschreef\s.{1,80}:|il\s.{6,120}\sha\sscritto:|"
    r"-{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|weitergeleitete nachricht|"
    r"message d'origine|message transféré|mensaje original|oorspronkelijk bericht|messaggio originale)"
    r"\s*-{2,})$",
    re.IGNORECASE,
)
MAIL_SIGNATURE = re.compile(
    r"^(?:--\s?|(?:sent|envoyé|enviado|verzonden|inviato) (?:from|de|desde|vanaf|da) (?:my|mon|mi|mijn|il mio) .{1,40}|"
    r"von meinem .{1,40} gesendet)$",
    re.IGNORECASE,
)

# A running header or a breadcrumb printed over a recipe: a page or issue number ("Seite 14", "page 7",
# "Issue 12"), or three parts or more between separators ("Home » Dinner » Chili", "KITCHEN · ISSUE · NOODLES").
RUNNING_HEADER_NUMBER = re.compile(
    r"\b(?:page|p\.|pg\.?|seite|s\.|página|pág\.|pagina|pag\.|blz\.|bladzijde|issue|vol\.|volume|nr\.)\s*\d+\b",
    re.IGNORECASE,
)
RUNNING_HEADER_SEPARATOR = re.compile(r"\s+(?:·|•|\||»|›|/|—|–)\s+")
# Markdown: a heading's marks ("### For the dough"), and the closing marks of an amount set in bold or
# bold once a bullet has taken the opening ones ("500 g** flour", "2 tbsp__ sugar").
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
EMPHASIS_CLOSED_AFTER_AMOUNT = re.compile(r"^([^*_]{1,24}?)(?:\*\*|__)(?=\s)")
