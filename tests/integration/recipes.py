"""Recipe files made on the spot: plain text, a PDF with a text layer, a photo (PNG) and a scanned PDF."""

import io

from PIL import Image, ImageDraw, ImageFont

from tests.pdfs import make_pdf, place_text

TITLE = "Lemon Drizzle Cake"
INGREDIENT_LINES = [
    "225 g unsalted butter, softened",
    "225 g caster sugar",
    "4 large eggs",
    "275 g self-raising flour",
    "2 lemons, zested",
]
# One word each ingredient's name must contain, in the order above.
EXPECTED_NAMES = ["butter", "sugar", "egg", "flour", "lemon"]
METHOD_LINES = [
    "1. Heat the oven to 180C and line a loaf tin.",
    "2. Beat the butter and sugar until pale, then add the eggs one by one.",
    "3. Fold in the flour and lemon zest and bake for 45 minutes.",
]
LINES = [TITLE, "Serves 8", "", "Ingredients", *INGREDIENT_LINES, "", "Method", *METHOD_LINES]


def text_recipe(title: str = TITLE) -> bytes:
    return "\n".join([title, *LINES[1:]]).encode() + b"\n"


def text_pdf() -> bytes:
    """A one-page PDF whose text layer holds the recipe, one line under the other."""
    return make_pdf([place_text([(60, 760 - 18 * row, 13, line) for row, line in enumerate(LINES)])])


def recipe_image() -> Image.Image:
    """The recipe printed black on white at a size Tesseract reads well."""
    font = ImageFont.load_default(size=34)
    image = Image.new("L", (1400, 60 + 48 * len(LINES)), 255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(LINES):
        draw.text((60, 40 + 48 * row), line, fill=0, font=font)
    return image


def png_photo() -> bytes:
    out = io.BytesIO()
    recipe_image().convert("RGB").save(out, format="PNG")
    return out.getvalue()


def scanned_pdf() -> bytes:
    """An image-only PDF, as a scanner makes: no text layer, so the pipeline has to OCR it."""
    out = io.BytesIO()
    recipe_image().convert("RGB").save(out, format="PDF", resolution=150)
    return out.getvalue()
