"""Ingredient tables with a header row (extraction/tables.py), alone and through find_recipe."""

import pytest

from extraction.blocks import find_recipe
from extraction.pipeline import extract
from extraction.tables import rewrite_tables

MARKDOWN = """# Banana Bread

## Ingredients

| Ingredient | Amount | Notes |
|---|:---:|---|
| Ripe bananas | 3 | mashed |
| Butter | 75 g | melted |
| Sugar | 150 g | |

## Method
1. Mix everything.
"""

TYPED = """Weeknight Chili

Ingredient            Amount     Notes
Ground beef           1 lb       80/20
Kidney beans          2 cans     (15 oz each), drained
Chili powder          2 Tbsp
Salt

Directions
1. Brown the beef.
"""

TABBED = "Chili\n\nItem\tQty\tUnit\nGround beef\t1\tlb\nCumin\t1\ttsp\n\nMethod\nCook.\n"


def test_a_markdown_table_is_one_ingredient_a_row_in_the_usual_order():
    found = find_recipe(MARKDOWN)
    assert found.ingredients == ["3 Ripe bananas, mashed", "75 g Butter, melted", "150 g Sugar"]
    assert found.title == "Banana Bread"


def test_a_table_typed_with_spaces_keeps_each_cell_under_its_header():
    assert find_recipe(TYPED).ingredients == [
        "1 lb Ground beef, 80/20",
        "2 cans Kidney beans (15 oz each), drained",
        "2 Tbsp Chili powder",
        "Salt",
    ]


def test_a_tab_separated_table_with_a_unit_column():
    assert find_recipe(TABBED).ingredients == ["1 lb Ground beef", "1 tsp Cumin"]


def test_the_header_row_heads_the_list_once():
    rewritten = rewrite_tables(MARKDOWN)
    assert rewritten.count("Ingredients") == 1
    assert "|" not in rewritten
    assert rewrite_tables(TABBED).splitlines()[2] == "Ingredients"


@pytest.mark.parametrize(
    "text",
    [
        "Nutrient | Amount\nFat | 12 g\nSugar | 3 g\n",  # no ingredient column
        "Ingredients\n2 cups flour\n1 egg\n",  # no table
        "Prep time:   10 min\nCook time:   20 min\n",  # a label beside its value
        "Ingredient | Amount | Ingredient\nFlour | 1 cup | x\n",  # a column named twice
    ],
)
def test_text_without_an_ingredient_tables_header_is_left_as_it_is(text):
    assert rewrite_tables(text) == text


def test_a_saved_page_without_recipe_data_reads_its_ingredient_table_across():
    page = b"""<html><body><h1>Weeknight Chili</h1><h2>Ingredients</h2><table>
    <tr><th>Ingredient</th><th>Amount</th><th>Notes</th></tr>
    <tr><td>Ground beef</td><td>1 lb</td><td></td></tr>
    <tr><td>Onion</td><td>1 large</td><td>diced</td></tr>
    <tr><td>Salt</td><td></td><td>to taste</td></tr></table>
    <h2>Directions</h2><p>Brown the beef with the onion, then simmer.</p></body></html>"""
    extraction = extract(page, filename="chili.html")
    assert [line.text for line in extraction.ingredients] == [
        "1 lb Ground beef",
        "1 large Onion, diced",
        "Salt, to taste",
    ]


def test_a_table_without_a_header_row_whose_name_comes_first_is_read_one_ingredient_a_row():
    text = (
        "Game Day Chili\n\nGround beef | 1 lb | 80/20\nOnion | 1 large | diced\n"
        "Crushed tomatoes | 1 can (28 oz) |\nCumin | 1 tsp\n\nBrown the beef and onion, add the rest and simmer.\n"
    )
    assert rewrite_tables(text).splitlines()[2:7] == [
        "Ingredients",
        "1 lb Ground beef, 80/20",
        "1 large Onion, diced",
        "1 can (28 oz) Crushed tomatoes",
        "1 tsp Cumin",
    ]


def test_a_pipe_table_of_names_without_amounts_is_left_as_it_is():
    text = "Pantry\n\nFlour | plain | top shelf\nSugar | caster | jar\nSalt | flaky | tin\n"
    assert rewrite_tables(text) == text


def test_a_method_sentence_that_browns_something_is_a_step():
    from extraction.lines import is_method_line

    assert is_method_line("Brown the beef and onion, add everything else and simmer an hour.")
    assert not is_method_line("Brown sugar, packed")
