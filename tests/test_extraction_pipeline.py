"""The whole pipeline, file bytes in and an Extraction out, for every supported format and known bad input."""

import functools
import gzip
import io
import json
import os
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image, ImageDraw, ImageFont

from extraction import pdf as pdf_reader
from extraction.errors import (
    CorruptFile,
    EmptyFile,
    EncryptedFile,
    FileTooComplex,
    NoIngredientsFound,
    NoTextFound,
    UnsupportedFileType,
)
from extraction.pipeline import extract
from tests.images import declared_png
from tests.pdfs import flate_bomb_pdf, make_pdf, pdf_string, place_text, write_pdf

FILES = Path(__file__).parent / "files"

RECIPE_LINES = [
    "Crème brûlée",
    "",
    "Serves 4",
    "",
    "Ingredients",
    "500 ml double cream",
    "1 vanilla pod, split",
    "5 egg yolks",
    "½ cup caster sugar",
    "",
    "Method",
    "Heat the cream with the vanilla until it just simmers, then leave it to infuse for 10 minutes.",
    "Whisk the yolks with the sugar, pour on the cream and bake in a low oven for 40 minutes.",
]
RECIPE = "\n".join(RECIPE_LINES) + "\n"
EXPECTED = ["500 ml double cream", "1 vanilla pod, split", "5 egg yolks", "½ cup caster sugar"]


def texts(extraction) -> list[str]:
    return [item.text for item in extraction.ingredients]


def make_text_pdf(pages: list[list[str]]) -> bytes:
    """A small PDF with a real text layer (Helvetica, WinAnsi), one list of lines per page."""
    contents = []
    for lines in pages:
        content = b"BT /F1 11 Tf 14 TL 50 780 Td\n"
        for line in lines:
            content += b"(" + pdf_string(line) + b") Tj T*\n"
        contents.append(content + b"ET")
    return make_pdf(contents)


def render_card(lines: list[str], size: int = 28) -> Image.Image:
    """A picture of a recipe card, as a scan or a photo of one would show it."""
    font = ImageFont.load_default(size=size)
    height = 60 + len(lines) * int(size * 1.5)
    image = Image.new("RGB", (1400, height), "white")
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((50, 30 + index * int(size * 1.5)), line, fill="black", font=font)
    return image


# ------------------------------------------------------------------------------------- text files


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_cards_in_common_encodings_give_their_ingredients(encoding):
    extraction = extract(RECIPE.encode(encoding), filename="card.txt")
    assert extraction.mime_type == "text/plain"
    assert extraction.title == "Crème brûlée"
    assert extraction.yields == "Serves 4"
    assert texts(extraction) == EXPECTED


def test_each_line_is_parsed_into_its_parts():
    first, *_ = extract(RECIPE.encode()).ingredients
    assert (first.quantity, first.unit) == (500.0, "milliliter")
    assert "cream" in first.name


def test_progress_is_reported_by_stage():
    seen = []
    extract(RECIPE.encode(), on_progress=lambda stage, percent: seen.append((stage, percent)))
    assert seen[0] == ("reading", 0)
    assert ("parsing", 100) == seen[-1]
    assert all(stage in {"reading", "ocr", "parsing"} and 0 <= pct <= 100 for stage, pct in seen)


def test_timings_are_recorded_per_stage_and_the_result_serialises():
    extraction = extract(RECIPE.encode())
    assert {"reading", "parsing", "total"} <= set(extraction.timings)
    assert json.loads(json.dumps(extraction.to_dict()))["ingredients"][0]["text"] == EXPECTED[0]


# ---------------------------------------------------------------------------------------------- PDF


def test_pdf_text_layer_gives_the_ingredients():
    extraction = extract(make_text_pdf([RECIPE_LINES]), filename="card.pdf")
    assert extraction.mime_type == "application/pdf"
    assert texts(extraction) == EXPECTED


def test_a_recipe_across_two_pdf_pages_is_read_whole():
    pdf = make_text_pdf([RECIPE_LINES[:7], RECIPE_LINES[7:]])
    assert texts(extract(pdf)) == EXPECTED


def test_encrypted_pdf_is_refused_with_a_clear_reason():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_text_pdf([RECIPE_LINES]))))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(EncryptedFile) as caught:
        extract(locked.getvalue())
    assert caught.value.code == "encrypted_file"
    assert "password" in str(caught.value)


def test_pdf_locked_only_against_editing_is_read():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_text_pdf([RECIPE_LINES]))))
    writer.encrypt(user_password="", owner_password="owner")
    locked = io.BytesIO()
    writer.write(locked)
    assert texts(extract(locked.getvalue())) == EXPECTED


def test_corrupt_pdf_is_refused():
    with pytest.raises(CorruptFile):
        extract(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without end")


def test_scanned_pdf_pages_are_read_by_ocr():
    scan = io.BytesIO()
    render_card(RECIPE_LINES[:9]).save(scan, format="PDF", resolution=150)
    extraction = extract(scan.getvalue(), filename="scan.pdf")
    assert len(extraction.ingredients) == 4
    assert "cream" in extraction.ingredients[0].text


# --------------------------------------------------------------------------------------------- HTML


def test_html_with_schema_org_recipe_data_uses_it():
    extraction = extract((FILES / "pancakes_jsonld.html").read_bytes(), filename="page.html")
    assert extraction.mime_type == "text/html"
    assert extraction.title == "Fluffy pancakes"
    assert "4" in extraction.yields
    assert texts(extraction) == [
        "200 g plain flour",
        "2 large eggs",
        "300 ml milk",
        "1 tbsp sunflower oil, plus extra for frying",
        "a pinch of salt",
    ]


def test_html_without_recipe_data_falls_back_to_the_visible_text():
    extraction = extract((FILES / "shortbread_no_schema.html").read_bytes(), filename="page.html")
    assert texts(extraction) == [
        "225 g butter, softened",
        "110 g caster sugar",
        "275 g plain flour",
        "55 g cornflour",
    ]
    assert extraction.yields == "Makes 16 fingers"
    assert "shortbread" in extraction.title.lower()


# ------------------------------------------------------------------------------------------- images


def test_photo_of_a_card_is_read_by_ocr():
    photo = io.BytesIO()
    render_card(RECIPE_LINES[:9]).save(photo, format="PNG")
    extraction = extract(photo.getvalue(), filename="card.png")
    assert extraction.mime_type == "image/png"
    assert len(extraction.ingredients) == 4


def test_truncated_png_is_corrupt():
    photo = io.BytesIO()
    render_card(RECIPE_LINES[:9]).save(photo, format="PNG")
    with pytest.raises(CorruptFile):
        extract(photo.getvalue()[: len(photo.getvalue()) // 2])


def test_decompression_bomb_png_is_refused_before_decoding():
    bomb = declared_png(100_000, 100_000, bit_depth=1)
    with pytest.raises(FileTooComplex) as caught:
        extract(bomb)
    assert caught.value.code == "too_complex"


BOMB_BYTES = 300 * 2**20
BOMB_REASON = "compressed data far larger than any recipe needs"


@functools.cache
def pdf_bomb(kind: str) -> bytes:
    """A PDF of about 300 KB whose one stream inflates to 300 MiB: a page's content, or an image's data
    (declared the size of its data, or declared 100 pixels square)."""
    if kind == "content":
        return flate_bomb_pdf(BOMB_BYTES)
    return flate_bomb_pdf(BOMB_BYTES, image=True, side=100 if kind == "image-small" else None)


@pytest.mark.parametrize("kind", ["content", "image", "image-small"])
def test_a_pdf_decompression_bomb_is_refused_before_anything_inflates_it(kind):
    bomb = pdf_bomb(kind)
    assert len(bomb) < 400_000
    with pytest.raises(FileTooComplex) as caught:
        extract(bomb, filename="bomb.pdf")
    assert BOMB_REASON in caught.value.message


def test_a_pdf_whose_content_stream_inflates_to_twenty_mib_is_still_read():
    # Well past any real recipe page, and under the cap: the check does not refuse heavy but sane files.
    recipe = place_text([(72, 760 - 16 * i, 12, line) for i, line in enumerate(RECIPE_LINES) if line])
    padded = flate_bomb_pdf(20 * 2**20, text=recipe + b"\n")
    extraction = extract(padded, filename="padded.pdf")
    assert "double cream" in [item.name for item in extraction.ingredients]


# Run in a child whose address space is capped at what it has mapped after start-up plus 256 MiB.
CAPPED_READ = """
import os, resource, sys
import django
django.setup()
from extraction import pipeline
from extraction.errors import ExtractionError
from tests.test_extraction_pipeline import pdf_bomb
data = pdf_bomb(sys.argv[1])
mapped = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (mapped + 256 * 2**20, resource.RLIM_INFINITY))
try:
    pipeline.extract(data, filename="bomb.pdf")
    print("extracted")
except ExtractionError as error:
    print(error.code, error.message)
except MemoryError:
    print("MemoryError")
"""


@pytest.mark.parametrize("kind", ["content", "image"])
def test_a_pdf_bomb_is_refused_cleanly_by_a_process_capped_at_256_mib_more_than_it_starts_with(kind):
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "recipeplanner.settings"),
    }
    result = subprocess.run(
        [sys.executable, "-c", CAPPED_READ, kind],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert result.stdout.startswith("too_complex ") and BOMB_REASON in result.stdout, result.stdout


def test_blank_photo_has_no_text():
    photo = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(photo, format="JPEG")
    with pytest.raises(NoTextFound):
        extract(photo.getvalue())


# ----------------------------------------------------------------------------------------- failures


@pytest.mark.parametrize("data", [b"", b"  \n\n\t "])
def test_empty_files_are_refused(data):
    with pytest.raises(EmptyFile):
        extract(data)


def test_a_zip_named_pdf_is_refused_by_its_content():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("recipe.txt", RECIPE)
    with pytest.raises(UnsupportedFileType):
        extract(archive.getvalue(), filename="recipe.pdf")


def test_gzip_is_refused():
    with pytest.raises(UnsupportedFileType):
        extract(gzip.compress(RECIPE.encode()), filename="recipe.txt")


def test_text_without_a_recipe_has_no_ingredients():
    letter = "Dear Sam,\n\nThanks for a lovely evening. See you on Friday at the cinema.\n\nAlex\n"
    with pytest.raises(NoIngredientsFound) as caught:
        extract(letter.encode())
    assert caught.value.code == "no_ingredients"
    assert str(caught.value).endswith("?") or str(caught.value).endswith(".")


# ----------------------------------------------------------------------------------------- command


def test_command_prints_one_json_line_per_file_and_survives_bad_ones(tmp_path, capsys):
    good = tmp_path / "1.card.txt"
    good.write_text(RECIPE, encoding="utf-8")
    empty = tmp_path / "2.empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "3.missing.txt"
    call_command("extract_recipe", str(good), str(empty), str(missing), "--json")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(good), str(empty), str(missing)]
    assert lines[0]["mime_type"] == "text/plain"
    assert [item["text"] for item in lines[0]["ingredients"]] == EXPECTED
    assert set(lines[0]["ingredients"][0]) == {
        "text",
        "group",
        "quantity",
        "quantity_max",
        "unit",
        "name",
        "preparation",
        "comment",
    }
    assert {"title", "yields", "warnings", "seconds"} <= set(lines[0])
    assert "empty" in lines[1]["error"]
    assert lines[2]["error"]


def test_command_without_json_prints_a_readable_listing(tmp_path, capsys):
    card = tmp_path / "card.txt"
    card.write_text(RECIPE, encoding="utf-8")
    call_command("extract_recipe", str(card))
    out = capsys.readouterr().out
    assert "Crème brûlée" in out
    assert "500 ml double cream" in out


def test_pdf_lines_wrapped_by_a_narrow_column_are_joined_by_position():
    pdf = make_text_pdf(
        [
            [
                "Stock",
                "Ingredients",
                "2 cups chicken stock (or vegetable stock, if",
                "you prefer)",
                "1 onion",
                "Method",
                "Simmer everything for 20 minutes.",
            ]
        ]
    )
    assert texts(extract(pdf)) == ["2 cups chicken stock (or vegetable stock, if you prefer)", "1 onion"]


def test_a_pdf_line_drawn_in_pieces_on_shifted_baselines_is_read_as_one_line():
    # A web page printed to PDF draws the quantity, the name and a smaller note as separate runs.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "2"),
                    (60, 750, 11, "cups"),
                    (88, 749, 11, "plain flour"),
                    (146, 751, 9, "sifted"),
                    (50, 730, 11, "1 onion"),
                    (50, 700, 16, "Method"),
                    (50, 680, 11, "Simmer everything for 20 minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["2 cups plain flour sifted", "1 onion"]


def test_pdf_table_cells_of_one_row_make_one_ingredient_line():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "2"),
                    (90, 750, 11, "pounds"),
                    (160, 750, 11, "beef stew meat"),
                    (50, 730, 11, "1"),
                    (90, 730, 11, "tablespoon"),
                    (160, 730, 11, "salt"),
                    (50, 700, 16, "Method"),
                    (50, 680, 11, "Simmer everything for 20 minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["2 pounds beef stew meat", "1 tablespoon salt"]


def test_a_heading_the_page_paints_first_is_read_where_it_stands():
    # Browsers paint some headings before the content above them; position, not drawing order, counts.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 690, 16, "Method"),
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "2 cups plain flour"),
                    (50, 730, 11, "1 onion"),
                    (50, 710, 11, "3 eggs"),
                    (50, 670, 11, "Simmer everything for 20 minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["2 cups plain flour", "1 onion", "3 eggs"]


def test_a_note_painted_after_the_rest_of_the_page_rejoins_its_line():
    # "2 cups flour" in 11 pt Helvetica ends near x = 107; the faded note right after it is drawn last.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "2 cups flour"),
                    (50, 730, 11, "1 onion"),
                    (50, 700, 16, "Method"),
                    (50, 680, 11, "Simmer everything for 20 minutes."),
                    (110, 750, 11, "(sifted)"),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["2 cups flour (sifted)", "1 onion"]


def test_two_columns_drawn_row_by_row_are_read_one_column_after_the_other():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (320, 780, 16, "Method"),
                    (50, 750, 11, "2 cups flour"),
                    (320, 750, 11, "Sift the flour into a bowl."),
                    (50, 730, 11, "1 onion"),
                    (320, 730, 11, "Chop the onion finely."),
                    (50, 710, 11, "3 eggs"),
                    (320, 710, 11, "Beat in the eggs one by one."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["2 cups flour", "1 onion", "3 eggs"]


def test_a_wrap_in_a_narrow_column_beside_wider_text_is_joined_when_the_words_carry_on():
    # The ingredient column shares its left edge with a full-width paragraph above it, so only the
    # column's own right edge shows that "flour," was wrapped.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 800, 11, "This cobbler is the one we make every summer, with any berries."),
                    (50, 760, 16, "Ingredients"),
                    (300, 760, 16, "Directions"),
                    (50, 740, 11, "2 1/2 cups all-purpose flour,"),
                    (50, 726, 11, "plus more for dusting"),
                    (50, 712, 11, "1 1/2 tsp kosher salt"),
                    (50, 698, 11, "1/2 cup (1 stick) unsalted butter"),
                    (50, 684, 11, "1 lime (zest of)"),
                    (50, 670, 11, "salt and pepper"),
                    (300, 740, 11, "Whisk the flour and salt."),
                    (300, 726, 11, "Cut in the butter."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "2 1/2 cups all-purpose flour, plus more for dusting",
        "1 1/2 tsp kosher salt",
        "1/2 cup (1 stick) unsalted butter",
        "1 lime (zest of)",
        "salt and pepper",
    ]


def test_list_items_spaced_wider_than_wrapped_text_are_not_joined_however_long():
    # The method's wrapped sentences show the column's line pitch (13 pt); the items sit 25 pt apart.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "2 ripe but firm medium bananas, peeled and sliced thick"),
                    (50, 725, 11, "Powdered sugar, to serve"),
                    (50, 690, 16, "Method"),
                    (50, 665, 11, "Toss the bananas with the sugar and the butter in a bowl"),
                    (50, 652, 11, "and bake them for twenty minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "2 ripe but firm medium bananas, peeled and sliced thick",
        "Powdered sugar, to serve",
    ]


def test_a_link_address_printed_after_an_ingredient_is_dropped_even_when_it_wraps():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "1 cup rolled oats (https://www.example.com/dp/B01?tag=shop-"),
                    (50, 737, 11, "20&linkId=28b5f79c) plus 2 tbsp for the top"),
                    (50, 724, 11, "1 tsp fine sea salt"),
                    (50, 690, 16, "Method"),
                    (50, 670, 11, "Mix everything together."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["1 cup rolled oats plus 2 tbsp for the top", "1 tsp fine sea salt"]


def test_a_line_that_opens_with_a_capitalised_amount_starts_the_next_item():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 750, 11, "1 teaspoon pure lemon extract (or fresh lemon juice, strained)"),
                    (50, 737, 11, "Zest from 1 large lemon"),
                    (50, 724, 11, "A pinch of salt"),
                    (50, 690, 16, "Method"),
                    (50, 670, 11, "Mix everything together."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "1 teaspoon pure lemon extract (or fresh lemon juice, strained)",
        "Zest from 1 large lemon",
        "A pinch of salt",
    ]


def test_a_wrapped_item_that_hangs_under_its_checkbox_is_joined():
    pdf = make_pdf(
        [
            place_text(
                [
                    (62, 780, 16, "Ingredients"),
                    (84, 750, 11, "1 cup salted"),
                    (62, 736, 11, "butter, softened"),
                    (84, 716, 11, "2 cups plain flour"),
                    (62, 690, 16, "Method"),
                    (62, 670, 11, "Mix everything together."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["1 cup salted butter, softened", "2 cups plain flour"]


def test_a_hanging_wrap_in_a_narrow_card_is_joined_beside_wider_text():
    # A full-width paragraph shares the items' left edge, so only the card's own edge shows the wrap.
    pdf = make_pdf(
        [
            place_text(
                [
                    (84, 800, 11, "We make this bake every Sunday when the whole family comes over to eat."),
                    (62, 760, 16, "Ingredients"),
                    (300, 760, 16, "Method"),
                    (84, 740, 11, "1 cup shredded"),
                    (62, 726, 11, "cheddar cheese"),
                    (84, 712, 11, "2 cups frozen peas"),
                    (300, 740, 11, "Mix the cheese and peas."),
                    (300, 726, 11, "Bake for 20 minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["1 cup shredded cheddar cheese", "2 cups frozen peas"]


def test_a_fraction_whose_raised_and_lowered_digits_are_painted_late_is_read_in_place():
    # Pages styled with "sup, sub { position: relative }" have the digits of "¹⁄₄" painted after the rest.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (56, 750, 11, "/"),
                    (63, 750, 11, " cup sugar"),
                    (50, 730, 11, "2 eggs"),
                    (50, 700, 16, "Method"),
                    (50, 680, 11, "Mix everything together."),
                    (50, 754, 7, "1"),
                    (59, 747, 7, "4"),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["1/4 cup sugar", "2 eggs"]


def test_a_component_name_printed_larger_than_its_items_is_a_sub_heading_and_one_in_their_style_is_not():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 16, "Ingredients"),
                    (50, 755, 13, "Garlic Confit Butter"),
                    (50, 735, 11, "2 tbsp butter"),
                    (50, 720, 11, "3 cloves garlic"),
                    (50, 705, 11, "Fluffy Steel Cut Oats"),
                    (50, 690, 11, "1 cup water"),
                    (50, 660, 16, "Method"),
                    (50, 640, 11, "Simmer everything for 20 minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == ["2 tbsp butter", "3 cloves garlic", "Fluffy Steel Cut Oats", "1 cup water"]


def test_a_long_pdf_is_read_from_its_first_pages_with_a_warning():
    # A web page printed with all its comments: the recipe is on the first pages.
    recipe = place_text(
        [
            (50, 780, 16, "Ingredients"),
            (50, 750, 11, "2 cups flour"),
            (50, 730, 11, "1 onion"),
            (50, 700, 16, "Method"),
            (50, 680, 11, "Fry the onion, stir in the flour."),
        ]
    )
    comment = place_text([(50, 780, 11, "Made this last night, lovely.")])
    extraction = extract(make_pdf([recipe] + [comment] * (pdf_reader.MAX_TEXT_PAGES + 20)))
    assert texts(extraction) == ["2 cups flour", "1 onion"]
    assert any("first 60" in warning for warning in extraction.warnings)


def test_a_pdf_with_more_pages_than_any_recipe_is_refused():
    with pytest.raises(FileTooComplex) as caught:
        extract(make_pdf([b""] * (pdf_reader.MAX_PAGES + 1)))
    assert "pages" in str(caught.value)


def test_ligature_characters_placed_in_the_glyphs_own_space_are_put_back_in_their_word():
    # Pdfium gives the "f" and "i" of a browser's "fi" ligature boxes in the glyph's own unscaled space,
    # near the page's corner, which would print "fi" on a line of its own and "nely diced" without it.
    text = "r fine"
    boxes = [
        (140.0, 107.0, 145.0, 121.0),
        (146.0, 110.0, 146.0, 110.0),
        (2.3, 9.4, 15.0, 47.8),
        (15.0, 9.4, 27.8, 47.8),
        (163.8, 107.0, 171.3, 121.0),
        (171.3, 107.0, 178.7, 121.0),
    ]
    sizes = [15.9, 0.0, 15.9, 15.9, 15.9, 15.9]
    placed = pdf_reader._place_displaced_glyphs(text, boxes, sizes)
    assert placed[:2] == boxes[:2] and placed[4:] == boxes[4:]
    (f_left, f_bottom, f_right, f_top), (i_left, _, i_right, _) = placed[2], placed[3]
    assert (f_bottom, f_top) == (107.0, 121.0)
    assert 145.0 < f_left < f_right == i_left < i_right == 163.8
    # A word drawn at one scale throughout is left alone, however tall its boxes for their size.
    assert pdf_reader._place_displaced_glyphs("fi", boxes[2:4], sizes[2:4]) == boxes[2:4]


def pdf_with_many_small_objects(count: int, last_stream: bytes) -> bytes:
    """A one-page recipe PDF with count link annotations and then one more stream object."""
    content = place_text([(72, 760 - 16 * i, 12, line) for i, line in enumerate(RECIPE_LINES) if line])
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://example.com/) >> >>"
    return write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            *[link] * count,
            last_stream,
        ]
    )


def test_the_stream_size_check_parses_only_the_objects_that_hold_a_stream(monkeypatch):
    # A printed web page holds thousands of small objects (link annotations, font widths); parsing each
    # one with pypdf took seconds, more than reading the page.
    import pypdf

    squeezed = zlib.compress(b" " * (pdf_reader.MAX_STREAM_BYTES + 2**20))
    bomb = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(squeezed) + squeezed + b"\nendstream"
    parsed = []
    original = pypdf.PdfReader.get_object

    def counting(self, indirect):
        parsed.append(indirect)
        return original(self, indirect)

    monkeypatch.setattr(pypdf.PdfReader, "get_object", counting)
    pdf_reader.check_stream_sizes(
        pdf_with_many_small_objects(2000, b"<< /Length 2 >>\nstream\nq \nendstream")
    )
    assert 0 < len(parsed) < 50
    # The stream after them all is still measured.
    with pytest.raises(FileTooComplex):
        pdf_reader.check_stream_sizes(pdf_with_many_small_objects(2000, bomb))


# A ToUnicode map that reads the code of "A" as U+1F600, a character pdfium counts as two.
EMOJI_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Emoji def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfchar <41> <D83DDE00> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def test_a_page_with_an_emoji_is_still_read_by_the_position_of_its_characters():
    # Pdfium's text range holds an emoji as one character where its character indexes count two, so
    # the page's text no longer lined up with the boxes, and two columns were read row by row.
    content = b"BT /F2 16 Tf 50 800 Td (A) Tj ET\n" + place_text(
        [
            (50, 780, 16, "Ingredients"),
            (320, 780, 16, "Method"),
            (50, 750, 11, "2 cups flour"),
            (320, 750, 11, "Sift the flour into a bowl."),
            (50, 730, 11, "1 onion"),
            (320, 730, 11, "Chop the onion finely."),
            (50, 710, 11, "3 eggs"),
            (320, 710, 11, "Beat in the eggs one by one."),
        ]
    )
    pdf = write_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 7 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(EMOJI_CMAP) + EMOJI_CMAP + b"\nendstream",
        ]
    )
    assert pdf_reader.read_pdf(pdf).text.splitlines()[:5] == [
        "\U0001f600",
        "Ingredients",
        "2 cups flour",
        "1 onion",
        "3 eggs",
    ]
    assert texts(extract(pdf)) == ["2 cups flour", "1 onion", "3 eggs"]


def test_an_ingredient_column_a_few_points_from_the_method_is_read_before_it():
    # The longest item ends 3 pt short of the method column, a blank band far narrower than any gap
    # between columns, yet on every row the two texts stand well apart. A browser draws each column
    # whole, one after the other.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 760, 12, "Ingredients"),
                    (50, 740, 10, "2 cups rolled oats"),
                    (50, 725, 10, "2 large eggs"),
                    (50, 710, 10, "1/4 cup honey"),
                    (50, 695, 10, "1 1/2 tsp baking powder"),
                    (50, 680, 10, "1/8 tsp salt"),
                    (159, 760, 12, "Method"),
                    (159, 740, 10, "1. Heat the oven to 200C and grease a muffin tin."),
                    (159, 725, 10, "2. Blend the oats to a flour, then add the rest."),
                    (159, 710, 10, "3. Fill the tin and bake for 15 minutes."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "2 cups rolled oats",
        "2 large eggs",
        "1/4 cup honey",
        "1 1/2 tsp baking powder",
        "1/8 tsp salt",
    ]


def test_an_items_note_that_runs_on_after_a_full_stop_stays_with_its_item():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 760, 14, "Ingredients"),
                    (50, 740, 10, "1 cup measure for measure all-purpose gluten-free flour, sifted."),
                    (50, 726, 10, "You can also use cake flour if gluten is no concern."),
                    (50, 712, 10, "1/3 cup cocoa powder"),
                    (50, 698, 10, "Powdered sugar, to dust."),
                    (50, 670, 14, "Method"),
                    (50, 650, 10, "Whisk everything together."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "1 cup measure for measure all-purpose gluten-free flour, sifted. "
        "You can also use cake flour if gluten is no concern.",
        "1/3 cup cocoa powder",
        "Powdered sugar, to dust.",
    ]


def test_every_later_line_of_an_item_hanging_under_its_checkbox_is_joined():
    # Items start past their checkbox; each wrapped line hangs out to the left under it. Wider text
    # above the columns at the same left edge hides the list's own right edge.
    pdf = make_pdf(
        [
            place_text(
                [
                    (61.5, 780, 10, "A buttery cake for any day of the week, topped with berries and cream."),
                    (61.5, 750, 14, "Ingredients"),
                    (84, 730, 10, "1 cup salted"),
                    (61.5, 716, 10, "butter, 2 sticks"),
                    (61.5, 702, 10, "softened to room"),
                    (61.5, 688, 10, "temperature"),
                    (84, 674, 10, "1 cup granulated"),
                    (61.5, 660, 10, "sugar"),
                    (84, 646, 10, "1 egg"),
                    (300, 750, 14, "Instructions"),
                    (300, 730, 10, "1. Heat the oven to 180C."),
                    (300, 716, 10, "2. Beat the butter and sugar."),
                    (300, 702, 10, "3. Add the egg and bake."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "1 cup salted butter, 2 sticks softened to room temperature",
        "1 cup granulated sugar",
        "1 egg",
    ]


def test_a_capitalised_line_under_an_item_that_ends_its_phrase_is_the_next_item():
    # Both long items fill the column, so neither "Fresh" nor "Arthur" would have fitted on the line above.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 760, 14, "Ingredients"),
                    (50, 740, 10, "1/2 cup grated Parmesan cheese, plus more for garnishing if desired"),
                    (50, 726, 10, "Fresh herbs, optional for garnishing"),
                    (50, 712, 10, "1 cup all-purpose flour, sifted, or a good bread flour such as King"),
                    (50, 698, 10, "Arthur"),
                    (50, 670, 14, "Instructions"),
                    (50, 650, 10, "Mix everything together."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "1/2 cup grated Parmesan cheese, plus more for garnishing if desired",
        "Fresh herbs, optional for garnishing",
        "1 cup all-purpose flour, sifted, or a good bread flour such as King Arthur",
    ]


def test_a_seasoning_line_under_the_widest_item_is_an_item_of_its_own():
    # The long item is the widest line of its column, so "salt" would not have fitted on its row either.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 760, 14, "Ingredients"),
                    (50, 740, 10, "1 cup chicken broth"),
                    (50, 726, 10, "4 tablespoons chilled unsalted butter, cut into 4 pieces"),
                    (50, 712, 10, "salt and pepper, to taste"),
                    (50, 698, 10, "1/2 teaspoon each dried thyme, dried oregano and kosher"),
                    (50, 684, 10, "salt and pepper"),
                    (50, 656, 14, "Instructions"),
                    (50, 636, 10, "Mix everything together."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "1 cup chicken broth",
        "4 tablespoons chilled unsalted butter, cut into 4 pieces",
        "salt and pepper, to taste",
        "1/2 teaspoon each dried thyme, dried oregano and kosher salt and pepper",
    ]


def test_pages_past_the_measured_budget_are_read_in_the_text_layers_order(monkeypatch):
    columns = place_text(
        [
            (50, 750, 11, "2 cups flour"),
            (320, 750, 11, "Sift the flour into a bowl."),
            (50, 730, 11, "1 onion"),
            (320, 730, 11, "Chop the onion finely."),
        ]
    )
    monkeypatch.setattr(pdf_reader, "MAX_MEASURED_CHARS", 10)
    first, second = pdf_reader.read_pdf(make_pdf([columns, columns])).text.split("\n\n")
    assert first.splitlines() == [
        "2 cups flour",
        "1 onion",
        "Sift the flour into a bowl.",
        "Chop the onion finely.",
    ]
    assert second.splitlines()[0] == "2 cups flour Sift the flour into a bowl."


def test_a_proper_noun_wrapped_after_a_long_note_stays_with_its_item():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 760, 14, "Ingredients"),
                    (
                        50,
                        740,
                        10,
                        "2 oz cheddar cheese shredded-or try a three-cheese blend similar to the one",
                    ),
                    (50, 726, 10, "Taco Bell uses, made with mozzarella and cheddar"),
                    (50, 712, 10, "1 cup salsa"),
                    (50, 680, 14, "Instructions"),
                    (50, 660, 10, "Layer everything in a dish and bake."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "2 oz cheddar cheese shredded-or try a three-cheese blend similar to the one "
        "Taco Bell uses, made with mozzarella and cheddar",
        "1 cup salsa",
    ]


def test_a_hanging_line_that_opens_with_an_amount_carries_on_an_item_that_ends_mid_phrase():
    # Each item's later lines are set in under its first; "about 2 to 3 tablespoons" opens with an
    # amount, but the line above ends on a comma, and "8 thin slices" follows "about 6 to".
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 14, "Ingredients"),
                    (50, 762, 10, "1 medium bell pepper"),
                    (50, 748, 10, "1 1/2 ounces cream cheese,"),
                    (60, 734, 10, "about 2 to 3 tablespoons"),
                    (50, 720, 10, "1/2 small cucumber, about 6 to"),
                    (60, 706, 10, "8 thin slices"),
                    (50, 692, 10, "2 ounces thinly sliced ham"),
                    (50, 672, 14, "Method"),
                    (50, 654, 10, "1. Cut the pepper in half lengthwise and remove the ribs and seeds."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "1 medium bell pepper",
        "1 1/2 ounces cream cheese, about 2 to 3 tablespoons",
        "1/2 small cucumber, about 6 to 8 thin slices",
        "2 ounces thinly sliced ham",
    ]


def test_items_written_name_first_end_at_their_amount_in_a_list_narrower_than_its_column():
    # The list's widest item sets its own right edge, so every next name "would not fit" after a short
    # item; an item that ends on its amount is finished all the same.
    pdf = make_pdf(
        [
            place_text(
                [
                    (48, 780, 14, "Ingredients"),
                    (64, 762, 10, "Ground beef, 300 g"),
                    (64, 748, 10, "Flatbreads, ~6"),
                    (64, 734, 10, "Sour cream, 2 spoonfuls"),
                    (64, 720, 10, "Onions, 1"),
                    (64, 706, 10, "Parsley, 1 bunch"),
                    (48, 686, 14, "Instructions"),
                    (
                        48,
                        668,
                        10,
                        "1. Mix the meat with the onions and parsley and spread it on the flatbreads.",
                    ),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "Ground beef, 300 g",
        "Flatbreads, ~6",
        "Sour cream, 2 spoonfuls",
        "Onions, 1",
        "Parsley, 1 bunch",
    ]


def test_a_lowercase_line_set_in_under_an_item_with_no_amount_is_its_wrapped_rest():
    # A hanging indent in a list narrower than the method under it: the list's own widest line shows
    # that "pepper," could not fit after "black"; "optional bubbles" back at the items' left edge after
    # hanging lines is the next item.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 14, "Ingredients"),
                    (50, 762, 10, "3/4 cup whipping cream"),
                    (50, 748, 10, "salt and freshly ground black"),
                    (60, 734, 10, "pepper, to taste"),
                    (50, 720, 10, "optional sweetener: simple"),
                    (60, 706, 10, "syrup or maple syrup"),
                    (50, 692, 10, "optional bubbles: lemon-lime"),
                    (60, 678, 10, "soda or sparkling water"),
                    (50, 658, 14, "Method"),
                    (
                        50,
                        640,
                        10,
                        "1. Whip the cream with a pinch of salt and pepper until it holds soft peaks, then chill.",
                    ),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "3/4 cup whipping cream",
        "salt and freshly ground black pepper, to taste",
        "optional sweetener: simple syrup or maple syrup",
        "optional bubbles: lemon-lime soda or sparkling water",
    ]


def test_a_notes_wrapped_end_that_opens_with_a_number_closes_its_bracket():
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 14, "Ingredients"),
                    (50, 762, 10, "8 ounces all-purpose flour, such as Gold Medal (1 2/3 cups;"),
                    (50, 748, 10, "225g), plus more for dusting"),
                    (50, 734, 10, "1/2 ounce sugar (1 tablespoon; 15g)"),
                    (50, 720, 10, "4 ounces cold tap water (1/2 cup; 115g)"),
                    (50, 700, 14, "Directions"),
                    (50, 682, 10, "1. Whisk the flour and the sugar together."),
                ]
            )
        ]
    )
    # The first line is the column's widest: "225g)," did not fit after it.
    assert texts(extract(pdf)) == [
        "8 ounces all-purpose flour, such as Gold Medal (1 2/3 cups; 225g), plus more for dusting",
        "1/2 ounce sugar (1 tablespoon; 15g)",
        "4 ounces cold tap water (1/2 cup; 115g)",
    ]


def test_a_group_heading_set_out_left_of_the_items_is_no_wrapped_end_of_the_item_above():
    # The card sets "Cake:" and "Topping:" out to the left of the items, where a wrapped line would hang
    # under its checkbox; the group's widest item ends at the column's edge, so the name seemed not to fit.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 14, "Ingredients"),
                    (50, 762, 11, "Cake:"),
                    (70, 746, 10, "1 cup all purpose flour"),
                    (70, 732, 10, "generous 1/2 cup semisweet or bittersweet chocolate chips"),
                    (50, 716, 11, "Topping:"),
                    (70, 700, 10, "1/4 cup unsweetened cocoa powder"),
                    (70, 686, 10, "1 1/2 cups boiling water"),
                    (50, 664, 14, "Instructions"),
                    (50, 646, 10, "1. Mix the flour and the chocolate chips in a bowl."),
                ]
            )
        ]
    )
    extraction = extract(pdf)
    assert [(item.group, item.text) for item in extraction.ingredients] == [
        ("Cake", "1 cup all purpose flour"),
        ("Cake", "generous 1/2 cup semisweet or bittersweet chocolate chips"),
        ("Topping", "1/4 cup unsweetened cocoa powder"),
        ("Topping", "1 1/2 cups boiling water"),
    ]


def test_a_capitalised_name_wrapped_closer_than_the_items_are_spaced_stays_with_its_item():
    # Items 22 pt apart, the wrapped line 14 pt under its first: "Seville" carries the item on although
    # the line above ends on a lowercase word, as a new item's first word would follow it.
    pdf = make_pdf(
        [
            place_text(
                [
                    (50, 780, 14, "Ingredients"),
                    (50, 756, 11, "5 gelatine leaves"),
                    (50, 734, 11, "275 g good quality no-peel"),
                    (50, 720, 11, "Seville orange marmalade"),
                    (50, 698, 11, "1 tsp vanilla extract"),
                    (50, 676, 11, "Fresh mint leaves"),
                    (300, 780, 14, "Method"),
                    (300, 756, 11, "1. Soak the gelatine."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "5 gelatine leaves",
        "275 g good quality no-peel Seville orange marmalade",
        "1 tsp vanilla extract",
        "Fresh mint leaves",
    ]


def test_a_heading_is_complete_and_takes_no_first_item_as_its_wrapped_end():
    # "butter" could not fit after "Ingredients" in the narrow heading's width, but a heading is whole.
    pdf = make_pdf(
        [
            place_text(
                [
                    (40, 780, 13, "Ingredients"),
                    (60, 762, 11, "butter (ghee, or shortening for greasing the pan)"),
                    (60, 748, 11, "3 cups almond flour"),
                    (60, 734, 11, "1 1/2 teaspoons baking soda"),
                    (40, 710, 13, "Instructions"),
                    (60, 692, 11, "1. Grease the pan with the butter and heat the oven."),
                ]
            )
        ]
    )
    assert texts(extract(pdf)) == [
        "butter (ghee, or shortening for greasing the pan)",
        "3 cups almond flour",
        "1 1/2 teaspoons baking soda",
    ]


def test_a_photo_credit_printed_over_every_picture_of_a_print_is_left_out():
    pdf = make_text_pdf(
        [
            [
                "Vegan Blueberry Cake",
                "The Best Blueberry Cake",
                "Jane Baker",
                "This cake is moist, fruity and quick to make.",
                "Moist Blueberry Lemon Cake",
                "Jane Baker",
                "Loaf cake or muffins?",
                "Jane Baker",
                "Ingredients",
                "Jane Baker",
                "1 cup soy milk",
                "2 tsp baking powder",
                "7 oz blueberries",
                "Instructions",
                "Whisk the milk with the baking powder, fold in the blueberries and bake for 55 minutes.",
            ]
        ]
    )
    assert texts(extract(pdf)) == ["1 cup soy milk", "2 tsp baking powder", "7 oz blueberries"]


def test_a_list_printed_several_times_keeps_its_bare_names():
    card = [
        "Ingredients",
        "300g mixed quinoa, rinsed",
        "4 x 120g salmon fillets",
        "Toasted sesame seeds, for garnish",
        "Instructions",
        "Cook the quinoa, bake the salmon for 12 minutes and scatter the sesame seeds over them.",
    ]
    assert texts(extract(make_text_pdf([card * 4])))[:3] == [
        "300g mixed quinoa, rinsed",
        "4 x 120g salmon fillets",
        "Toasted sesame seeds, for garnish",
    ]


def test_a_chat_export_is_read_without_its_stamps_and_senders():
    text = (
        "[02/02/2025, 09:12:40] Mum: Pancakes for Sunday\n"
        "[02/02/2025, 09:12:58] Mum: 1 cup self-raising flour\n"
        "[02/02/2025, 09:13:05] Mum: 1 egg\n"
        "02/02/2025, 09:13 - Mum: 3/4 cup milk\n"
        "[02/02/2025, 09:20:44] Tom: thanks!!\n"
    )
    result = extract(text.encode(), filename="chat.txt")
    assert result.title == "Pancakes for Sunday"
    assert [item.text for item in result.ingredients] == ["1 cup self-raising flour", "1 egg", "3/4 cup milk"]


def test_a_mail_is_read_without_its_headers_quote_intro_and_signature():
    text = (
        "From: Helen Walsh <helen@example.org>\nSent: Sunday, 8 December 2024 10:14\nTo: Claire\n"
        "Subject: RE: shortbread\n\n> On Sat, 7 Dec 2024 at 21:40, Claire Walsh wrote:\n> Do you have it?\n\n"
        "Gran's Shortbread\n\n8 oz butter\n4 oz caster sugar\n12 oz plain flour\n\n"
        "--\nHelen Walsh\n2 Mill Lane\nSent from my iPad\n"
    )
    result = extract(text.encode(), filename="mail.txt")
    assert result.title == "Gran's Shortbread"
    assert [item.text for item in result.ingredients] == [
        "8 oz butter",
        "4 oz caster sugar",
        "12 oz plain flour",
    ]


def test_a_double_dash_over_a_long_text_is_a_separator_not_a_signature():
    from extraction.textfile import without_message_framing

    text = "Soup\n--\n" + "\n".join(f"{n} cups stock" for n in range(1, 12))
    assert without_message_framing(text) == text


def _page_without_h1(title: str, masthead: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><div class='top'>{masthead}</div>"
        "<h2>Mapo Tofu</h2><h3>Ingredients</h3><ul><li>400 g silken tofu</li><li>150 g minced pork</li>"
        "<li>2 tbsp doubanjiang</li></ul><h3>Instructions</h3><p>Fry the pork, add the rest.</p></body></html>"
    ).encode()


def test_a_page_without_h1_whose_title_names_the_site_is_titled_by_its_content_heading():
    page = _page_without_h1("Wok Notes – Easy weeknight cooking", '<a href="/">Wok Notes</a> | Recipes')
    assert extract(page, filename="page.html").title == "Mapo Tofu"


def test_a_page_without_h1_keeps_a_title_that_names_the_recipe():
    page = _page_without_h1("Sichuan Mapo Tofu | Wok Notes", '<a href="/">Wok Notes</a>')
    assert extract(page, filename="page.html").title == "Sichuan Mapo Tofu"


def _letter_spaced(x: float, y: float, size: float, text: str) -> bytes:
    """A content stream drawing text with 3 pt between its letters (CSS letter-spacing), then back to 0."""
    return b"BT /F1 %.1f Tf 3 Tc %.1f %.1f Td (" % (size, x, y) + pdf_string(text) + b") Tj 0 Tc ET\n"


def test_letter_spaced_headings_are_read_as_their_words():
    # Pdfium puts a space here and there inside a letter-spaced word ("I N G R E D I E N T S"), so the
    # card's headings headed nothing and a blog's paragraph above won as the list.
    pdf = make_pdf(
        [
            place_text([(50, 800, 11, "Here are the ingredients you need for these fries:")])
            + place_text([(50, 786, 11, "A bag of frozen french fries or crinkle fries")])
            + _letter_spaced(50, 740, 14, "INGREDIENTS")
            + place_text([(50, 720, 11, "2 lbs frozen French fries"), (50, 704, 11, "1 tsp salt")])
            + _letter_spaced(50, 680, 12, "SPICY KETCHUP")
            + place_text([(50, 660, 11, "6 tbsp ketchup"), (50, 644, 11, "2 tsp horseradish")])
            + _letter_spaced(50, 610, 14, "INSTRUCTIONS")
            + place_text([(50, 590, 11, "1. Air fry the fries at 400F for 12 minutes, shaking halfway.")])
        ]
    )
    extraction = extract(pdf)
    assert [(item.group, item.text) for item in extraction.ingredients] == [
        ("", "2 lbs frozen French fries"),
        ("", "1 tsp salt"),
        ("SPICY KETCHUP", "6 tbsp ketchup"),
        ("SPICY KETCHUP", "2 tsp horseradish"),
    ]
