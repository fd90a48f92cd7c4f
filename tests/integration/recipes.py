"""Recipe files made on the spot: plain text, a PDF with a text layer, a photo (PNG) and a scanned PDF."""

import io

from PIL import Image, ImageDraw, ImageFont

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
    """A one-page PDF whose text layer holds the recipe (Helvetica, written by hand: no PDF library)."""

    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 13 Tf 60 760 Td 18 TL\n" + "".join(f"({escape(line)}) '\n" for line in LINES) + "ET\n"
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


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
