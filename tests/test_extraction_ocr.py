"""OCR of uploaded images: images are drawn here with Pillow so each case shows what it exercises."""

import io
import time

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extraction import fractionglyphs, ocr
from extraction.errors import CorruptFile, FileTooComplex, NoTextFound
from extraction.pipeline import extract
from tests.images import declared_png

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CARD = [
    "Pancakes",
    "",
    "Ingredients",
    "200 g plain flour",
    "2 large eggs",
    "300 ml milk",
    "1 tbsp sunflower oil",
    "",
    "Method",
    "Whisk everything into a smooth batter.",
]


def _card(lines=CARD, *, size: int = 28, width: int = 900) -> Image.Image:
    font = ImageFont.truetype(FONT, size)
    step = round(size * 1.5)
    image = Image.new("L", (width, 2 * step + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((size * 2, step + index * step), line, font=font, fill=0)
    return image


def _encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_clean_card_is_read_line_by_line():
    text = ocr.image_to_text(_encode(_card()))

    assert _lines(text) == [line for line in CARD if line]


def test_photo_turned_sideways_is_put_upright_from_its_exif_orientation():
    # Orientation 6: the camera stored the picture a quarter turn anticlockwise of how it is viewed.
    stored = _card().convert("RGB").rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6

    text = ocr.image_to_text(_encode(stored, "JPEG", quality=90, exif=exif))

    assert "200 g plain flour" in _lines(text)
    assert "Whisk everything into a smooth batter." in _lines(text)


def test_iphone_heic_photo_turned_sideways_is_read_upright():
    # HEIC is the iPhone camera's default; its EXIF orientation is honoured as a JPEG's is.
    stored = _card().convert("RGB").rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    ocr._register_heif()
    text = ocr.image_to_text(_encode(stored, "HEIF", quality=90, exif=exif.tobytes()))
    assert "200 g plain flour" in _lines(text)


def test_slightly_skewed_photo_is_straightened_before_reading():
    skewed = _card().rotate(3, resample=Image.BICUBIC, expand=True, fillcolor=255)

    text = ocr.image_to_text(_encode(skewed))

    assert _lines(text)[2:6] == ["200 g plain flour", "2 large eggs", "300 ml milk", "1 tbsp sunflower oil"]


def test_small_low_contrast_shadowed_photo_is_still_read():
    card = np.asarray(_card(size=16, width=450), dtype=np.float32)
    # Grey ink on paper that darkens towards one side, blurred and noisy as a phone photo.
    shade = np.linspace(1.0, 0.55, card.shape[1], dtype=np.float32)[None, :]
    pixels = (90 + card * (150 / 255)) * shade
    pixels += np.random.default_rng(1).normal(0, 6, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))

    text = ocr.image_to_text(_encode(photo.convert("RGB"), "JPEG", quality=70))

    assert {"200 g plain flour", "2 large eggs"} <= set(_lines(text))


def test_vulgar_fraction_glyphs_are_read_as_fractions():
    lines = ["Ingredients", "\u00bd cup sugar", "1\u00bc cups milk", "\u00be teaspoon salt", "2 eggs"]

    text = ocr.image_to_text(_encode(_card(lines)))

    assert [line.lower() for line in _lines(text)] == [line.lower() for line in lines]


def test_lines_of_one_block_are_not_separated_by_blank_lines():
    text = ocr.image_to_text(_encode(_card()))

    assert "Ingredients\n200 g plain flour\n2 large eggs\n300 ml milk" in text


def test_webp_with_transparent_background_is_read_as_dark_text_on_white():
    card = _card()
    rgba = Image.new("RGBA", card.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(card, lambda v: 255 - v))

    text = ocr.image_to_text(_encode(rgba, "WEBP", lossless=True))

    assert "2 large eggs" in _lines(text)


def test_rendered_pdf_page_is_read_without_file_decoding():
    text = ocr.page_image_to_text(_card().convert("RGB"))

    assert "Ingredients" in _lines(text)


def test_blank_image_has_no_text():
    with pytest.raises(NoTextFound):
        ocr.image_to_text(_encode(Image.new("RGB", (800, 600), (250, 250, 250))))


def test_picture_without_lettering_has_no_text():
    image = Image.new("L", (800, 600), 255)
    ImageDraw.Draw(image).ellipse((200, 100, 600, 500), fill=40)

    with pytest.raises(NoTextFound):
        ocr.image_to_text(_encode(image))


def test_truncated_image_is_corrupt():
    data = _encode(_card())

    with pytest.raises(CorruptFile):
        ocr.image_to_text(data[: len(data) // 2])


def test_bytes_that_are_no_image_are_corrupt():
    with pytest.raises(CorruptFile):
        ocr.image_to_text(b"%PDF-1.7 not an image at all")


def test_decompression_bomb_is_refused_quickly_without_decoding():
    # A 100 000 x 100 000 px PNG header: ten gigapixels declared in a few dozen bytes.
    bomb = declared_png(100_000, 100_000)

    started = time.monotonic()
    with pytest.raises(FileTooComplex):
        ocr.image_to_text(bomb)
    assert time.monotonic() - started < 1


def test_image_just_over_the_pixel_cap_is_refused(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PIXELS", 100 * 100)

    with pytest.raises(FileTooComplex):
        ocr.image_to_text(_encode(Image.new("L", (101, 100), 255)))


def test_reading_that_overruns_its_time_budget_is_refused_as_too_complex():
    with pytest.raises(FileTooComplex):
        ocr.image_to_text(_encode(_card()), timeout=0.01)


# ------------------------------------------------------------------------------------- reading in parts

INGREDIENTS = [
    "Ingredients",
    "250 g plain flour",
    "2 large eggs",
    "300 ml whole milk",
    "1 tbsp caster sugar",
    "1 pinch of salt",
]
METHOD = [
    "Sift the flour and the salt into a large bowl and make a deep well in",
    "the middle of it. Crack the eggs into the well, add a splash of milk",
    "and whisk, drawing in the flour from the sides little by little until",
    "the batter is smooth. Whisk in the rest of the milk and the sugar, then",
    "leave the batter to rest for half an hour while the pan heats up well.",
    "Heat a little butter in a frying pan until it foams. Pour in a ladle of",
    "batter and tilt the pan so that it covers the base in one thin layer.",
    "Cook for a minute until golden underneath, then flip and cook the other",
    "side for half a minute more. Keep warm while you cook the rest of the",
    "batter in the same way, adding a little more butter to the pan each time.",
    "Serve the pancakes warm with lemon juice and a sprinkling of caster sugar.",
]
LONG_CARD = ["Pancakes", "", *INGREDIENTS, "", "Method", *METHOD]


def test_long_card_is_read_only_down_to_its_method_when_that_is_enough():
    seen = []

    def enough(text: str) -> bool:
        seen.append(text)
        return "Method" in text

    text = ocr.image_to_text(_encode(_card(LONG_CARD, width=1200)), enough=enough)

    assert len(seen) == 1
    assert _lines(text)[:7] == ["Pancakes", *INGREDIENTS]
    assert "Method" in _lines(text)
    assert METHOD[-1] not in _lines(text)


def test_rest_of_the_card_is_read_when_its_top_part_is_not_enough():
    image = _encode(_card(LONG_CARD, width=1200))

    text = ocr.image_to_text(image, enough=lambda text: False)

    assert text == ocr.image_to_text(image)
    assert _lines(text) == [line for line in LONG_CARD if line]


def _page_readings(monkeypatch) -> list[tuple[int, int]]:
    """The shapes of the images Tesseract is given to read as pages (fraction numerals left out)."""
    readings = []
    tesseract = ocr._tesseract

    def recording(pixels, function, lang, config, *args, **kwargs):
        if config == ocr.TESSERACT_CONFIG:
            readings.append(pixels.shape)
        return tesseract(pixels, function, lang, config, *args, **kwargs)

    monkeypatch.setattr(ocr, "_tesseract", recording)
    return readings


def test_pipeline_reads_a_long_card_down_to_its_method_only(monkeypatch):
    readings = _page_readings(monkeypatch)

    extraction = extract(_encode(_card(LONG_CARD, width=1200)), filename="card.png")

    assert [item.text for item in extraction.ingredients] == INGREDIENTS[1:]
    assert len(readings) == 1


def test_ingredient_list_running_on_past_the_first_part_is_read_whole(monkeypatch):
    # Ingredient lines as wide as the method's rows: the first part ends among them.
    long_lines = [
        "2 tbsp unsalted butter, melted and cooled, plus a little more for the pan",
        "1 tsp finely grated lemon zest from an unwaxed lemon, plus juice to serve",
        "100 g fresh blueberries, rinsed and dried, or frozen ones used from frozen",
        "3 tbsp maple syrup, warmed, with a little more to pour over when serving",
    ]
    card = ["Pancakes", "", *INGREDIENTS, *long_lines, "", "Method", *METHOD]
    readings = _page_readings(monkeypatch)

    extraction = extract(_encode(_card(card, width=1200)), filename="card.png")

    assert [item.text for item in extraction.ingredients] == INGREDIENTS[1:] + long_lines
    assert len(readings) == 2


def test_second_ingredient_list_below_a_method_is_kept():
    sauce = ["Sauce ingredients", "100 g butter", "2 tbsp honey", "1 lemon, juiced"]
    card = ["Pancakes", "", *INGREDIENTS, "", "Method", *METHOD[:5], "", *sauce, "", "Method", *METHOD[5:]]

    extraction = extract(_encode(_card(card, width=1200)), filename="card.png")

    assert [item.text for item in extraction.ingredients] == INGREDIENTS[1:] + sauce[1:]


def test_fraction_glyphs_below_the_first_part_are_read_as_fractions():
    with_fractions = [
        "Whisk \u00bd cup of the milk with the eggs until the mixture is smooth,",
        "then stir in 1\u00bc cups of flour and \u00be teaspoon of salt and leave it.",
    ]
    card = ["Pancakes", "", *INGREDIENTS, "", "Method", *METHOD[:6], *with_fractions, *METHOD[6:]]
    seen = []

    def enough(text: str) -> bool:
        seen.append(text)
        return False

    text = ocr.image_to_text(_encode(_card(card, width=1200)), enough=enough)

    assert "Whisk" not in seen[0]
    assert set(with_fractions) <= set(_lines(text))


def test_two_columns_are_not_split_between_the_parts():
    # A short header, then the list in the left column beside the method in the right, row for row.
    left = ["Ingredients"] + [f"{n} tbsp item {n}" for n in range(1, 11)]
    right = [
        "Method",
        "Sift the flour and the salt into",
        "a large bowl and make a deep well",
        "in the middle. Crack the eggs in,",
        "add a splash of milk and whisk,",
        "drawing the flour in from the",
        "sides until the batter is smooth.",
        "Whisk in the rest of the milk,",
        "then leave the batter to rest",
        "for half an hour. Heat a little",
        "butter in a pan until it foams.",
    ]
    header = _card(["Pancakes", "", "Serves 4", "Prep 10 minutes", "Cook 20 minutes"], width=1400)
    page = Image.new("L", (1400, header.height + 42 * (len(right) + 1)), 255)
    page.paste(header, (0, 0))
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 28)
    for column, lines in ((56, left), (740, right)):
        for index, line in enumerate(lines):
            draw.text((column, header.height + index * 42), line, font=font, fill=0)

    text = ocr.image_to_text(_encode(page), enough=lambda text: True)

    assert "\n".join(left) in text
    assert "\n".join(right) in text


def _row(text: str, left: int, top: int, block: int, *, height: int = 30, char: int = 15) -> "ocr._Line":
    """A line as Tesseract gives it: words boxed from left on the row at top, in block."""
    words = []
    for word in text.split():
        words.append(ocr._Word(word, left, top, left + char * len(word), top + height))
        left += char * (len(word) + 1)
    return ocr._Line(words, (block, 1))


def test_table_of_amounts_and_names_read_as_blocks_is_joined_row_by_row():
    # Tesseract gives the amount column as one block and the name column as another.
    amounts = [_row("Amount", 100, 100, 3), _row("1", 100, 150, 3), _row("2 oz", 100, 200, 3)]
    amounts += [_row("5 1/4 oz", 100, 250, 3), _row("12", 100, 300, 3), _row("Method", 100, 400, 3)]
    names = [_row("Ingredient", 500, 100, 4), _row("recipe sponge cake", 500, 150, 4)]
    names += [_row("dried strawberries", 500, 200, 4), _row("sugar", 500, 250, 4)]
    names += [_row("strawberries", 500, 300, 4)]
    steps = [_row("1. Whisk the cream.", 100, 450, 5)]

    text = ocr._layout([_row("Cake", 100, 20, 1), *amounts, *names, *steps])

    assert _lines(text) == [
        "Cake",
        "Amount",
        "Ingredient",
        "1 recipe sponge cake",
        "2 oz dried strawberries",
        "5 1/4 oz sugar",
        "12 strawberries",
        "Method",
        "1. Whisk the cream.",
    ]


def test_two_columns_of_whole_items_are_not_read_as_a_table():
    left = [_row(item, 100, 150 + 50 * i, 3) for i, item in enumerate(["2 eggs", "1 cup milk", "3 apples"])]
    right = [
        _row(item, 700, 150 + 50 * i, 4) for i, item in enumerate(["1 tsp salt", "2 tbsp oil", "4 pears"])
    ]

    text = ocr._layout([*left, *right])

    assert _lines(text) == ["2 eggs", "1 cup milk", "3 apples", "1 tsp salt", "2 tbsp oil", "4 pears"]


def test_item_wrapped_under_its_first_row_is_joined_to_it():
    rows = [
        _row("Ingredients", 100, 100, 3),
        _row("1 tablespoon extra virgin olive", 100, 147, 3),
        _row("oil", 130, 194, 3),
        _row("1 leek, trimmed and sliced", 100, 241, 3),
        _row("6 cups chicken or vegetable", 100, 288, 3),
        _row("stock, hot", 130, 335, 3),
        _row("sea salt and black pepper", 100, 382, 3),
        _row("finely grated parmesan", 100, 429, 3),
    ]

    text = ocr._layout(rows)

    assert _lines(text) == [
        "Ingredients",
        "1 tablespoon extra virgin olive oil",
        "1 leek, trimmed and sliced",
        "6 cups chicken or vegetable stock, hot",
        "sea salt and black pepper",
        "finely grated parmesan",
    ]


def test_rows_set_in_with_an_amount_of_their_own_or_further_down_stay_apart():
    rows = [
        _row("2 cups flour", 100, 100, 3),
        _row("1 tsp baking powder", 130, 147, 3),  # a sub-item with its own amount
        _row("3 eggs", 100, 194, 3),
        _row("beaten", 130, 300, 3),  # well below the list's row pitch
    ]

    text = ocr._layout(rows)

    assert _lines(text) == ["2 cups flour", "1 tsp baking powder", "3 eggs", "beaten"]


def test_wrapped_row_opening_with_a_number_joins_an_item_that_ends_on_a_word_no_item_ends_on():
    rows = [
        _row("1 onion, cut into about 6 to", 100, 100, 3),
        _row("8 thin slices", 130, 147, 3),
        _row("Glace cherries, I used around", 100, 194, 3),
        _row("40 to 50", 130, 241, 3),
        _row("2 cups flour", 100, 288, 3),
        _row("1 tsp baking powder", 130, 335, 3),  # set in, but "flour" can end an item
    ]

    text = ocr._layout(rows)

    assert _lines(text) == [
        "1 onion, cut into about 6 to 8 thin slices",
        "Glace cherries, I used around 40 to 50",
        "2 cups flour",
        "1 tsp baking powder",
    ]


def test_wrapped_row_opening_with_a_joining_or_quantity_word_in_lower_case_carries_on_its_item():
    rows = [
        _row("For serving: parsley, rice", 100, 100, 3),
        _row("or farrow and sea salt", 130, 147, 3),  # under a row with no amount
        _row("2 tablespoons guacamole, ora", 100, 194, 3),
        _row("few slices of avocado", 130, 241, 3),  # "few" is a quantity word, in lower case
        _row("Spice mix", 100, 288, 3),
        _row("cumin", 130, 335, 3),  # a plain name over a list set in stays apart
        _row("coriander", 130, 382, 3),
    ]

    text = ocr._layout(rows)

    assert _lines(text) == [
        "For serving: parsley, rice or farrow and sea salt",
        "2 tablespoons guacamole, ora few slices of avocado",
        "Spice mix",
        "cumin",
        "coriander",
    ]


def _drawn(rows: list[list[tuple[int, str]]], *, width: int = 1400, size: int = 28) -> Image.Image:
    """A card whose rows hold (left, text) cells."""
    font = ImageFont.truetype(FONT, size)
    step = round(size * 1.6)
    image = Image.new("L", (width, step * (len(rows) + 2)), 255)
    draw = ImageDraw.Draw(image)
    for index, row in enumerate(rows):
        for left, text in row:
            draw.text((left, step + index * step), text, font=font, fill=0)
    return image


def test_pipeline_reads_an_amount_and_ingredient_table_row_by_row():
    # Names long enough for Tesseract's page layout to read the amounts and the names as two blocks.
    table = [
        ("1", 'recipe chocolate chiffon cake (baked in two 9" pans)'),
        ("2 oz", "freeze dried strawberries (3 cups before grinding)"),
        ("5 1/4 oz", "granulated sugar (2/3 cup, divided)"),
        ("2 tablespoons", "orange liqueur (or use water)"),
        ("12", "fresh strawberries"),
    ]
    rows = [[(60, "Strawberry Cake")], [], [(60, "Amount"), (420, "Ingredient")]]
    rows += [[(60, amount), (420, name)] for amount, name in table]
    rows += [[], [(60, "Method")], [(60, "Whisk the cream and fold in the strawberries.")]]

    extraction = extract(_encode(_drawn(rows)), filename="card.png")

    assert [item.text for item in extraction.ingredients] == [f"{a} {n}" for a, n in table]


def test_pipeline_joins_items_a_narrow_column_wrapped_under_their_first_row():
    items = [
        ("1 tablespoon extra virgin olive", "oil"),
        ("6 cups (1.5 litres) chicken or", "vegetable stock"),
        ("2 small zucchini (courgettes),", "grated"),
        ("150 g green beans, trimmed", "and chopped"),
    ]
    rows = [[(60, "Minestrone")], [], [(60, "Ingredients")]]
    for first, rest in items:
        rows += [[(60, first)], [(95, rest)]]
    rows += [[(60, "1 leek, sliced")], [], [(60, "Method")]]
    rows += [[(60, "Heat the oil in a large saucepan over a medium heat and add the leek.")]]

    extraction = extract(_encode(_drawn(rows)), filename="card.png")

    assert [item.text for item in extraction.ingredients] == [f"{a} {b}" for a, b in items] + [
        "1 leek, sliced"
    ]


def test_column_of_bullets_read_as_letters_or_signs_is_written_as_bullets():
    rows = [
        _row("Ingredients", 100, 100, 3),
        _row("© 2 tbsp soy sauce", 100, 147, 3),
        _row("O 1 tbsp sugar", 100, 194, 3),
        _row("@ Chopped fresh cilantro", 100, 241, 3),
    ]

    text = ocr._layout(rows)

    assert _lines(text) == ["Ingredients", "• 2 tbsp soy sauce", "• 1 tbsp sugar", "• Chopped fresh cilantro"]


def test_short_words_opening_rows_are_not_taken_for_bullets():
    rows = [
        _row("If the dough is dry, add water.", 100, 100, 3),
        _row("In a bowl, mix the flour.", 100, 147, 3),
        _row("At the end, rest the dough.", 100, 194, 3),
        _row("g 2 tbsp oil", 100, 300, 4),  # a lone mark is read as it is
    ]

    assert _lines(ocr._layout(rows)) == [
        "If the dough is dry, add water.",
        "In a bowl, mix the flour.",
        "At the end, rest the dough.",
        "g 2 tbsp oil",
    ]


def test_block_carrying_on_a_column_on_the_next_row_adds_no_blank_line():
    rows = [
        _row("Ingredients", 100, 100, 3),
        _row("2 tbsp soy sauce", 100, 147, 3),
        _row("1 tbsp sugar", 100, 194, 4),  # Tesseract starts a new block mid-list
        _row("Notes", 700, 100, 5),  # a block beside the list
        _row("Keeps a week.", 700, 147, 5),
    ]

    assert ocr._layout(rows) == "Ingredients\n2 tbsp soy sauce\n1 tbsp sugar\n\nNotes\nKeeps a week."


def test_fraction_glyphs_misread_down_a_list_are_not_taken_for_bullets():
    rows = [
        _row("Y% cup honey", 100, 100, 3),
        _row("Yq tsp. salt", 100, 147, 3),
        _row("¥% red onion", 100, 194, 3),
        _row("½ cup sugar", 100, 241, 3),
    ]

    assert _lines(ocr._layout(rows)) == ["Y% cup honey", "Yq tsp. salt", "¥% red onion", "½ cup sugar"]


def test_long_item_running_close_to_the_column_beside_it_is_cut_at_the_column_edge():
    # The method column starts at x=800 on every row; one item runs to within a glyph and a half of it.
    rows = [
        _row("1 cup onions", 100, 100, 3),
        _row("1. Heat a skillet.", 800, 100, 3),
        _row("2 cups rice", 100, 147, 3),
        _row("2. Add the rice.", 800, 147, 3),
        _row("1 tin tomatoes", 100, 194, 3),
        _row("3. Add the tomatoes.", 800, 194, 3),
        _row("1 pound ground beef or turkey", 100, 241, 3, char=23),  # ends at 767, 1.1 line heights short
        _row("Drain the fat.", 800, 241, 3),
    ]
    lines = [ocr._Line(rows[i].words + rows[i + 1].words, rows[i].block) for i in range(0, len(rows), 2)]

    text = _lines(ocr._layout(lines))

    assert text[3] == "1 pound ground beef or turkey"
    assert text[-1] == "Drain the fat."


def test_item_wrapped_at_the_right_edge_of_the_page_text_is_joined_to_it():
    # The method's rows show where the text box ends; the first item reaches it and wraps.
    rows = [
        _row("Ingredients", 100, 100, 2),
        _row("1 cup gluten-free flour, sifted. You can also", 100, 147, 2),  # ends at 775
        _row("use cake flour.", 100, 194, 2),
        _row("2 eggs", 100, 241, 2),
        _row("Method", 100, 330, 3),
        _row("Preheat the oven and grease the tin with butter", 100, 377, 3),  # ends at 820
        _row("or oil. Whisk the flour with the cocoa and salt", 100, 424, 3),
        _row("in a large bowl, then add the eggs and whisk", 100, 471, 3),
    ]

    assert _lines(ocr._layout(rows))[1:3] == [
        "1 cup gluten-free flour, sifted. You can also use cake flour.",
        "2 eggs",
    ]


def test_longest_item_of_a_list_is_no_wrap_when_nothing_else_reaches_its_edge():
    rows = [
        _row("Ingredients", 100, 100, 2),
        _row("2 tablespoons finely chopped fresh flat-leaf parsley", 100, 147, 2),
        _row("salt and pepper to taste", 100, 194, 2),
        _row("2 eggs", 100, 241, 2),
        _row("Method", 100, 330, 3),
        _row("Whisk the eggs.", 100, 377, 3),
    ]

    assert _lines(ocr._layout(rows))[1:3] == [
        "2 tablespoons finely chopped fresh flat-leaf parsley",
        "salt and pepper to taste",
    ]


def test_item_whose_small_bullet_was_lost_is_not_taken_for_a_wrapped_row():
    rows = [
        _row("• 2 cups flour, sifted", 100, 100, 3),
        _row("twice", 130, 147, 3),  # carries the item on
        _row("Kosher salt, to taste", 130, 194, 3),  # the next item; OCR lost its bullet
    ]

    assert _lines(ocr._layout(rows)) == ["• 2 cups flour, sifted twice", "Kosher salt, to taste"]


def test_item_whose_number_kept_only_its_bracket_is_not_taken_for_a_wrapped_row():
    rows = [
        _row("5) 2/3 cup almond flour (blanched)", 100, 100, 3),
        _row(") 3/4 tsp. salt", 115, 147, 3),  # "6)" with its digit lost, so set in like a wrapped row
        _row("7) 1/4 tsp. pepper", 100, 194, 3),
    ]

    assert _lines(ocr._layout(rows)) == [
        "5) 2/3 cup almond flour (blanched)",
        ") 3/4 tsp. salt",
        "7) 1/4 tsp. pepper",
    ]


def test_wrapped_row_of_short_letters_only_is_joined_to_its_item():
    item = _row("1/4 cup Kansas City style barbecue", 166, 643, 3)
    for word in item.words:
        word.bottom = 675  # "y" descends below the baseline
    sauce = _row("sauce", 197, 697, 3, height=18)  # no capital or ascender: its box starts at the x-height
    rows = [_row("1/4 cup Big Bad Beef Rub", 166, 596, 3, height=32), item, sauce]
    rows.append(_row("1/4 tablespoon brown sugar", 166, 737, 3, height=32))

    assert _lines(ocr._layout(rows)) == [
        "1/4 cup Big Bad Beef Rub",
        "1/4 cup Kansas City style barbecue sauce",
        "1/4 tablespoon brown sugar",
    ]


def test_surface_around_a_photographed_page_is_made_blank_paper():
    card = np.asarray(_card(), dtype=np.float32)
    # The card on a dark, grainy table, as a phone photo shows it.
    surface = np.full((card.shape[0] + 240, card.shape[1] + 240), 90, dtype=np.float32)
    surface[120:-120, 120:-120] = 40 + card * (200 / 255)
    surface += np.random.default_rng(3).normal(0, 9, surface.shape)
    gray = np.clip(surface, 0, 255).astype(np.uint8)

    evened = ocr._even_out(gray)

    assert (evened[:60] == 255).all() and (evened[:, :60] == 255).all()
    # The grain of the surface no longer passes for glyphs: the card's own letters set the height.
    measured = ocr._glyph_height(ocr._ink_mask(evened))
    printed = ocr._glyph_height(ocr._ink_mask(card.astype(np.uint8)))
    assert abs(measured - printed) <= 3


def _text_row(left: int, right: int, top: int, *, gutter: tuple[int, int] | None = None) -> "ocr._Row":
    """A row of glyph boxes 20 px wide from left to right, none between the gutter's two x's."""
    boxes = [
        (x, top, x + 18, top + 25)
        for x in range(left, right, 20)
        if gutter is None or not (gutter[0] <= x + 18 and x <= gutter[1])
    ]
    return ocr._Row(top, top + 25, np.array(boxes))


def test_part_is_not_cut_off_under_the_last_row_of_two_columns():
    columns = [_text_row(100, 1500, 40 * index, gutter=(700, 800)) for index in range(4)]
    method = [_text_row(100, 1500, 200 + 40 * index) for index in range(4)]
    rows = [*columns, *method]

    assert ocr._gutter_beside(rows, 2, 1600, 25)  # the band after the third row of the columns
    assert ocr._gutter_beside(rows, 3, 1600, 25)  # the columns' last row above, method below
    assert not ocr._gutter_beside(rows, 5, 1600, 25)  # within the method


def test_part_cut_across_the_list_and_the_method_beside_it_is_not_enough():
    # The list beside the method: its rows are as wide as prose, so the part can end inside the list.
    beside = [
        _row("2 cups flour", 100, 100, 1),
        _row("1. Whisk the flour and the salt", 420, 100, 2),
        _row("1 tsp salt", 100, 140, 1),
        _row("together in a large bowl until even", 420, 140, 2),
    ]
    under = [
        _row("1. Whisk the flour and the salt together", 100, 300, 2),
        _row("in a large bowl until it is even", 100, 340, 2),
    ]

    assert ocr._ends_beside_a_column(beside)
    assert not ocr._ends_beside_a_column([*beside, *under])


def test_part_whose_last_item_runs_up_to_the_method_beside_it_is_not_enough():
    # The rows above show the method's column edge at 420; the last item runs to a word space of it.
    beside = [
        _row(item, 100, 100 + 40 * i, 1)
        for i, item in enumerate(["2 cups flour", "1 tsp salt", "3 eggs", "1 cup milk"])
    ]
    method = [
        _row(step, 420, 100 + 40 * i, 2)
        for i, step in enumerate(
            ["1. Whisk the flour", "and the salt in a", "bowl. Beat in the", "eggs and the milk"]
        )
    ]
    # The last item ends at 445, past the edge, a word space short of the method's row.
    long_item = [_row("8 tbsp butter, (cut into", 100, 260, 1), _row("until even", 460, 260, 2)]
    ran_into = [_row("8 tbsp butter, (cut", 100, 260, 1), _row("into until it is even", 400, 260, 2)]

    assert ocr._ends_beside_a_column([*beside, *method, *long_item])
    assert ocr._ends_beside_a_column([*beside, *method, *ran_into])
    # A row of one column below the stretch, after a blank line, is no row of two cells.
    assert not ocr._ends_beside_a_column(
        [*beside, *method, _row("Bake for an hour until golden", 100, 340, 3)]
    )


def test_two_columns_that_tesseract_gives_block_by_block_are_read_before_what_is_under_them():
    # The left column and the heading under it come first in Tesseract's order, the right column after.
    left = [_row(item, 100, 100 + 47 * i, 3) for i, item in enumerate(["2 eggs", "1 cup milk", "3 apples"])]
    method = [_row("Method", 100, 300, 4), _row("1. Whisk the eggs and milk together.", 100, 347, 4)]
    right = [
        _row(item, 700, 100 + 47 * i, 5) for i, item in enumerate(["1 tsp salt", "2 tbsp oil", "4 pears"])
    ]

    text = ocr._layout([_row("Ingredients", 100, 53, 2), *left, *method, *right])

    assert _lines(text) == [
        "Ingredients",
        "2 eggs",
        "1 cup milk",
        "3 apples",
        "1 tsp salt",
        "2 tbsp oil",
        "4 pears",
        "Method",
        "1. Whisk the eggs and milk together.",
    ]


def test_first_row_of_two_columns_whose_item_runs_up_to_the_column_beside_it_is_cut_at_the_edge():
    # The first row's item ends at 685, a word space short of the right column at 700.
    first = _row("1 cup whole milk (warmed, 105F to 110F)", 100, 100, 3).words
    rows = [ocr._Line([*first, *_row("1 cup sugar", 700, 100, 3).words], (3, 1))]
    for i, (left, right) in enumerate(
        [("2 eggs", "1 tsp salt"), ("3 apples", "2 tbsp oil"), ("1 lemon", "4 pears")]
    ):
        rows.append(
            ocr._Line(
                [*_row(left, 100, 147 + 47 * i, 3).words, *_row(right, 700, 147 + 47 * i, 3).words], (3, 1)
            )
        )

    text = ocr._layout([_row("Ingredients", 100, 53, 2), *rows])

    assert _lines(text) == [
        "Ingredients",
        "1 cup whole milk (warmed, 105F to 110F)",
        "2 eggs",
        "3 apples",
        "1 lemon",
        "1 cup sugar",
        "1 tsp salt",
        "2 tbsp oil",
        "4 pears",
    ]


def test_word_run_across_the_column_edge_is_cut_there():
    rows = [
        _row("1 cup onions", 100, 100, 3),
        _row("1. Heat a skillet.", 800, 100, 3),
        _row("2 cups rice", 100, 147, 3),
        _row("2. Add the rice.", 800, 147, 3),
        _row("1 tin tomatoes", 100, 194, 3),
        _row("3. Add the tomatoes.", 800, 194, 3),
    ]
    lines = [ocr._Line(rows[i].words + rows[i + 1].words, rows[i].block) for i in range(0, len(rows), 2)]
    # Tesseract ran the item's last word into the method's first: "(Russet, Yukon" and "4. Mash".
    item = _row("2 pounds potatoes (Russet,", 100, 241, 3, char=23).words  # ends at 698
    method = _row("Mash the potatoes.", 876, 241, 3).words
    lines.append(ocr._Line([*item, ocr._Word("Yukon4.", 721, 241, 861, 271), *method], (3, 1)))
    lines.append(_row("5. Serve hot.", 800, 288, 3))

    text = _lines(ocr._layout(lines))

    assert text[:4] == ["1 cup onions", "2 cups rice", "1 tin tomatoes", "2 pounds potatoes (Russet, Yukon"]
    assert text[4:] == [
        "1. Heat a skillet.",
        "2. Add the rice.",
        "3. Add the tomatoes.",
        "4. Mash the potatoes.",
        "5. Serve hot.",
    ]


def test_amount_and_name_columns_on_one_line_are_left_as_rows():
    rows = [
        ocr._Line(_row("1 cup", 100, 100 + 47 * i, 3).words + _row(name, 500, 100 + 47 * i, 3).words, (3, 1))
        for i, name in enumerate(["canned black beans", "Spanish style rice", "lettuce, chopped"])
    ]

    assert _lines(ocr._layout(rows)) == [
        "1 cup   canned black beans",
        "1 cup   Spanish style rice",
        "1 cup   lettuce, chopped",
    ]


@pytest.mark.parametrize(("read", "numeral"), [("22", "2"), ("2", "2"), ("1212", "12"), ("23", ""), ("", "")])
def test_fraction_numeral_is_kept_when_one_of_its_two_copies_was_dropped(read, numeral):
    # Each numeral is read twice side by side; a blurred copy is left out rather than read as another digit.
    assert fractionglyphs._numeral(read) == numeral


def test_item_wrapped_onto_a_row_tesseract_put_in_a_new_block_is_joined_to_it():
    rows = [
        _row("Ingredients", 100, 100, 3),
        _row("6 cups (1.5 litres) chicken", 100, 147, 3),
        _row("or vegetable stock", 130, 194, 4),  # Tesseract starts a block on the item's second row
        _row("2 small zucchini, grated", 100, 241, 4),
    ]

    assert _lines(ocr._layout(rows)) == [
        "Ingredients",
        "6 cups (1.5 litres) chicken or vegetable stock",
        "2 small zucchini, grated",
    ]


def _numeral_pixels(digit: str, *, blur: float = 1.2) -> np.ndarray:
    """A small blurred numeral, dark on white, tightly cropped, as a fraction glyph's numeral is cut out."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 14)
    image = Image.new("L", (30, 30), 255)
    ImageDraw.Draw(image).text((8, 4), digit, font=font, fill=0)
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(blur)))
    rows, cols = np.nonzero(pixels < 200)
    return pixels[rows.min() - 2 : rows.max() + 3, cols.min() - 2 : cols.max() + 3]


def test_numerator_tesseract_dropped_is_a_one_when_its_ink_is_narrow():
    assert fractionglyphs._looks_like_one(_numeral_pixels("1"))
    assert not any(fractionglyphs._looks_like_one(_numeral_pixels(digit)) for digit in "2357")


def test_fraction_whose_one_was_dropped_is_read_from_the_numerals_shape():
    word = ocr._Word("Ya", 0, 0, 20, 20)
    fraction = fractionglyphs._Fraction(word, "", "", _numeral_pixels("1"), _numeral_pixels("4"))
    # The strip's first line (the numerator) read as nothing, its second as "4 4".
    data = {"text": ["44"], "level": [5], "top": [24 + 64 + 5], "height": [30]}

    fractionglyphs.read_fractions(np.zeros((1, 1), np.uint8), [fraction], lambda strip, config: data)

    assert word.text == "¼"


def test_narrow_mark_in_a_word_with_letters_after_it_is_not_read_as_a_one():
    word = ocr._Word("t'thawed;", 0, 0, 60, 20)
    fraction = fractionglyphs._Fraction(word, "", "thawed;", _numeral_pixels("1"), _numeral_pixels("4"))
    data = {"text": ["44"], "level": [5], "top": [24 + 64 + 5], "height": [30]}

    fractionglyphs.read_fractions(np.zeros((1, 1), np.uint8), [fraction], lambda strip, config: data)

    assert word.text == "t'thawed;"


def test_column_of_amounts_the_page_layout_left_out_is_read_again():
    # Tesseract's page layout may drop a table's column of short amounts from some row down: their ink
    # lies under no word box. Read on its own, the column pairs again with the names beside it.
    table = [
        ("1", "garlic bulb (cut the top off)"),
        ("5", "bay leaves (dried)"),
        ("3 tbsp", "chicken bouillon"),
        ("1-2 tsp", "chili powder"),
        ("1 tsp", "ground cumin"),
    ]
    pixels = np.asarray(_drawn([[(60, amount), (420, name)] for amount, name in table]))
    data = ocr.pytesseract.image_to_data(pixels, config=ocr.TESSERACT_CONFIG, output_type=ocr.Output.DICT)
    names_only = [line for line in ocr._lines(data) if line.left > 300]
    assert len(names_only) == len(table)

    lines = ocr._unread_column_read_again(pixels, names_only, "eng", 30)

    assert _lines(ocr._layout(lines)) == [f"{amount} {name}" for amount, name in table]
    # Once everything is read, nothing is read again.
    assert ocr._unread_column(pixels, lines) is None


def test_grey_level_percentiles_from_the_histogram_are_numpys():
    gray = np.random.default_rng(7).integers(0, 256, size=(301, 257), dtype=np.uint8)

    assert ocr._percentiles(gray, (1, 50, 90, 99.5)) == pytest.approx(np.percentile(gray, (1, 50, 90, 99.5)))


@pytest.mark.parametrize("blur", [0, 1.2])
def test_full_size_fraction_with_a_fraction_slash_is_read_as_a_fraction(blur):
    # "1⁄3" with the fraction slash (U+2044): full-size numerals either side of a slash that touches
    # them, which Tesseract reads as "13", "14" or "12". Whole numbers beside it stay as they are.
    lines = [
        "Ingredients",
        "1\u20443 cup olive oil",
        "1\u20444 cup red wine vinegar",
        "12 cherry tomatoes",
        "17 chickpeas",
        "13 basil leaves",
        "235 g sugar",
    ]
    image = _card(lines)
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))

    text = ocr.image_to_text(_encode(image))

    assert _lines(text) == [
        "Ingredients",
        "\u2153 cup olive oil",
        "\u00bc cup red wine vinegar",
        "12 cherry tomatoes",
        "17 chickpeas",
        "13 basil leaves",
        "235 g sugar",
    ]


def test_fraction_glyph_whose_box_stops_short_of_its_denominator_is_read_whole():
    # Tesseract's box of a blurred "½" read as "%" may end at the slash; the denominator cut off at the
    # box's edge was read as another numeral ("½" as "¼"). The glyph is looked for up to the next word.
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 30)
    image = Image.new("L", (400, 90), 255)
    draw = ImageDraw.Draw(image)
    draw.text((40, 25), "\u00bd", font=font, fill=0)
    draw.text((90, 25), "tsp. salt", font=font, fill=0)
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(1.0)))
    glyph_left, glyph_top, glyph_right, glyph_bottom = draw.textbbox((40, 25), "\u00bd", font=font)
    short = glyph_left + round(0.6 * (glyph_right - glyph_left))
    words = [ocr._Word("%", glyph_left, glyph_top, short, glyph_bottom)]
    left = 90
    for text in ("tsp.", "salt"):
        box = draw.textbbox((left, 25), text, font=font)
        words.append(ocr._Word(text, *box))
        left = box[2] + round(font.getlength(" "))
    line = ocr._Line(words, (1, 1))

    fractions = fractionglyphs.find_fractions(pixels, [line])
    if fractions:
        fractionglyphs.read_fractions(
            pixels,
            fractions,
            lambda strip, config: ocr.pytesseract.image_to_data(
                strip, config=config, output_type=ocr.Output.DICT
            ),
        )

    assert words[0].text == "\u00bd"


def test_item_number_read_again_beside_its_full_stop_numbers_that_row():
    # The first reading kept only the full stop of "12." before the item; the column read again gives
    # "12" just left of it. The two are the item number, not an amount ("12 Lettuce") beside a name.
    rows = [_row(". Lettuce (finely chopped)", 135, 300, 3), _row(". Tomatoes (chopped)", 135, 350, 3)]
    number = _row("12", 100, 300, 9, char=15)

    assert ocr._numbers_its_row(number, rows, 30)
    assert rows[0].text == "Lettuce (finely chopped)"
    assert not ocr._numbers_its_row(_row("3", 100, 450, 9), rows, 30)
    assert not ocr._numbers_its_row(_row("2 oz", 60, 350, 9), rows, 30)


@pytest.mark.parametrize(
    ("text", "font", "slashed"),
    [
        ("1\u20443", FONT, True),
        ("1\u00bd", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", False),
        ("235", "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", False),
    ],
)
def test_slash_between_full_size_numerals_is_told_from_a_glyph_and_a_two(text, font, slashed):
    # "1½" (a whole number and a glyph of small numerals) is also read as "12", and a two's stroke leans
    # like a slash: neither has a full-size numeral either side of a full-height slash.
    image = Image.new("L", (160, 90), 255)
    ImageDraw.Draw(image).text((30, 20), text, font=ImageFont.truetype(font, 40), fill=0)
    pixels = np.asarray(image)
    ink_rows = np.flatnonzero((pixels < 128)[:, 30:50].any(axis=1))  # the first numeral, a "1" or "2"
    baseline, cap = float(ink_rows[-1] + 1), float(ink_rows[-1] + 1 - ink_rows[0])
    otsu = 128.0
    word = ocr._Word("12", 28, int(ink_rows[0]), 130, int(baseline))

    found = fractionglyphs._slashed_fraction(pixels, word, otsu, baseline, cap)

    assert (found is not None) == slashed
