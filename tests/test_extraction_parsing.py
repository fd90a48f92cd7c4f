"""Splitting one ingredient line into quantity, unit, name, preparation and comment."""

import pytest

from extraction.parsing import check_parser_ready, parse_line


def test_a_simple_line_is_split_into_its_parts():
    parsed = parse_line("2 cups all-purpose flour, sifted")
    assert parsed.text == "2 cups all-purpose flour, sifted"
    assert parsed.quantity == 2.0
    assert parsed.quantity_max is None
    assert parsed.unit == "cup"
    assert "flour" in parsed.name
    assert parsed.preparation == "sifted"
    assert 0 < parsed.confidence <= 1


@pytest.mark.parametrize(
    ("line", "quantity"),
    [
        ("½ teaspoon salt", 0.5),
        ("1 1/2 cups milk", 1.5),
        ("1½ cups milk", 1.5),
        ("1-1/2 cups milk", 1.5),
        ("0.5 kg beef mince", 0.5),
        ("3/4 cup sugar", 0.75),
    ],
)
def test_fractions_in_every_form_become_numbers(line, quantity):
    assert parse_line(line).quantity == pytest.approx(quantity)


@pytest.mark.parametrize(
    ("line", "low", "high"),
    [("2-3 cloves garlic", 2, 3), ("2 to 3 tablespoons olive oil", 2, 3), ("1/2-1 cup stock", 0.5, 1)],
)
def test_ranges_give_a_quantity_and_a_maximum(line, low, high):
    parsed = parse_line(line)
    assert parsed.quantity == pytest.approx(low)
    assert parsed.quantity_max == pytest.approx(high)


def test_a_line_without_quantity_keeps_name_and_comment():
    parsed = parse_line("salt and pepper to taste")
    assert parsed.quantity is None
    assert parsed.unit == ""
    assert "salt" in parsed.name
    assert "to taste" in parsed.comment


def test_amounts_joined_by_plus_are_added_up():
    parsed = parse_line("1 cup plus 2 tablespoons butter")
    assert parsed.unit == "cup"
    assert parsed.quantity == pytest.approx(1.125)


def test_parser_readiness_check_names_nltk_data_when_the_tagger_is_missing(monkeypatch, tmp_path):
    import nltk.data

    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    with pytest.raises(RuntimeError, match="NLTK_DATA"):
        check_parser_ready()


def test_parser_readiness_check_passes_with_the_tagger_data():
    check_parser_ready()


@pytest.mark.parametrize(
    "line, pack",
    [
        ("2 x 400 g tins chopped tomatoes", (400, "gram")),
        ("2 (14.5 ounce) cans diced tomatoes", (14.5, "ounce")),
        ("1 (400g) can chickpeas", (400, "gram")),
        ("2 cups flour", (None, "")),
    ],
)
def test_the_size_of_one_package_comes_from_the_same_parse_as_the_quantity(line, pack):
    parsed = parse_line(line)
    assert (parsed.pack_quantity, parsed.pack_unit) == pack


@pytest.mark.parametrize("line", ["% cup granulated sugar", "Y% cup milk", "1% cups flour", "¥% tsp salt"])
def test_an_amount_whose_fraction_ocr_misread_has_no_number_rather_than_a_wrong_one(line):
    parsed = parse_line(line)
    assert parsed.quantity is None and parsed.quantity_max is None
    assert parsed.unit in ("cup", "teaspoon")


@pytest.mark.parametrize(
    ("line", "unit", "name"),
    [
        ("250 g de farine", "gram", "farine"),
        ("2 dientes de ajo", "clove", "ajo"),
        ("1 cda de aceite de oliva", "tablespoon", "aceite de oliva"),
        ("100 g d'amandes", "gram", "amandes"),
        ("200 ml de l’eau", "milliliter", "eau"),
        ("100 g di farina", "gram", "farina"),
        ("2 tbsp demerara sugar", "tablespoon", "demerara sugar"),
        ("De Cecco spaghetti, 500 g", "gram", "De Cecco spaghetti"),
    ],
)
def test_the_article_between_a_measure_and_its_ingredient_is_not_part_of_the_name(line, unit, name):
    parsed = parse_line(line)
    assert (parsed.unit, parsed.name) == (unit, name)


@pytest.mark.parametrize(
    ("line", "name", "preparation", "comment"),
    [
        ("2 Zwiebeln, fein gewürfelt", "Zwiebeln", "fein gewürfelt", ""),
        ("2 Tomaten, entkernt und gewürfelt", "Tomaten", "entkernt und gewürfelt", ""),
        ("100 g Parmesan, frisch gerieben", "Parmesan", "frisch gerieben", ""),
        ("4 Kartoffeln (mehligkochend), geschält", "Kartoffeln", "geschält", "(mehligkochend)"),
        ("3 Eier (Größe M)", "Eier", "", "(Größe M)"),
        ("Salz und Pfeffer nach Geschmack", "Salz und Pfeffer", "", "nach Geschmack"),
        ("Salz, Pfeffer, Muskat", "Salz, Pfeffer, Muskat", "", ""),
        ("2 onions, finely diced", "onions", "finely diced", ""),
        ("1/4 cup sour cream (reduced fat)", "sour cream", "", "(reduced fat)"),
    ],
)
def test_notes_the_parser_leaves_in_the_name_go_to_preparation_and_comment(line, name, preparation, comment):
    parsed = parse_line(line)
    assert (parsed.name, parsed.preparation, parsed.comment) == (name, preparation, comment)


@pytest.mark.parametrize(
    ("line", "quantity", "unit"),
    [
        ("3 cs d'huile de noix", 3, "tablespoon"),
        ("2 CS huile", 2, "tablespoon"),
        ("1 cc de moutarde de Dijon", 1, "teaspoon"),
        ("1 c.c. sel", 1, "teaspoon"),
        # "cc" over a few is the cubic centimetre of Latin American recipes, never 250 teaspoons.
        ("250 cc de leche", 250, "milliliter"),
    ],
)
def test_french_spoons_by_their_initials(line, quantity, unit):
    item = parse_line(line)
    assert (item.quantity, item.unit) == (quantity, unit)


@pytest.mark.parametrize(
    ("line", "quantity", "unit", "pack"),
    [
        ("2 (2.25 Oz.) Cans Sliced Olives", 2, "cans", 2.25),
        ("1 (1 Oz.) Packet Taco Seasoning", 1, "packet", 1),
        ("2 (15 ounce) Cans Black Beans", 2, "cans", 15),
    ],
)
def test_a_package_in_title_case_after_its_size_keeps_unit_and_size(line, quantity, unit, pack):
    item = parse_line(line)
    assert (item.quantity, item.unit, item.pack_quantity) == (quantity, unit, pack)
