"""Write the generated inputs of the variant cases (PDFs through Chromium, images through Pillow).

Run from the project's root with the project's Python: `.venv/bin/python tests/files/variants/make_variants.py`.
The text and HTML inputs are written by hand; expected.json beside each input says what it should give.
"""

from __future__ import annotations

import html
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parents[2]))
from tests.pdfs import make_pdf, place_text  # noqa: E402

FONTS = Path("/usr/share/fonts/truetype/dejavu")


def chromium_pdf(page: str, target: Path) -> None:
    """Print an HTML page to a PDF with headless Chromium (no header or footer)."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "page.html"
        source.write_text(page)
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-pdf-header-footer",
                f"--print-to-pdf={target}",
                str(source),
            ],
            check=True,
            capture_output=True,
        )


def lines_html(lines: list[str]) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in lines)


# ------------------------------------------------------------------------------------ ingredient groups

GROUP_PAGES = {
    "caps-colon-headings/empanadas.pdf": """
<style>@page{size:Letter;margin:2.2cm} body{font-family:'DejaVu Sans';font-size:11pt} p{margin:0 0 3pt}
h1{font-size:20pt} .h{margin-top:10pt}</style>
<h1>Beef Empanadas</h1><p>Makes 12</p>
<p class=h>INGREDIENTS</p>
<p class=h>FOR THE DOUGH:</p>
<p>3 cups all-purpose flour</p><p>1 teaspoon salt</p><p>1/2 cup cold butter, cubed</p><p>1 egg</p><p>1/2 cup ice water</p>
<p class=h>FOR THE FILLING:</p>
<p>1 pound ground beef</p><p>1 onion, finely chopped</p><p>1 teaspoon ground cumin</p><p>1/2 cup green olives, chopped</p><p>2 hard-boiled eggs, chopped</p>
<p class=h>METHOD</p>
<p>Rub the butter into the flour and salt, add the egg and water and chill the dough for 30 minutes.
Brown the beef with the onion and cumin, stir in the olives and eggs and cool. Fill rounds of dough, fold and bake at 400 F for 20 minutes.</p>
""",
    "bold-word-headings/carrot-cake.pdf": """
<style>@page{size:A4;margin:2cm} body{font-family:'DejaVu Serif';font-size:10.5pt} li{margin:0 0 2pt}
ul{list-style:none;padding:0;margin:0} h1{font-size:22pt} h3{font-size:12pt;margin:12pt 0 4pt}</style>
<h1>Carrot Cake</h1><p>Serves 12</p>
<h2>Ingredients</h2>
<h3>Cake</h3>
<ul><li>2 cups all-purpose flour</li><li>2 teaspoons baking soda</li><li>1 1/2 cups sugar</li><li>1 cup vegetable oil</li><li>4 eggs</li><li>3 cups grated carrots</li></ul>
<h3>Frosting</h3>
<ul><li>8 ounces cream cheese, softened</li><li>1/2 cup butter, softened</li><li>3 cups powdered sugar</li><li>1 teaspoon vanilla extract</li></ul>
<h2>Directions</h2>
<p>Whisk the dry ingredients, beat in the sugar, oil and eggs and fold in the carrots. Bake in two 9-inch pans at 350 F for 30 minutes.
Beat the frosting ingredients until fluffy and spread between and over the cooled layers.</p>
""",
    "italic-headings-bullets/chicken-souvlaki.pdf": """
<style>@page{size:A4;margin:2.5cm} body{font-family:'DejaVu Sans';font-size:10pt} li{margin:0 0 2pt}
h1{font-size:18pt} .g{font-style:italic;margin:9pt 0 3pt}</style>
<h1>Chicken Souvlaki with Tzatziki</h1>
<p><b>Serves:</b> 4</p>
<h2>Ingredients</h2>
<p class=g>Marinade</p>
<ul><li>1/4 cup olive oil</li><li>2 tablespoons lemon juice</li><li>3 cloves garlic, minced</li><li>2 teaspoons dried oregano</li><li>1 1/2 pounds chicken thighs, cubed</li></ul>
<p class=g>Tzatziki</p>
<ul><li>1 cup Greek yogurt</li><li>1/2 cucumber, grated and squeezed</li><li>1 tablespoon chopped dill</li></ul>
<p class=g>To serve</p>
<ul><li>4 pita breads</li><li>1 tomato, sliced</li></ul>
<h2>Instructions</h2>
<ol><li>Marinate the chicken for at least an hour, then thread onto skewers.</li>
<li>Grill for 10 to 12 minutes, turning once. Stir the tzatziki together and serve with the pitas.</li></ol>
""",
    "title-case-colon-headings/spaghetti-meatballs.pdf": """
<style>@page{size:Letter;margin:1in} body{font-family:'DejaVu Serif';font-size:11pt} p{margin:0 0 2pt}
h1{font-size:19pt;text-transform:uppercase} .g{font-weight:bold;margin-top:8pt}</style>
<h1>Spaghetti and Meatballs</h1>
<p>Yield: 6 servings</p>
<p class=g>Meatballs:</p>
<p>1 pound ground beef</p><p>1/2 cup breadcrumbs</p><p>1/4 cup milk</p><p>1 egg</p><p>2 cloves garlic, grated</p>
<p class=g>Tomato Sauce:</p>
<p>2 tablespoons olive oil</p><p>1 (28 ounce) can crushed tomatoes</p><p>1 teaspoon sugar</p><p>6 basil leaves</p>
<p class=g>Pasta:</p>
<p>1 pound spaghetti</p>
<p class=g>Preparation:</p>
<p>Mix the meatball ingredients, roll into 18 balls and brown them in the oil. Add the tomatoes, sugar and basil and simmer for 25 minutes.
Cook the spaghetti and serve with the meatballs and sauce.</p>
""",
    "plain-word-headings/apple-crumble-pie.pdf": """
<style>@page{size:A4;margin:2cm} body{font-family:'DejaVu Sans';font-size:10.5pt} p{margin:0 0 2pt}
h1{font-size:18pt} .gap{margin-top:9pt}</style>
<h1>Apple Crumble Pie</h1><p>Serves 8</p>
<p class=gap>Ingredients</p>
<p class=gap>Crust</p>
<p>1 1/4 cups all-purpose flour</p><p>1/2 cup cold butter</p><p>3 tablespoons ice water</p>
<p class=gap>Filling</p>
<p>6 apples, peeled and sliced</p><p>1/2 cup sugar</p><p>1 teaspoon cinnamon</p><p>1 tablespoon lemon juice</p>
<p class=gap>Topping</p>
<p>3/4 cup rolled oats</p><p>1/2 cup brown sugar</p><p>1/4 cup butter, melted</p>
<p class=gap>Method</p>
<p>Rub the butter into the flour, bind with the water, roll out and line a 9-inch pie dish. Toss the apples with the sugar,
cinnamon and lemon juice and pile them in. Mix the topping, scatter it over and bake at 375 F for 45 minutes.</p>
""",
}

# ----------------------------------------------------------------------------------- two-column pages


def two_column_page(
    title: str,
    intro: str,
    ingredients: list[str],
    steps: list[str],
    *,
    left: str,
    font: str,
    size: str,
    headings: tuple[str, str] = ("Ingredients", "Method"),
    gutter: str = "1.2cm",
) -> str:
    """A cookbook page: the ingredient list in a left column, the method beside it."""
    items = "".join(f"<p>{html.escape(line)}</p>" for line in ingredients)
    method = "".join(f"<p>{html.escape(step)}</p>" for step in steps)
    return f"""
<style>@page{{size:A4;margin:2cm}} body{{font-family:'{font}';font-size:{size}}} p{{margin:0 0 5pt}}
h1{{font-size:24pt;margin-bottom:4pt}} .cols{{display:grid;grid-template-columns:{left} 1fr;column-gap:{gutter}}}
h4{{margin:8pt 0 6pt;font-size:10pt;letter-spacing:1px;text-transform:uppercase}}</style>
<h1>{html.escape(title)}</h1><p><i>{html.escape(intro)}</i></p>
<div class=cols><div><h4>{headings[0]}</h4>{items}</div><div><h4>{headings[1]}</h4>{method}</div></div>
"""


TWO_COLUMN_PAGES = {
    "serif-wide-left/tikka-masala.pdf": two_column_page(
        "Chicken Tikka Masala",
        "Serves 4. A weeknight version of the takeaway favourite.",
        [
            "600 g chicken thighs, cubed",
            "150 g natural yogurt",
            "2 tbsp garam masala",
            "1 tbsp vegetable oil",
            "1 onion, finely chopped",
            "3 garlic cloves, grated",
            "400 g tin chopped tomatoes",
            "150 ml double cream",
            "Small bunch of coriander",
        ],
        [
            "1. Mix the chicken with the yogurt and half the garam masala and leave to marinate for 30 minutes.",
            "2. Heat the oil in a large pan and fry the onion for 8 minutes until soft and golden, then add the garlic and the rest of the spice.",
            "3. Tip in the tomatoes and simmer for 10 minutes. Grill the chicken until charred, then stir it into the sauce with the cream.",
            "4. Simmer for 5 minutes more and scatter with coriander to serve.",
        ],
        left="40%",
        font="DejaVu Serif",
        size="10.5pt",
    ),
    "narrow-left-condensed/mushroom-risotto.pdf": two_column_page(
        "Mushroom Risotto",
        "Serves 4 as a main course.",
        [
            "1 litre hot vegetable stock",
            "2 tbsp olive oil",
            "25 g butter",
            "1 shallot, chopped",
            "300 g risotto rice",
            "125 ml dry white wine",
            "250 g chestnut mushrooms, sliced",
            "50 g parmesan, grated",
        ],
        [
            "Keep the stock at a bare simmer in a pan beside the stove while you cook the rice.",
            "Warm the oil and half the butter in a wide pan and soften the shallot for five minutes without letting it colour. Stir in the rice and toast it for a minute until the grains turn glassy at the edges.",
            "Pour in the wine and let it bubble away, then add the stock a ladle at a time, stirring, and waiting for each ladle to be absorbed before adding the next, for about 18 minutes.",
            "Fry the mushrooms in the rest of the butter. Fold them in with the parmesan, cover and leave to stand for two minutes before serving.",
        ],
        left="28%",
        font="DejaVu Sans Condensed",
        size="9.5pt",
        headings=("You will need", "Preparation"),
    ),
    "caps-headings-even-split/lemon-bars.pdf": two_column_page(
        "Lemon Bars",
        "Makes 16 bars.",
        [
            "1 cup butter, softened",
            "1/2 cup powdered sugar",
            "2 cups all-purpose flour",
            "4 large eggs",
            "1 1/2 cups granulated sugar",
            "1/4 cup flour",
            "2/3 cup fresh lemon juice",
            "1 tablespoon lemon zest",
        ],
        [
            "Heat the oven to 350 F and line a 9 x 13-inch pan with parchment.",
            "Beat the butter and powdered sugar, stir in the flour and press into the pan. Bake the crust for 20 minutes.",
            "Whisk the eggs, sugar, flour, lemon juice and zest until smooth, pour over the hot crust and bake for 22 minutes more, until set.",
            "Cool completely, dust with powdered sugar and cut into squares.",
        ],
        left="1fr",
        font="DejaVu Sans",
        size="11pt",
        headings=("Ingredients", "Directions"),
    ),
    "mono-tight-gutter-groups/pad-thai.pdf": two_column_page(
        "Pad Thai",
        "Serves 2.",
        [
            "For the sauce:",
            "3 tbsp fish sauce",
            "2 tbsp tamarind paste",
            "2 tbsp palm sugar",
            "For the noodles:",
            "200 g flat rice noodles",
            "2 tbsp vegetable oil",
            "200 g prawns, peeled",
            "2 eggs",
            "100 g bean sprouts",
            "3 spring onions, sliced",
        ],
        [
            "1. Soak the noodles in warm water for 20 minutes and drain.",
            "2. Stir the sauce ingredients together until the sugar dissolves.",
            "3. Fry the prawns in the oil for 2 minutes, push them aside and scramble the eggs.",
            "4. Add the noodles and sauce and toss for 3 minutes, then the sprouts and spring onions.",
        ],
        left="46%",
        font="DejaVu Sans Mono",
        size="9pt",
        gutter="0.6cm",
    ),
}

# A page typeset line by line (Helvetica), as older cookbook PDFs are: each step's lines on the baselines of
# the ingredient lines beside it.
HAND_SET_INGREDIENTS = [
    "2 cups all-purpose flour",
    "1 teaspoon baking soda",
    "1/2 teaspoon salt",
    "1/2 cup butter, melted",
    "3/4 cup brown sugar",
    "2 eggs, beaten",
    "3 ripe bananas, mashed",
    "1/2 cup chopped walnuts",
]
HAND_SET_METHOD = [
    "Preheat the oven to 350 F and grease a",
    "9 x 5-inch loaf pan. Whisk the flour, soda",
    "and salt in a bowl. In another bowl stir",
    "the butter and sugar together, then beat",
    "in the eggs and the bananas. Fold the wet",
    "mixture into the dry with the walnuts",
    "until just combined. Bake for 60 minutes",
    "or until a skewer comes out clean.",
]


def hand_set_two_column() -> bytes:
    pieces = [
        (56, 770, 22, "Banana Bread"),
        (56, 745, 10, "Makes one loaf"),
        (56, 712, 11, "Ingredients"),
        (250, 712, 11, "Method"),
    ]
    for row, (left, right) in enumerate(zip(HAND_SET_INGREDIENTS, HAND_SET_METHOD, strict=True)):
        y = 694 - 15 * row
        pieces += [(56, y, 10, left), (250, y, 10, right)]
    return make_pdf([place_text(pieces)])


# ------------------------------------------------------------------------------------------ images

CARDS = {
    # name: (font, size, title, yield, ingredients, method heading, method lines)
    "chili-mono": (
        "DejaVuSansMono.ttf",
        30,
        "TEXAS CHILI",
        "SERVES 6",
        [
            "2 LBS. GROUND BEEF",
            "1 LG. ONION, CHOPPED",
            "3 TBSP. CHILI POWDER",
            "1 TSP. CUMIN",
            "1 QT. TOMATO JUICE",
            "1 CAN KIDNEY BEANS",
            "2 TSP SALT",
        ],
        "DIRECTIONS",
        ["BROWN BEEF AND ONION. ADD THE REST AND", "SIMMER 2 HOURS, STIRRING NOW AND THEN."],
    ),
    "cookies-serif": (
        "DejaVuSerif.ttf",
        30,
        "OATMEAL COOKIES",
        "MAKES 4 DOZEN",
        [
            "1 C. SHORTENING",
            "1 1/2 C. BROWN SUGAR",
            "2 EGGS",
            "1/2 C. BUTTERMILK",
            "2 C. FLOUR",
            "1 TSP. SODA",
            "3 C. OATS",
            "1 C. RAISINS",
        ],
        "METHOD",
        ["CREAM SHORTENING AND SUGAR, BEAT IN EGGS.", "ADD THE REST. BAKE AT 375 FOR 10 MIN."],
    ),
    "cornbread-capitalised": (
        "DejaVuSans.ttf",
        30,
        "Skillet Cornbread",
        "Serves 8",
        [
            "1 Cup Cornmeal",
            "1 Cup Flour",
            "1 Tbsp. Baking Powder",
            "1/2 Tsp. Salt",
            "1 Cup Milk",
            "1 Egg",
            "4 Tbsp. Butter, Melted",
        ],
        "Directions",
        ["Heat the buttered skillet in a 425 oven. Stir", "everything together and bake 20 minutes."],
    ),
    "fudge-condensed": (
        "DejaVuSansCondensed.ttf",
        32,
        "MOM'S FUDGE",
        "",
        [
            "3 CUPS SUGAR",
            "3/4 CUP BUTTER",
            "2/3 CUP EVAPORATED MILK",
            "12 OZ. CHOCOLATE CHIPS",
            "7 OZ. JAR MARSHMALLOW CREME",
            "1 TSP. VANILLA",
        ],
        "DIRECTIONS",
        [
            "BOIL SUGAR, BUTTER AND MILK 5 MINUTES, STIRRING.",
            "BEAT IN THE REST AND POUR INTO A BUTTERED PAN.",
        ],
    ),
    "yeast-rolls-abbreviations": (
        "DejaVuSansMono-Bold.ttf",
        28,
        "YEAST ROLLS",
        "MAKES 2 DOZEN",
        [
            "1 PKG. DRY YEAST",
            "1/4 C. WARM WATER",
            "1 C. MILK, SCALDED",
            "2 TBL. SUGAR",
            "1 TSP. SALT",
            "1 EGG",
            "3 1/2 C. FLOUR",
        ],
        "DIRECTIONS",
        ["DISSOLVE YEAST IN WATER. MIX IN THE REST,", "LET RISE 1 HOUR, SHAPE AND BAKE AT 400."],
    ),
}


def card_image(name: str, *, width: int = 1100, paper=(250, 246, 232)) -> Image.Image:
    """A typed recipe card: title in bold, the list and the method in the card's typeface."""
    font_file, size, title, yields, ingredients, method, steps = CARDS[name]
    body = ImageFont.truetype(str(FONTS / font_file), size)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(size * 1.25))
    heading = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), size)
    rows = 7 + len(ingredients) + len(steps) + (1 if yields else 0)
    height = 80 + rows * int(size * 1.45) + 60
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    y, step = 60, int(size * 1.45)
    draw.text((70, y), title, font=bold, fill=(30, 30, 50))
    y += int(step * 1.6)
    if yields:
        draw.text((70, y), yields, font=body, fill=(30, 30, 50))
        y += int(step * 1.5)
    draw.text((70, y), "INGREDIENTS" if title.isupper() else "Ingredients", font=heading, fill=(30, 30, 50))
    y += step
    for line in ingredients:
        draw.text((70, y), line, font=body, fill=(30, 30, 50))
        y += step
    y += step // 2
    draw.text((70, y), method, font=heading, fill=(30, 30, 50))
    y += step
    for line in steps:
        draw.text((70, y), line, font=body, fill=(30, 30, 50))
        y += step
    return image


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# EXIF orientation values and the turn that stores an upright page sideways or upside down under them.
ORIENTATIONS = {6: Image.Transpose.ROTATE_90, 8: Image.Transpose.ROTATE_270, 3: Image.Transpose.ROTATE_180}


def heic(image: Image.Image, orientation: int) -> bytes:
    """An iPhone-style HEIC: the pixels stored turned, with the EXIF orientation that turns them upright."""
    from pillow_heif import from_pillow

    stored = image.transpose(ORIENTATIONS[orientation])
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Apple"
    exif[0x0110] = "iPhone 13"
    heif = from_pillow(stored)
    buffer = io.BytesIO()
    heif.save(buffer, quality=60, exif=exif.tobytes())
    return buffer.getvalue()


# ------------------------------------------------------------------ cards under a running header (A5)

_CARD_STYLE = (
    "<style>@page{size:A5;margin:1.6cm} body{font-family:'DejaVu Serif';font-size:10pt} p{margin:0 0 2pt}"
    " h1{font-size:17pt;margin:0 0 6pt} h2{font-size:11pt;margin:9pt 0 3pt}"
    " .run{font-size:8pt;color:#666;border-bottom:1px solid #aaa;margin-bottom:10pt}</style>"
)


def card_page(running_header: str, title: str, intro: str, sections: list[tuple[str, list[str]]]) -> str:
    """A one-recipe card under a magazine's or a book's running header, each section an <h2> over lines."""
    body = "".join(f"<h2>{html.escape(name)}</h2>{lines_html(lines)}" for name, lines in sections)
    return (
        f"{_CARD_STYLE}<div class=run>{html.escape(running_header)}</div><h1>{title}</h1><p>{intro}</p>{body}"
    )


RUNNING_HEADER_PAGES = {
    "sub-recipes-under-issue-header/miso-ramen.pdf": card_page(
        "THE WEEKNIGHT KITCHEN · ISSUE 12 · NOODLES",
        "Spicy Miso Ramen",
        "Serves 2",
        [
            ("Broth", ["4 cups chicken stock", "2 tbsp white miso", "1 tbsp chilli bean paste", "2 garlic cloves, grated"]),
            ("Jammy eggs", ["2 eggs", "3 tbsp soy sauce"]),
            ("To serve", ["2 portions ramen noodles", "1 cup sweetcorn", "2 spring onions, sliced"]),
            ("To assemble", ["Whisk the miso into the hot stock, cook the noodles, and top each bowl with a halved egg, corn and onions."]),
        ],
    ),
    "fr-site-header-cs-cc/crepes.pdf": card_page(
        "www.cuisine-du-marche.fr — Desserts",
        "Crêpes bretonnes",
        "Pour 6 personnes",
        [
            ("Ingrédients", ["250 g de farine", "3 œufs", "0,5 l de lait", "2 cs de sucre", "1 cc de fleur de sel", "50 g de beurre fondu"]),
            ("Préparation", ["Mélanger la farine et les œufs, ajouter le lait peu à peu, laisser reposer une heure."]),
        ],
    ),
    "de-groups-page-number/apfelstrudel.pdf": card_page(
        "Omas Rezepte — Seite 14",
        "Apfelstrudel",
        "Für 8 Stücke",
        [
            ("Für den Teig", ["250 g Mehl", "1 Prise Salz", "125 ml lauwarmes Wasser", "2 EL Öl"]),
            ("Für die Füllung", ["1,5 kg Äpfel", "80 g Zucker", "1 TL Zimt", "50 g Rosinen", "1 Msp. gemahlene Nelken"]),
            ("Zubereitung", ["Teig kneten und ruhen lassen, ausziehen, füllen, einrollen und 40 Minuten backen."]),
        ],
    ),
    "title-case-packages/seven-layer-dip.pdf": card_page(
        "Potluck Favorites — page 7",
        "Seven Layer Dip",
        "",
        [
            ("Ingredients", ["1 (16 Oz.) Can Refried Beans", "1 (1 Oz.) Packet Taco Seasoning", "2 C. Sour Cream", "1 Lb. Shredded Cheddar", "2 (2.25 Oz.) Cans Sliced Olives", "3 Roma Tomatoes, Diced"]),
            ("Directions", ["Spread the beans mixed with seasoning, then layer the rest. Chill before serving."]),
        ],
    ),
}  # fmt: skip


HEIC_PHOTOS = {
    "rotated-90-chili/IMG_3310.HEIC": ("chili-mono", 6),
    "rotated-270-cookies/IMG_0457.HEIC": ("cookies-serif", 8),
    "upside-down-cornbread/IMG_5522.heic": ("cornbread-capitalised", 3),
}


def main() -> None:
    """Write each generated input that is not there yet (the committed ones stay as they are)."""
    outputs: dict[Path, object] = {}
    for name, page in GROUP_PAGES.items():
        outputs[HERE / "ingredient-groups-pdf" / name] = lambda target, page=page: chromium_pdf(page, target)
    for name, page in TWO_COLUMN_PAGES.items():
        outputs[HERE / "two-column-cookbook-pdf" / name] = lambda target, page=page: chromium_pdf(
            page, target
        )
    outputs[HERE / "two-column-cookbook-pdf" / "hand-set-helvetica" / "banana-bread.pdf"] = lambda target: (
        target.write_bytes(hand_set_two_column())
    )
    for name, page in RUNNING_HEADER_PAGES.items():
        outputs[HERE / "running-header-card-pdf" / name] = lambda target, page=page: chromium_pdf(
            page, target
        )
    for name in CARDS:
        outputs[HERE / "uppercase-units-typed-card-png" / name / f"{name}-card.png"] = (
            lambda target, name=name: target.write_bytes(png(card_image(name)))
        )
    for name, (card, orientation) in HEIC_PHOTOS.items():
        outputs[HERE / "heic-iphone-photo" / name] = lambda target, card=card, orientation=orientation: (
            target.write_bytes(heic(card_image(card, paper=(238, 234, 222)), orientation))
        )
    for target, write in outputs.items():
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write(target)


if __name__ == "__main__":
    main()
