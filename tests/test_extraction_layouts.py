"""Layouts and writing habits beyond the corpus's one card layout: each kind of fault, for the whole kind."""

import pytest

from extraction.blocks import find_recipe
from extraction.columns import in_reading_order
from extraction.ocrfix import is_noise, repair_line
from extraction.parsing import parse_line
from extraction.pipeline import extract
from extraction.units import for_parser
from tests.pdfs import make_pdf, place_text


def _lines(text: str, **options) -> list[str]:
    return find_recipe(text, **options).ingredients


# ---------------------------------------------------------------------------------------------- OCR


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("2 Ib minced beef", "2 lb minced beef"),
        ("1 1/2 Ibs potatoes", "1 1/2 lbs potatoes"),
        ("2 |b minced beef", "2 lb minced beef"),
        ("1 |bs potatoes", "1 lbs potatoes"),
        ("legg, beaten", "1 egg, beaten"),
        ("1egg", "1 egg"),
        ("Icup milk", "1 cup milk"),
        ("8 0z dark chocolate", "8 oz dark chocolate"),
        ("1 02 butter", "1 oz butter"),
        ("1509/5202 plain flour", "150g/5½oz plain flour"),
        ("2509 caster sugar", "250g caster sugar"),
        ("O 2 cups flour", "2 cups flour"),
        ("0 1/2 tsp salt", "1/2 tsp salt"),
        ("(0 1 cup chana lentils", "1 cup chana lentils"),
        (". 2 tsp peanut oil", "2 tsp peanut oil"),
        (") ¾ tsp. salt", "¾ tsp. salt"),
        ("10. 30m! shaoxing wine", "30ml shaoxing wine"),
        ("5) legg", "1 egg"),
        ("3. Icup milk", "1 cup milk"),
        ("1 cup (250 mi) water", "1 cup (250 ml) water"),
        ("60m] (%4 cup) milk", "60ml (¼ cup) milk"),
        ("%2 tsp salt", "½ tsp salt"),
        ("L tsp sichuan peppercorns", "1 tsp sichuan peppercorns"),
    ],
)
def test_ocr_look_alikes_are_read_as_a_cook_would(read, printed):
    assert repair_line(read) == printed


@pytest.mark.parametrize(
    "line", ["2% milk", "5%4 cups", "2019 vintage port", "lemon juice", "large eggs", "200g flour", "3 eggs"]
)
def test_lines_without_look_alikes_are_left_alone(line):
    assert repair_line(line) == line


def test_scan_edges_and_stains_are_noise_and_never_ingredients():
    assert all(is_noise(line) for line in ["|", "— ~ ,", "i : | ee :", "ee Ee"])
    assert not any(is_noise(line) for line in ["Salt", "2 eggs", "SERVES 4"])
    text = "Pancakes\n\nIngredients\n| ‘\n2 eggs\n—~ ,\n300 ml milk\nee Ee :\n\nMethod\nWhisk it all."
    assert _lines(text, from_ocr=True) == ["2 eggs", "300 ml milk"]


# ------------------------------------------------------------------------------------- units, amounts


@pytest.mark.parametrize(
    ("line", "quantity", "unit"),
    [
        ("2 Tbsp butter", 2.0, "tablespoon"),
        ("1/2 Tsp chilli flakes", 0.5, "teaspoon"),
        ("1 Lb shrimp", 1.0, "pound"),
        ("1 1/2 Cups rice", 1.5, "cup"),
        ("3 TBS CORNSTARCH", 3.0, "tablespoon"),
        ("2 Qt water", 2.0, "quart"),
        ("1,5 kg Kürbis", 1.5, "kilogram"),
        ("2 EL Olivenöl", 2.0, "tablespoon"),
        ("1 TL Salz", 1.0, "teaspoon"),
        ("3 c. à soupe d'huile", 3.0, "tablespoon"),
        ("1 cda de aceite", 1.0, "tablespoon"),
        ("2 cdtas de sal", 2.0, "teaspoon"),
        ("1 el suiker", 1.0, "tablespoon"),
        ("1,5 dl melk", 150.0, "milliliter"),
        ("1,000 g flour", 1000.0, "gram"),
    ],
)
def test_units_in_any_case_and_european_forms_give_the_right_number_and_unit(line, quantity, unit):
    parsed = parse_line(line)
    assert (parsed.quantity, parsed.unit) == (quantity, unit)
    assert parsed.text == line


def test_one_letter_units_keep_their_case_because_it_is_their_meaning():
    assert for_parser("1 T. butter") == "1 T. butter"
    assert parse_line("1 T. butter").unit == "tablespoon"
    assert parse_line("1 t. salt").unit == "teaspoon"


def test_package_size_is_a_comment_never_the_quantity():
    tins = parse_line("2 x 400g tins chopped tomatoes")
    assert (tins.quantity, tins.unit, "400" in tins.comment) == (2.0, "tins", True)
    cans = parse_line("2 (14.5 ounce) cans diced tomatoes")
    assert (cans.quantity, "14.5" in cans.comment) == (2.0, True)


# -------------------------------------------------------------------------------------------- layouts


def test_two_columns_of_ingredients_in_typed_text_are_two_lists():
    text = (
        "Scones\n\nIngredients\n"
        "2 cups flour                 1 tsp salt\n"
        "1 tbsp baking powder         3/4 cup milk\n"
        "4 tbsp butter                1 egg\n"
        "\nMethod\nRub the butter into the flour, add the rest and bake for 12 minutes.\n"
    )
    assert sorted(_lines(text)) == sorted(
        ["2 cups flour", "1 tbsp baking powder", "4 tbsp butter", "1 tsp salt", "3/4 cup milk", "1 egg"]
    )


def test_a_short_list_typed_in_two_columns_of_two_rows_is_two_lists():
    text = (
        "Shortbread\nPrep time:     10 min\nCook time:     20 min\n\nIngredients\n"
        "125 g butter (softened)        60 g dried cranberries\n"
        "60 g caster sugar              100 g white chocolate\n"
        "180 g plain flour\n"
        "\nMethod\nCream the butter and sugar, add the rest and bake.\n"
    )
    assert _lines(text) == [
        "125 g butter (softened)",
        "60 g caster sugar",
        "180 g plain flour",
        "60 g dried cranberries",
        "100 g white chocolate",
    ]
    # Two labels beside their values are no columns: their rows stay whole.
    assert "Prep time: 10 min" in in_reading_order(text).replace("     ", " ")


def test_method_typed_beside_the_list_never_leaks_into_it():
    text = (
        "Soup\n\nIngredients                    Method\n"
        "1 onion, chopped               1. Fry the onion in the oil until soft,\n"
        "2 tbsp olive oil               then add the stock and simmer for 20\n"
        "1 l vegetable stock            minutes. Season and blend.\n"
    )
    assert _lines(text) == ["1 onion, chopped", "2 tbsp olive oil", "1 l vegetable stock"]


def test_ocr_method_beside_the_list_on_only_its_first_rows_never_leaks_into_it():
    # Tesseract gave the method column as rows of the list only for its first two rows.
    text = (
        "Soup\n\nIngredients   Method\n"
        "1 onion, chopped   1. Fry the onion in the oil until soft,\n"
        "2 tbsp olive oil\n"
        "1 l vegetable stock\n"
        "\nthen add the stock and simmer for 20 minutes.\n"
    )
    assert _lines(text, from_ocr=True) == ["1 onion, chopped", "2 tbsp olive oil", "1 l vegetable stock"]


def test_ocr_columns_end_at_the_blank_line_after_them():
    # A speck beside the method, read after a wide gap, is no part of the two columns above it.
    text = (
        "Stew\n\nIngredients\n"
        "6 oz bacon   2 bay leaves\n"
        "2 lb beef   1 tbsp butter\n"
        "1 onion   1 cup red wine\n"
        "\nMethod\n"
        "1. Brown the bacon and the beef in the butter.\n"
        "2. Add the onion and pour in the wine   :\n"
        "and simmer for two hours.\n"
    )
    assert sorted(_lines(text, from_ocr=True)) == sorted(
        ["6 oz bacon", "2 lb beef", "1 onion", "2 bay leaves", "1 tbsp butter", "1 cup red wine"]
    )


def test_amount_and_ingredient_table_is_read_across():
    rows = "\n".join(
        f"{amount:<14}{name}" for amount, name in [("1 cup", "flour"), ("2", "eggs"), ("1 tsp", "salt")]
    )
    assert in_reading_order(f"Amount        Ingredient\n{rows}\n").splitlines()[1:] == [
        "1 cup flour",
        "2 eggs",
        "1 tsp salt",
    ]


def test_amount_and_ingredient_table_in_a_pdf_is_read_row_by_row():
    from tests.pdfs import make_pdf, place_text

    rows = [
        ("Amount", "Ingredient"),
        ("1 cup", "flour"),
        ("2", "large eggs"),
        ("1 tsp", "salt"),
        ("3 tbsp", "butter"),
    ]
    pieces = [(72, 760, 16, "Pancakes"), (72, 730, 11, "Ingredients")]
    for index, (amount, name) in enumerate(rows):
        pieces += [(72, 700 - 16 * index, 11, amount), (200, 700 - 16 * index, 11, name)]
    pieces += [(72, 600, 11, "Method"), (72, 584, 11, "Whisk everything together and fry in a hot pan.")]
    result = extract(make_pdf([place_text(pieces)]))
    assert [item.text for item in result.ingredients] == [
        "1 cup flour",
        "2 large eggs",
        "1 tsp salt",
        "3 tbsp butter",
    ]


def test_nutrition_panel_beside_the_list_is_left_out():
    text = (
        "Pizza\n\nIngredients                              Nutrition per serving\n"
        "1 pizza base                             Calories 412\n"
        "2/3 cup tomato sauce                     Fat 18 g\n"
        "150 g mozzarella                         Protein 15 g\n"
        "1 tsp dried oregano\n"
        "\nMethod\nSpread, top and bake for 10 minutes.\n"
    )
    assert _lines(text) == ["1 pizza base", "2/3 cup tomato sauce", "150 g mozzarella", "1 tsp dried oregano"]


def test_wrapped_item_set_in_under_its_first_line_is_one_item():
    text = (
        "Stew\n\nIngredients\n2 lb beef chuck, cut into\n  2-inch pieces\n1 onion\n\nMethod\nBrown the beef."
    )
    assert _lines(text) == ["2 lb beef chuck, cut into 2-inch pieces", "1 onion"]


def test_an_item_with_no_amount_wrapped_under_a_hanging_indent_is_joined_where_its_words_carry_on():
    text = (
        "Gingerbread\n\nIngredients\nbutter (ghee, or shortening for\n  greasing the pan)\n"
        "couple drops of red &\n  yellow food colouring\n3 cups almond flour\n"
        "Spice mix\n  cumin\n  coriander\n\nMethod\nBake."
    )
    lines = _lines(text)
    assert lines[:3] == [
        "butter (ghee, or shortening for greasing the pan)",
        "couple drops of red & yellow food colouring",
        "3 cups almond flour",
    ]
    # A plain name over an indented list: the words do not carry on, so nothing is joined to it.
    assert lines[-2:] == ["cumin", "coriander"]


def test_an_item_with_no_amount_carries_on_under_a_joining_word_or_a_number_after_an_open_word():
    text = (
        "Cake\n\nIngredients\nGlacé cherries*, I used around\n  40 to 50, but the number is up\n  to you\n"
        "For serving: Fresh parsley, rice\n  or farrow and sea salt\n2 eggs\n"
        "\nMethod\nBake."
    )
    assert _lines(text) == [
        "Glacé cherries*, I used around 40 to 50, but the number is up to you",
        "For serving: Fresh parsley, rice or farrow and sea salt",
        "2 eggs",
    ]


def test_an_item_with_no_amount_whose_next_word_would_not_fit_is_joined_to_its_wrapped_rest():
    text = (
        "Sangria\n\nIngredients\n2 oranges, one juiced and one\n  diced\n1/2 cup brandy\n"
        "optional sweetener: simple\n  syrup or maple syrup\nsalt and freshly ground black\n  pepper\n"
        "Spice mix\n  cumin\n  coriander\n\nMethod\nStir."
    )
    lines = _lines(text)
    assert lines[:4] == [
        "2 oranges, one juiced and one diced",
        "1/2 cup brandy",
        "optional sweetener: simple syrup or maple syrup",
        "salt and freshly ground black pepper",
    ]
    # "cumin" would have fitted after "Spice mix": a name over its own list, not a wrapped line.
    assert lines[-2:] == ["cumin", "coriander"]


def test_typed_checkboxes_of_task_lists_are_not_part_of_the_item():
    text = (
        "Lahmacun\n\nIngredients\n[ ] Ground beef, 300 g\n- [ ] Onions, 1\n[x] 1 tsp cumin\n\nMethod\nBake."
    )
    assert _lines(text) == ["Ground beef, 300 g", "Onions, 1", "1 tsp cumin"]


def test_bare_names_that_close_a_list_with_no_heading_are_its_last_items():
    text = (
        "Hummus\nYield: 6 servings\n\n1 (15-ounce) can chickpeas\n3 tablespoons lemon juice\n"
        "2 tablespoons tahini\n¾ teaspoon salt\nExtra-virgin olive oil (for serving)\n"
        "Paprika (for serving)\nChopped fresh parsley (for serving)\n\n"
        "Place the chickpeas in a large bowl of warm water and rub them to release the skins.\n"
        "Blend everything until smooth, about 5 minutes, then spread on a plate."
    )
    assert _lines(text)[-3:] == [
        "Extra-virgin olive oil (for serving)",
        "Paprika (for serving)",
        "Chopped fresh parsley (for serving)",
    ]


def test_a_weak_tail_that_runs_on_into_other_text_is_not_kept():
    text = (
        "Soup\n\n2 onions\n1 l stock\n2 carrots\nServe hot\n"
        "Chop the onions and carrots, then simmer them in the stock for twenty minutes until soft."
    )
    assert _lines(text) == ["2 onions", "1 l stock", "2 carrots"]


def test_amount_on_its_own_line_heads_the_ingredient_under_it():
    text = "Cake\n\nIngredients\n1/2\ngallon ice cream\n2 cups\nboiling water\nsalt\n1 tbsp\nsugar\n\nMethod\nMix."
    assert _lines(text) == ["1/2 gallon ice cream", "2 cups boiling water", "salt", "1 tbsp sugar"]


def test_amounts_over_names_hold_when_the_first_counts_sized_packages():
    # The first amount is a count and the size of each; every amount still heads the name under it.
    text = (
        "Pie\n\nIngredients\n1 9\ninch unbaked pie crust\n3 large\neggs\n1 cup\ncorn syrup\n"
        "1 14-ounce\ncan condensed milk\n2\n8-serving graham cracker crusts\n\nMethod\nBake."
    )
    assert _lines(text) == [
        "1 9 inch unbaked pie crust",
        "3 large eggs",
        "1 cup corn syrup",
        "1 14-ounce can condensed milk",
        "2 8-serving graham cracker crusts",
    ]


def test_a_name_under_its_amount_may_open_with_the_amount_in_other_units():
    text = "Scones\n\nIngredients\n2 ½ cups\n(312.5 g) all-purpose flour\n1 tsp\nsalt\n\nMethod\nMix."
    assert _lines(text) == ["2 ½ cups (312.5 g) all-purpose flour", "1 tsp salt"]


def test_numbered_ingredients_that_are_not_sentences_stay_ingredients():
    text = "Tuna\n\nIngredients\n1) 1 can tuna\n2) salt and black pepper, to taste\n3) 1 tbsp mayonnaise\n\nMethod\nMix."
    assert _lines(text) == ["1 can tuna", "salt and black pepper, to taste", "1 tbsp mayonnaise"]


def test_sub_recipe_headings_are_groups_never_ingredients():
    text = (
        "Tart\n\nIngredients\nFor the pastry:\n200 g flour\n100 g butter\n"
        "To assemble\n2 tbsp jam\n1 egg, beaten\n\nMethod\nMake the pastry."
    )
    found = find_recipe(text)
    assert found.ingredients == ["200 g flour", "100 g butter", "2 tbsp jam", "1 egg, beaten"]
    assert found.groups == ["For the pastry", "For the pastry", "To assemble", "To assemble"]


# ------------------------------------------------------------------------------------- file kinds


def test_html_converted_from_a_pdf_with_spaces_drawn_as_offsets_comes_out_as_words():
    # pdf2htmlEX: lines placed by classes, the spaces between words drawn as empty spans.
    rules = "".join(f".y{i}{{bottom:{800 - 20 * i}px;}}" for i in range(12))
    lines = [
        "Lemon Bars",
        "Ingredients",
        "1 cup flour",
        "1/2 cup butter",
        "2 large eggs",
        "3 tbsp lemon juice",
    ]
    divs = "".join(
        f'<div class="t x0 y{i} ff1">' + '<span class="_ _0"></span>'.join(line.split()) + "</div>"
        for i, line in enumerate([*lines, "Method", "Bake the base, pour on the rest and bake again."])
    )
    page = (
        f"<html><head><title>lemon-bars.pdf</title><style>.x0{{left:72px;}}{rules}</style></head>"
        f'<body><div id="pf1" class="pf">{divs}</div></body></html>'
    ).encode()
    result = extract(page)
    assert [item.text for item in result.ingredients] == lines[2:]
    assert result.title == "Lemon Bars"


def test_html_converted_with_each_word_placed_on_its_own_is_read_by_position():
    words = []
    for row, line in enumerate(
        ["Flapjacks", "Ingredients", "200 g oats", "100 g butter", "3 tbsp golden syrup"]
    ):
        left = 72
        for word in line.split():
            words.append(
                f'<span style="position:absolute;top:{100 + 18 * row}px;left:{left}px">{word}</span>'
            )
            left += 9 * len(word) + 5
    page = ("<html><body>" + "".join(reversed(words)) + "</body></html>").encode()
    assert [item.text for item in extract(page).ingredients] == [
        "200 g oats",
        "100 g butter",
        "3 tbsp golden syrup",
    ]


def test_page_title_is_the_recipe_name_not_the_site_name():
    page = (
        b"<html><head><title>Best Beef Chili | Kitchen Example Blog</title></head><body>"
        b"<nav>Home Recipes About</nav><p>Jump to recipe</p>"
        b"<p>Ingredients</p><ul><li>1 lb beef</li><li>1 can beans</li><li>1 onion</li></ul></body></html>"
    )
    assert extract(page).title == "Best Beef Chili"


def test_a_fraction_glyph_read_as_a_percent_sign_before_a_unit_does_not_end_the_list():
    # OCR reads "1½ cups" as "1 % cups"; a percentage is never counted in cups.
    text = (
        "Pasta Salad\n\n1 pound fusilli\n1 cup walnuts\n1 % cups fresh basil, chopped\n3 tablespoons capers\n"
        "½ teaspoon flaky sea salt\n\nCook the pasta in a large pot of salted water until it is just tender.\n"
    )

    assert find_recipe(text, from_ocr=True).ingredients[2:] == [
        "1 % cups fresh basil, chopped",
        "3 tablespoons capers",
        "½ teaspoon flaky sea salt",
    ]


def test_an_amount_over_its_name_whose_fraction_ocr_misread_still_pairs_with_its_own_name():
    # "1% cups" was "1½ cups": taken for no amount, every later name took the amount of the one before.
    text = (
        "Brownies\n\nIngredients\n1% cups\nall-purpose flour\n½ cup\ncocoa powder\n½ teaspoon\nsalt\n"
        "\nMethod\nMix and bake."
    )
    assert _lines(text, from_ocr=True) == [
        "1% cups all-purpose flour",
        "½ cup cocoa powder",
        "½ teaspoon salt",
    ]


def test_a_long_numbered_ingredient_in_lower_case_is_no_step_of_the_method():
    # "6) black pepper, to taste (start with ...)" runs past ten words but opens in lower case with no
    # full stop: an item with a note, not a step, so the list goes on after it.
    text = (
        "Roast Chicken\n\nIngredients\n1) 2 tablespoons butter\n2) 1.5 teaspoons kosher salt\n"
        "3) black pepper, to taste (start with about 1/2 a teaspoon of coarse ground black pepper)\n"
        "4) 2 tablespoons olive oil\n5) 1 cup chicken broth\n\nMethod\n"
        "1. Preheat your oven to 375°F and season the chicken on both sides.\n"
    )
    assert _lines(text)[2:] == [
        "black pepper, to taste (start with about 1/2 a teaspoon of coarse ground black pepper)",
        "2 tablespoons olive oil",
        "1 cup chicken broth",
    ]


def test_a_name_under_its_amount_is_never_a_group_heading():
    # "Spring Mix", "Miso Paste" read as sub-group names ("Mix", "Paste") when they stand alone; under
    # an amount on a line of its own they are that amount's ingredient.
    text = (
        "Salad\n\nIngredients\n2\nCarrots\n4 cups\nSpring Mix\n1 Tbsp\nMiso Paste\n1/4 cup\nRice Wine Vinegar\n"
        "\nMethod\nToss everything together in a large bowl.\n"
    )
    assert _lines(text) == [
        "2 Carrots",
        "4 cups Spring Mix",
        "1 Tbsp Miso Paste",
        "1/4 cup Rice Wine Vinegar",
    ]


def test_a_long_item_with_no_unit_carries_on_a_list_with_no_heading():
    # Past the shortness limit and with no unit, "2 inch of white part of ..." scored under a run's
    # opening line; under measured lines it is the list's next item, not the end of the list.
    text = (
        "Pepper Chicken\nYield: 4 servings\n\n1 pound boneless chicken thighs\n½ teaspoon kosher salt\n"
        "2 inch of white part of dae-pa (or 2 to 3 regular green onions), thinly sliced lengthwise\n"
        "¼ of small onion (about 2 tablespoons), thinly sliced\n2 cups vegetable oil for frying\n"
        "3 tablespoons soy sauce\n\nPat the chicken thighs dry with paper towels and score both sides.\n"
    )
    assert _lines(text)[:3] == [
        "1 pound boneless chicken thighs",
        "½ teaspoon kosher salt",
        "2 inch of white part of dae-pa (or 2 to 3 regular green onions), thinly sliced lengthwise",
    ]


def test_items_written_name_first_make_a_list_with_no_heading():
    # "Ground beef, 300 g": the amount comes last, after a comma, and counts as the item's amount.
    text = (
        "Lahmacun\nYield: 6 servings\n\nGround beef, 300 g\nFlatbreads, ~6\nSour Cream, 2 spoonfuls\nOnions, 1\n"
        "Parsley, 1 bunch\n\nPreheat the oven with a pizza steel in the top rack for at least half an hour.\n"
    )
    assert _lines(text) == [
        "Ground beef, 300 g",
        "Flatbreads, ~6",
        "Sour Cream, 2 spoonfuls",
        "Onions, 1",
        "Parsley, 1 bunch",
    ]


def test_an_amount_over_a_name_that_opens_with_a_number_of_its_own_is_joined_to_it():
    # "(1 stick / 113 g) unsalted butter" gives the amount again in other units; "2% milk" and
    # "9-inch pie crust" open with numbers that belong to the name. None is an amount of its own.
    text = (
        "Cupcakes\n\nIngredients\n½ cup\n(1 stick / 113 g) unsalted butter\n¾ cup\n2% milk\n1\n9-inch pie crust\n"
        "2 teaspoons\nvanilla extract\n\nMethod\nBeat the butter and sugar until light.\n"
    )
    assert _lines(text) == [
        "½ cup (1 stick / 113 g) unsalted butter",
        "¾ cup 2% milk",
        "1 9-inch pie crust",
        "2 teaspoons vanilla extract",
    ]


def _pdf_rows(rows: list[list[tuple[float, str]]], size: float = 10.0) -> bytes:
    """A one-page PDF whose rows each hold (x, text) cells on one baseline, 14 points apart."""
    return make_pdf(
        [place_text([(x, 780 - 14 * row, size, text) for row, cells in enumerate(rows) for x, text in cells])]
    )


def test_pdf_item_as_long_as_its_column_is_cut_from_the_method_beside_it():
    # The long item ends less than a line height from the method's column, where every other row's
    # method line starts: that edge cuts it off, so the columns are read one after the other.
    items = [
        "1 cup flour",
        "1 tsp baking powder",
        "½ tsp salt",
        "¾ cup (175 mL) unsweetened cocoa powder",
        "1 cup packed brown sugar",
        "1 cup granulated sugar",
        "4 eggs",
    ]
    method = [
        "1. Preheat oven to 350°F (180°C).",
        "2. Combine flour, baking powder and salt in",
        "a medium bowl; set aside. Melt the butter in a",
        "large saucepan over low heat; remove from heat.",
        "Stir in cocoa. Beat in brown sugar, eggs and",
        "vanilla. Bake in the oven for 40 minutes. Do not",
        "overbake. Cool completely before cutting.",
    ]
    rows = [[(51, "Ingredients"), (258, "Method")]] + [
        [(51, item), (258, step)] for item, step in zip(items, method, strict=True)
    ]
    assert texts(extract(_pdf_rows(rows))) == items


def test_pdf_bare_names_under_a_table_are_items_of_their_own():
    # The last rows of an Amount | Ingredient table have no amount; the table's rows reach further right
    # than these cells, so each capitalised name would have fitted after the one above: no wrap.
    rows = [
        [(51, "Amount"), (160, "Ingredient")],
        [(51, "1 tsp."), (160, "ground cumin")],
        [(51, "250 g"), (160, "block halloumi, cut into strips")],
        [(51, "1"), (160, "red onion, sliced thickly")],
        [(51, "1 tbsp."), (160, "vegetable oil")],
        [(160, "Tortilla wraps")],
        [(160, "Soured cream")],
        [(160, "Guacamole")],
        [],
        [(51, "Method")],
        [(51, "1. Toss the halloumi and onion with the oil and spices and roast for 20 minutes.")],
    ]
    assert texts(extract(_pdf_rows(rows)))[-4:] == [
        "1 tbsp. vegetable oil",
        "Tortilla wraps",
        "Soured cream",
        "Guacamole",
    ]


def texts(extraction) -> list[str]:
    return [item.text for item in extraction.ingredients]


def test_a_hanging_line_that_opens_with_a_number_inside_an_open_bracket_carries_on_its_item():
    # "(300-325 g /10" then "  3/4 ounces)": the bracket is still open, so the number is no new item.
    text = (
        "Bread\n\nIngredients\n2 1/2 cups (300-325 g /10\n  3/4 ounces) bread flour or\n  all-purpose flour\n"
        "1 teaspoon salt\n\nMethod\nMix and knead the dough.\n"
    )
    assert _lines(text) == [
        "2 1/2 cups (300-325 g /10 3/4 ounces) bread flour or all-purpose flour",
        "1 teaspoon salt",
    ]
    pdf = _pdf_rows(
        [
            [(51, "Ingredients")],
            [(51, "2 1/2 cups (300-325 g /10")],
            [(60, "3/4 ounces) bread flour or")],
            [(60, "all-purpose flour")],
            [(51, "1 teaspoon salt")],
            [],
            [(51, "Method")],
            [(51, "Mix the flour, salt and water into a dough, then knead it for ten minutes.")],
        ]
    )
    assert texts(extract(pdf)) == [
        "2 1/2 cups (300-325 g /10 3/4 ounces) bread flour or all-purpose flour",
        "1 teaspoon salt",
    ]


def test_pdf_note_in_brackets_set_in_under_an_item_with_no_amount_is_part_of_it():
    # "(see above for the recipe)" hangs under "Good-quality store-bought toum"; "Lemon wedges", back at
    # the items' left edge, is the next item.
    pdf = _pdf_rows(
        [
            [(51, "Ingredients")],
            [(51, "1 whole chicken, butterflied")],
            [(51, "2 tablespoons olive oil")],
            [(51, "Good-quality store-bought toum")],
            [(60, "(see above for the recipe)")],
            [(51, "Lemon wedges")],
            [],
            [(51, "Method")],
            [(51, "Roast the chicken for an hour and serve it with the toum and the lemon wedges.")],
        ]
    )
    assert texts(extract(pdf))[-2:] == [
        "Good-quality store-bought toum (see above for the recipe)",
        "Lemon wedges",
    ]


def test_salt_in_a_nutrition_panel_is_no_ingredient():
    # British panels give salt in grams to a decimal; "Salt 1.2 g" read after the list is the panel's.
    text = (
        "Chili\n\nIngredients\n2 tablespoons olive oil\n1 small onion, chopped\n1 teaspoon salt\n"
        "Calories 412\nProtein 15 g\nSalt 1.2 g\n\nMethod\nHeat the oil and cook the onion.\n"
    )
    assert _lines(text) == ["2 tablespoons olive oil", "1 small onion, chopped", "1 teaspoon salt"]


def test_a_markdown_bold_line_over_measured_items_names_a_group():
    # "**Produce**": its opening marks read as a bullet, its closing marks show it is set in bold.
    text = (
        "# Latkes\n\n### Ingredients\n\n**Produce**\n- 1 bunch of dill\n- 1 lemon\n\n**Pantry**\n"
        "- ¾ teaspoon baking powder\n\n### Method\n1. Grate the potatoes.\n"
    )
    recipe = find_recipe(text)
    assert recipe.ingredients == ["1 bunch of dill", "1 lemon", "¾ teaspoon baking powder"]
    assert recipe.groups == ["Produce", "Produce", "Pantry"]
