"""The shopping list: the merge table, the dinner for 8, and the list's API, exports and page."""

import csv
import io
import time

import pytest

from sessions_app import shopping
from sessions_app.shopping import Line, merge, servings_from_yield
from tests.shopping_parsed import PARSED

# What the host asks for, as a table: the lines of one session (a line alone is from a dish "Dish" made as
# written; (text, dish, factor) scales it, factor None when its dish's yield could not be read), the unit
# system, and the rows expected: (name, quantity, quantity_max, unit, display, aisle).
MERGES = [
    ("cans-add-up", ["1 can chopped tomatoes", "2 cans chopped tomatoes"], None,
     [("chopped tomatoes", 3, None, "can", "3 cans", "pantry")]),
    ("cloves-add-up", ["3 cloves garlic", "1 clove garlic"], None,
     [("garlic", 4, None, "clove", "4 cloves", "produce")]),
    ("garlic-cloves-in-any-order", ["2 cloves garlic, minced", "3 garlic cloves", "1 garlic clove, crushed"], None,
     [("garlic", 6, None, "clove", "6 cloves", "produce")]),
    ("a-tin-counts-by-its-size", ["400 g tin chopped tomatoes"], None,
     [("chopped tomatoes", 400, None, "g", "400 g", "pantry")]),
    ("tins-times-their-size", ["2 x 400 g tins chopped tomatoes"], None,
     [("chopped tomatoes", 800, None, "g", "800 g", "pantry")]),
    ("three-tins-are-kilos", ["2 x 400 g tins chopped tomatoes", "400 g tin chopped tomatoes"], None,
     [("chopped tomatoes", 1.2, None, "kg", "1.2 kg", "pantry")]),
    ("a-can-without-a-size-takes-the-rows-printed-size", ["1 (400g) can chickpeas", "1 can chickpeas"], None,
     [("chickpeas", 800, None, "g", "800 g", "pantry")]),
    ("cans-and-grams-say-both", ["2 cans tomatoes", "400 g chopped tomatoes"], None,
     [("tomatoes", None, None, None, "2 cans + 400 g", "produce")]),
    ("salt-and-pepper-are-two-foods", ["salt and pepper to taste", "1 tsp salt"], None,
     [("pepper", None, None, None, "", "spices"), ("salt", 1, None, "tsp", "1 tsp", "spices")]),
    ("black-pepper-is-pepper", ["salt and freshly ground black pepper", "pepper"], None,
     [("black pepper", None, None, None, "", "spices"), ("salt", None, None, None, "", "spices")]),
    ("grams-not-gram", ["300 g arborio rice"], None,
     [("arborio rice", 300, None, "g", "300 g", "pantry")]),
    ("millilitres-not-milliliter", ["125 ml white wine"], None,
     [("white wine", 125, None, "ml", "125 ml", "drinks")]),
    ("spoons-stay-spoons", ["3 tbsp olive oil"], None,
     [("olive oil", 3, None, "tbsp", "3 tbsp", "pantry")]),
    ("eggs-of-any-size-or-preparation", ["2 Large Eggs", "1 egg, beaten"], None,
     [("eggs", 3, None, "", "3", "dairy-eggs")]),
    ("parmesan-in-any-wording", ["50g Parmesan", "40 g grated parmesan cheese"], None,
     [("parmesan cheese", 90, None, "g", "90 g", "dairy-eggs")]),
    ("red-onion-is-not-onion", ["1 red onion", "1 onion"], None,
     [("onion", 1, None, "", "1", "produce"), ("red onion", 1, None, "", "1", "produce")]),
    ("garlic-powder-is-not-garlic", ["1 tsp garlic powder", "2 cloves garlic"], None,
     [("garlic", 2, None, "clove", "2 cloves", "produce"), ("garlic powder", 1, None, "tsp", "1 tsp", "spices")]),
    ("a-pack-of-a-size", ["250g pack butter"], None,
     [("butter", 250, None, "g", "250 g", "dairy-eggs")]),
    ("packs-times-their-size", ["2 x 200g packs feta"], None,
     [("feta", 400, None, "g", "400 g", "dairy-eggs")]),
    ("us-cans-by-their-size", ["2 (14.5 oz) cans diced tomatoes"], None,
     [("diced tomatoes", 830, None, "g", "830 g", "produce")]),
    ("slices-are-plural", ["8 slices bacon"], None,
     [("bacon", 8, None, "slice", "8 slices", "meat-fish")]),
    ("bulbs-and-heads-of-garlic", ["1 garlic bulb", "2 heads of garlic"], None,
     [("garlic", 3, None, "head", "3 heads", "produce")]),
    ("a-spoon-plus-a-spoon", ["1 tbsp plus 1 tsp sugar"], None,
     [("sugar", 1.5, None, "tbsp", "1½ tbsp", "pantry")]),
    ("juice-of-limes-is-limes", ["Juice of 2 limes", "1 lime"], None,
     [("limes", 3, None, "", "3", "produce")]),
    ("printed-grams-stay-as-printed", ["275 g self-raising flour"], None,
     [("self-raising flour", 275, None, "g", "275 g", "pantry")]),
    ("scaled-grams-round-up-to-a-step", [("275 g self-raising flour", "Cake", 1.5)], None,
     [("self-raising flour", 420, None, "g", "420 g", "pantry")]),
    ("grams-add-up", ["500 g plain flour", "250 g plain flour"], None,
     [("plain flour", 750, None, "g", "750 g", "pantry")]),
    ("kilos-and-grams", ["1 kg potatoes, peeled and chopped", "500 g potatoes"], None,
     [("potatoes", 1.5, None, "kg", "1.5 kg", "produce")]),
    ("cups-stay-cups", ["1 cup flour", "1/2 cup flour"], None,
     [("flour", 1.5, None, "cup", "1½ cups", "pantry")]),
    ("a-mixed-number-in-cups", ["1 ½ cups flour"], None,
     [("flour", 1.5, None, "cup", "1½ cups", "pantry")]),
    ("cups-and-millilitres-become-millilitres", ["1 cup milk", "100 ml milk"], None,
     [("milk", 340, None, "ml", "340 ml", "dairy-eggs")]),
    ("ranges-add-as-ranges", ["2-3 cloves garlic", "2 cloves garlic"], None,
     [("garlic", 4, 5, "clove", "4–5 cloves", "produce")]),
    ("gram-ranges-add-as-ranges", ["150-200 g spinach", "100 g spinach"], None,
     [("spinach", 250, 300, "g", "250–300 g", "produce")]),
    ("case-and-plural-are-one-food", ["3 Tomatoes", "1 tomato"], None,
     [("tomatoes", 4, None, "", "4", "produce")]),
    ("spoons-of-two-sizes", ["1 tbsp caster sugar", "1 tsp caster sugar"], None,
     [("caster sugar", 1.5, None, "tbsp", "1½ tbsp", "pantry")]),
    ("three-teaspoons-are-a-tablespoon", ["1 tsp ground cumin", "2 tsp ground cumin"], None,
     [("ground cumin", 1, None, "tbsp", "1 tbsp", "spices")]),
    ("a-quarter-teaspoon", ["1/4 tsp nutmeg"], None,
     [("nutmeg", 0.25, None, "tsp", "¼ tsp", "spices")]),
    ("many-spoons-become-millilitres", ["4 tbsp olive oil", "4 tbsp olive oil", "2 tbsp olive oil"], None,
     [("olive oil", 150, None, "ml", "150 ml", "pantry")]),
    ("spoons-and-grams-say-both", ["2 tbsp butter", "50 g butter"], None,
     [("butter", None, None, None, "2 tbsp + 50 g", "dairy-eggs")]),
    ("litres", ["1 litre stock", "500 ml stock"], None,
     [("stock", 1.5, None, "l", "1.5 l", "pantry")]),
    ("pinches-add-up", ["a pinch of salt", "pinch of salt"], None,
     [("salt", 2, None, "pinch", "2 pinches", "spices")]),
    ("mince-in-any-wording", ["500 g beef mince", "250 g minced beef"], None,
     [("beef mince", 750, None, "g", "750 g", "meat-fish")]),
    ("pounds-and-grams", ["1 lb ground beef", "500 g beef mince"], None,
     [("ground beef", 960, None, "g", "960 g", "meat-fish")]),
    ("ounces-in-us-units", ["8 oz cheddar cheese", "4 oz cheddar cheese"], "us",
     [("cheddar cheese", 12, None, "oz", "12 oz", "dairy-eggs")]),
    ("pounds-in-us-units", ["1 lb ground beef", "8 oz ground beef"], "us",
     [("ground beef", 1.5, None, "lb", "1½ lb", "meat-fish")]),
    ("cups-in-us-units", ["2 cups chicken stock", "500 ml chicken stock"], "us",
     [("chicken stock", 4.25, None, "cup", "4¼ cups", "pantry")]),
    ("grams-in-us-units", ["250 g mushrooms"], "us",
     [("mushrooms", 9, None, "oz", "9 oz", "produce")]),
    ("a-line-without-an-amount", ["fresh basil"], None,
     [("basil", None, None, None, "", "produce")]),
    ("an-amount-and-no-amount", ["salt", "1 tsp salt"], None,
     [("salt", 1, None, "tsp", "1 tsp", "spices")]),
    ("coriander-and-cilantro", ["1 bunch coriander", "1 bunch cilantro"], None,
     [("coriander", 2, None, "bunch", "2 bunches", "produce")]),
    ("spring-onions-and-scallions", ["3 spring onions", "2 scallions"], None,
     [("spring onions", 5, None, "", "5", "produce")]),
    ("double-and-heavy-cream", ["200 ml double cream", "100 ml heavy cream"], None,
     [("double cream", 300, None, "ml", "300 ml", "dairy-eggs")]),
    ("lemons-whole-and-zested", ["2 lemons", "1 lemon, zested"], None,
     [("lemons", 3, None, "", "3", "produce")]),
    ("chicken-cuts-stay-apart", ["1.5 kg chicken thighs", "500 g chicken breast"], None,
     [("chicken breast", 500, None, "g", "500 g", "meat-fish"),
      ("chicken thighs", 1.5, None, "kg", "1.5 kg", "meat-fish")]),
    ("yolks-are-not-eggs", ["1 egg yolk", "2 eggs"], None,
     [("egg yolk", 1, None, "", "1", "dairy-eggs"), ("eggs", 2, None, "", "2", "dairy-eggs")]),
    ("tomato-puree-is-not-tomatoes", ["2 tbsp tomato puree", "4 tomatoes"], None,
     [("tomatoes", 4, None, "", "4", "produce"), ("tomato puree", 2, None, "tbsp", "2 tbsp", "pantry")]),
    ("scaled-counts-round-up", [("2 carrots", "Lasagne", 8 / 6)], None,
     [("carrots", 3, None, "", "3", "produce")]),
    ("scaled-tins-are-whole-tins", [("400 g tin chopped tomatoes", "Lasagne", 8 / 6)], None,
     [("chopped tomatoes", 800, None, "g", "800 g", "pantry")]),
    ("scaled-grams-round-up", [("500 g beef mince", "Lasagne", 8 / 6)], None,
     [("beef mince", 670, None, "g", "670 g", "meat-fish")]),
    ("a-pinch-is-not-scaled", [("pinch of nutmeg", "Lasagne", 8 / 6)], None,
     [("nutmeg", 1, None, "pinch", "1 pinch", "spices")]),
    ("each-dish-scales-by-its-own-factor", [("4 large eggs", "Mousse", 2.0), ("1 egg", "Pancakes", 1.5)], None,
     [("eggs", 10, None, "", "10", "dairy-eggs")]),
    ("a-dish-without-a-yield-is-taken-as-written", [("2 carrots", "Stew", None), ("1 carrot", "Soup", 2.0)], None,
     [("carrots", 4, None, "", "4", "produce")]),
    ("frozen-food-is-frozen", ["500 g frozen peas"], None,
     [("frozen peas", 500, None, "g", "500 g", "frozen")]),
    ("wine-is-a-drink", ["1 bottle red wine"], None,
     [("red wine", 1, None, "bottle", "1 bottle", "drinks")]),
    ("bread-is-bakery", ["1 sourdough loaf"], None,
     [("sourdough", 1, None, "loaf", "1 loaf", "bakery")]),
    ("fish-is-meat-and-fish", ["2 salmon fillets"], None,
     [("salmon fillets", 2, None, "", "2", "meat-fish")]),
    ("paprika-is-a-spice", ["1 tsp smoked paprika"], None,
     [("smoked paprika", 1, None, "tsp", "1 tsp", "spices")]),
    ("chocolate-and-pasta-are-pantry", ["200 g dark chocolate", "12 lasagne sheets"], None,
     [("dark chocolate", 200, None, "g", "200 g", "pantry"), ("lasagne sheets", 12, None, "", "12", "pantry")]),
    ("water-with-and-without-an-amount", ["water", "500 ml water"], None,
     [("water", 500, None, "ml", "500 ml", "pantry")]),
]  # fmt: skip


def make_line(spec) -> Line:
    """A line as the database holds it after extraction (the parser's fields from tests/shopping_parsed.py)."""
    text, dish, factor = (spec, "Dish", 1.0) if isinstance(spec, str) else spec
    quantity, quantity_max, unit, name, food, category, pack_quantity, pack_unit = PARSED[text]
    return Line(
        dish=dish,
        text=text,
        quantity=quantity,
        quantity_max=quantity_max,
        unit=unit,
        name=name,
        food=food,
        food_category=category,
        pack_quantity=pack_quantity,
        pack_unit=pack_unit,
        factor=factor if factor is not None else 1.0,
        scalable=factor is not None,
    )


@pytest.mark.parametrize(
    ("lines", "units", "expected"), [case[1:] for case in MERGES], ids=[c[0] for c in MERGES]
)
def test_merge_gives_one_row_per_food_written_as_a_cook_writes_it(lines, units, expected):
    rows = merge([make_line(spec) for spec in lines], units=units or shopping.METRIC)
    got = [(row.name, row.quantity, row.quantity_max, row.unit, row.display, row.aisle) for row in rows]
    assert got == [tuple(row) for row in expected]


@pytest.mark.parametrize(
    ("quantity", "quantity_max", "unit", "units", "display"),
    [
        (800, 1200, "gram", "metric", "0.8–1.2 kg"),
        (6, 10, "tablespoon", "metric", "90–150 ml"),
        (8, 20, "ounce", "us", "½–1¼ lb"),
        (0.5, 1, "teaspoon", "metric", "½–1 tsp"),
    ],
)
def test_a_range_across_two_units_is_written_in_the_larger(quantity, quantity_max, unit, units, display):
    line = Line(
        dish="Dish", text="", quantity=quantity, quantity_max=quantity_max, unit=unit, name="potatoes"
    )
    (row,) = merge([line], units=units)
    assert row.display == display


def test_the_merge_table_covers_at_least_forty_cases():
    assert len(MERGES) >= 40


def test_a_row_lists_its_dishes_and_the_lines_it_came_from():
    rows = merge([make_line(("1 onion", "Risotto", 2.0)), make_line(("1 onion", "Lasagne", 8 / 6))])
    assert len(rows) == 1
    assert rows[0].dishes == ["Lasagne", "Risotto"]
    assert rows[0].lines == ["1 onion", "1 onion"]


def test_a_row_from_a_dish_without_a_yield_says_it_is_not_scaled():
    (row,) = merge([make_line(("2 carrots", "Stew", None)), make_line(("1 carrot", "Soup", 2.0))])
    assert row.scaled is False
    (row,) = merge([make_line(("1 carrot", "Soup", 2.0))])
    assert row.scaled is True


def test_a_key_stays_the_same_when_the_amount_and_wording_change():
    before = merge([make_line("2 Large Eggs")])
    after = merge(
        [make_line("2 Large Eggs"), make_line("1 egg, beaten"), make_line(("4 large eggs", "M", 2.0))]
    )
    assert before[0].key == after[0].key == "egg"


def test_staples_are_marked():
    rows = {row.name: row for row in merge([make_line(s) for s in ("salt and pepper to taste", "3 tbsp olive oil",
                                                                      "water", "2 carrots")])}  # fmt: skip
    assert {name for name, row in rows.items() if row.staple} == {"salt", "pepper", "olive oil", "water"}


# Foods a cook would place in an aisle, by their name alone (the FDC category is the fallback).
COMMON_FOODS = """
baking powder; bicarbonate of soda; brown sugar; icing sugar; honey; maple syrup; vanilla extract;
cocoa powder; chocolate chips; rolled oats; raisins; dried apricots; walnuts; pecans; ground almonds;
desiccated coconut; coconut milk; peanut butter; tahini; soy sauce; fish sauce; worcestershire sauce;
sriracha; dijon mustard; mayonnaise; ketchup; balsamic vinegar; sesame oil; ghee; margarine; buttermilk;
single cream; soured cream; creme fraiche; greek yogurt; mozzarella; feta; halloumi; ricotta; mascarpone;
cream cheese; gruyere; pecorino; stilton; egg whites; chicken thighs; turkey mince; stewing beef; pork belly;
lamb chops; streaky bacon; pancetta; chorizo; prosciutto; sausages; cod; smoked haddock; prawns; mussels;
squid; sardines; scallops; tofu; shallots; leeks; ginger; red chilli; jalapeno; red pepper; courgette;
aubergine; chestnut mushrooms; baby spinach; kale; cavolo nero; savoy cabbage; rocket; cucumber; avocado;
parsnips; swede; celeriac; fennel; asparagus; tenderstem broccoli; cauliflower; green beans; peas;
sweetcorn; beetroot; radishes; limes; bananas; blueberries; cherries; mango; pineapple; pomegranate; figs;
rhubarb; flat-leaf parsley; dill; chives; thyme; bay leaves; cumin seeds; smoked paprika; chilli flakes;
cayenne pepper; turmeric; cinnamon stick; cloves; star anise; garam masala; five spice; saffron; stock cube;
vegetable stock; basmati rice; spaghetti; penne; egg noodles; couscous; bulgur wheat; quinoa; red lentils;
kidney beans; cannellini beans; passata; sun-dried tomatoes; olives; capers; panko breadcrumbs; baguette;
pitta bread; tortillas; naan; burger buns; puff pastry; filo pastry; gelatine; dried yeast; cornflour;
self-raising flour; semolina; polenta; golden syrup; treacle; jam; marmalade; ice cream; frozen berries;
dry sherry; brandy; beer; orange juice; lemon juice; sparkling water; pine nuts; pistachios; sesame seeds;
pumpkin seeds; miso paste; harissa; pesto; curry paste; gochujang; hoisin sauce; mirin; marzipan; edamame;
pak choi; bean sprouts; lemongrass; galangal; wonton wrappers
"""


def test_no_common_food_is_left_in_other():
    foods = [food.strip() for food in COMMON_FOODS.replace("\n", " ").split(";")]
    assert len(foods) > 170
    assert [food for food in foods if shopping.aisle_for(shopping.clean_name(food)) == "other"] == []


@pytest.mark.parametrize(
    ("name", "aisle"),
    [
        ("peanut butter", "pantry"),
        ("red pepper", "produce"),
        ("red pepper flakes", "spices"),
        ("frozen berries", "frozen"),
        ("lemon juice", "produce"),
        ("green beans", "produce"),
        ("sun-dried tomatoes", "pantry"),
        ("chopped tomatoes", "pantry"),
        ("chocolate milk", "dairy-eggs"),
    ],
)
def test_the_last_word_or_the_longest_phrase_of_a_name_places_it(name, aisle):
    assert shopping.aisle_for(name) == aisle


def test_the_food_category_places_a_food_the_words_do_not():
    assert shopping.aisle_for("wagyu", "Beef Products") == "meat-fish"
    assert shopping.aisle_for("thingamajig") == "other"


@pytest.mark.parametrize(
    ("yields", "servings"),
    [
        ("Serves 4", 4),
        ("4–6 servings", 5),
        ("Serves 4-6", 5),
        ("Makes 12 muffins", 12),
        ("Serves four", 4),
        ("Yield: 8 portions", 8),
        ("6 to 8 people", 7),
        ("Makes about 24 cookies", 24),
        ("Makes 2 cups", None),
        ("Makes 1 loaf", None),
        ("Yield: 2 loaves", None),
        ("One 23 cm tart", None),
        ("Makes 500 g", None),
        ("", None),
        ("A crowd", None),
    ],
)
def test_a_yield_is_read_as_a_number_of_servings(yields, servings):
    assert servings_from_yield(yields) == servings


def test_the_scale_factor_is_portions_over_servings():
    assert shopping.scale_factor(servings=4, portions=8) == 2
    assert shopping.scale_factor(servings=None, portions=8) is None
    assert shopping.scale_factor(servings=4, portions=None) == 1


def test_units_default_to_what_most_recipe_lines_use():
    assert (
        shopping.units_default([make_line("8 oz cheddar cheese"), make_line("2 cups chicken stock")]) == "us"
    )
    assert (
        shopping.units_default([make_line("300 g arborio rice"), make_line("2 cups chicken stock")])
        == "metric"
    )
    assert shopping.units_default([make_line("2 carrots")]) == "metric"


# The three recipes of issue 10, for a dinner of 8: risotto for 4, lasagne for 6, mousse for 4.
RISOTTO = ("Mushroom risotto", "Serves 4", [
    "300 g arborio rice", "1 litre stock", "250 g mushrooms", "1 onion", "2 cloves garlic", "125 ml white wine",
    "2 tbsp olive oil", "30 g butter", "50 g parmesan", "salt and pepper to taste",
])  # fmt: skip
LASAGNE = ("Lasagne", "Serves 6", [
    "500 g beef mince", "1 onion", "2 carrots", "400 g tin chopped tomatoes", "2 tbsp tomato puree", "50 g butter",
    "50 g plain flour", "600 ml milk", "pinch of nutmeg", "12 lasagne sheets", "40 g parmesan",
])  # fmt: skip
MOUSSE = ("Chocolate mousse", "Serves 4", [
    "200 g dark chocolate", "4 large eggs", "2 tbsp caster sugar", "300 ml double cream", "pinch of salt",
])  # fmt: skip
DINNER = (RISOTTO, LASAGNE, MOUSSE)

# The list a cook writes by hand for 8: whole onions, carrots and tins; grams rounded up; spoons as spoons.
DINNER_FOR_8 = [
    ("produce", "3 carrots"),
    ("produce", "4 cloves garlic"),
    ("produce", "500 g mushrooms"),
    ("produce", "4 onions"),
    ("dairy-eggs", "130 g butter"),
    ("dairy-eggs", "600 ml double cream"),
    ("dairy-eggs", "8 eggs"),
    ("dairy-eggs", "800 ml milk"),
    ("dairy-eggs", "155 g parmesan"),
    ("meat-fish", "670 g beef mince"),
    ("pantry", "600 g arborio rice"),
    ("pantry", "4 tbsp caster sugar"),
    ("pantry", "800 g chopped tomatoes"),
    ("pantry", "400 g dark chocolate"),
    ("pantry", "16 lasagne sheets"),
    ("pantry", "4 tbsp olive oil"),
    ("pantry", "70 g plain flour"),
    ("pantry", "2 l stock"),
    ("pantry", "3 tbsp tomato puree"),
    ("spices", "1 pinch nutmeg"),
    ("spices", "pepper"),
    ("spices", "1 pinch salt"),
    ("drinks", "250 ml white wine"),
]


def dinner_lines(guests: int = 8) -> list[Line]:
    lines = []
    for dish, yields, texts in DINNER:
        factor = shopping.scale_factor(servings=servings_from_yield(yields), portions=guests)
        lines += [make_line((text, dish, factor)) for text in texts]
    return lines


def test_three_recipes_for_a_dinner_of_eight_give_the_list_a_cook_writes():
    rows = merge(dinner_lines(8))
    assert [(row.aisle, f"{row.display} {row.name}".strip()) for row in rows] == DINNER_FOR_8
    assert all(row.scaled for row in rows)
    by_name = {row.name: row for row in rows}
    assert by_name["parmesan"].dishes == ["Lasagne", "Mushroom risotto"]
    assert by_name["salt"].dishes == ["Chocolate mousse", "Mushroom risotto"]


def test_the_text_export_groups_the_dinner_by_aisle():
    data = shopping.shopping_list_build(
        session_id="s", lines=dinner_lines(8), guest_count=8, units=None, hide_staples=True, ticked={"egg"},
        added=[shopping.AddedItem("added-1", "napkins")],
    )  # fmt: skip
    text = shopping.shopping_list_text(data)
    assert text.startswith("Produce\n- [ ] 3 carrots\n")
    assert "Dairy & eggs\n- [ ] 130 g butter\n" in text
    assert "- [x] 8 eggs\n" in text
    assert "salt" not in text and "olive oil" not in text and "pepper" not in text
    assert text.endswith("Other\n- [ ] napkins\n")


def test_the_parsed_lines_are_what_the_parser_gives():
    """tests/shopping_parsed.py is still what ingredient-parser-nlp makes of the dinner's lines (the FDC
    foods are left to the integration test: loading them takes the parser some 20 s)."""
    from extraction.parsing import line_details, parse_line

    for _, _, texts in DINNER:
        for text in texts:
            parsed, details = parse_line(text), line_details(text, foundation_foods=False)
            got = (parsed.quantity, parsed.quantity_max, parsed.unit, parsed.name, details.pack_quantity,
                   details.pack_unit)  # fmt: skip
            quantity, quantity_max, unit, name, _, _, pack_quantity, pack_unit = PARSED[text]
            assert got == (quantity, quantity_max, unit, name, pack_quantity, pack_unit), text


def test_a_list_of_ten_dishes_of_fifteen_lines_is_computed_fast():
    texts = [text for text in PARSED]
    lines = [
        make_line((texts[(d * 15 + i) % len(texts)], f"Dish {d}", 1.5)) for d in range(10) for i in range(15)
    ]
    merge(lines)  # pint's registry and the stemmer load once per process
    started = time.perf_counter()
    for _ in range(5):
        merge(lines, units=shopping.METRIC)
    per_list = (time.perf_counter() - started) / 5
    assert per_list < 0.25, per_list


# --- the list through the API, the exports, the page and the print view ---------------------------------

ITEM_FIELDS = {"key", "name", "quantity", "quantity_max", "unit", "display", "aisle", "dishes", "lines",
               "scaled", "checked", "manual"}  # fmt: skip


def give_recipe(dish, *, yields: str, texts: list[str]) -> None:
    """Store a recipe for the dish as a finished extraction leaves it."""
    from sessions_app.models import Dish, Ingredient, RecipeSource

    source = RecipeSource.objects.create(
        dish=dish, title=dish.name, yields=yields, servings=servings_from_yield(yields)
    )
    for position, text in enumerate(texts, start=1):
        quantity, quantity_max, unit, name, food, category, pack_quantity, pack_unit = PARSED[text]
        Ingredient.objects.create(
            recipe_source=source, position=position, raw_text=text, quantity=quantity,
            quantity_max=quantity_max, unit=unit, name=name, food=food, food_category=category,
            pack_quantity=pack_quantity, pack_unit=pack_unit,
        )  # fmt: skip
    Dish.objects.filter(pk=dish.pk).update(recipe_status=Dish.Status.READY)


@pytest.fixture
def dinner(user):
    """A session for 8 guests with the risotto, the lasagne and the mousse read."""
    from sessions_app import services

    session = services.session_create(
        owner=user, title="Dinner", guest_count=8, dish_names=[dish for dish, _, _ in DINNER]
    )
    for dish_name, yields, texts in DINNER:
        give_recipe(session.dishes.get(name=dish_name), yields=yields, texts=texts)
    return session


def list_url(session, suffix: str = "") -> str:
    return f"/api/sessions/{session.id}/shopping-list/{suffix}"


def labels(items: list[dict]) -> list[str]:
    return [shopping.item_label(item) for item in items]


def last_event(session):
    from notifications.models import SessionEvent

    return SessionEvent.objects.filter(session=session).order_by("-seq").first()


def test_the_api_gives_the_dinner_for_eight_in_the_documented_shape(api, dinner):
    body = api.get(list_url(dinner)).json()
    assert set(body) == {"session_id", "guest_count", "hide_staples", "units", "items"}
    assert (body["session_id"], body["guest_count"], body["hide_staples"], body["units"]) == (
        str(dinner.id), 8, False, "metric"
    )  # fmt: skip
    assert all(set(item) == ITEM_FIELDS for item in body["items"])
    assert [(item["aisle"], shopping.item_label(item)) for item in body["items"]] == DINNER_FOR_8
    onions = next(item for item in body["items"] if item["name"] == "onions")
    assert onions["dishes"] == ["Lasagne", "Mushroom risotto"] and onions["lines"] == ["1 onion", "1 onion"]
    assert (onions["quantity"], onions["unit"], onions["scaled"]) == (4, "", True)


def test_the_csv_and_text_exports_hold_exactly_the_items(api, dinner):
    items = api.get(list_url(dinner)).json()["items"]
    response = api.get(list_url(dinner), {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert list(rows[0]) == ["name", "quantity", "unit", "display", "aisle", "dishes", "checked"]
    assert [(row["name"], row["display"], row["aisle"]) for row in rows] == [
        (item["name"], item["display"], item["aisle"]) for item in items
    ]
    assert rows[0]["dishes"] == "Lasagne" and rows[0]["quantity"] == "3"

    text = api.get(list_url(dinner), {"format": "text"})
    assert text.status_code == 200 and text["Content-Type"].startswith("text/plain")
    written = [line[6:] for line in text.content.decode().splitlines() if line.startswith("- [")]
    assert written == labels(items)


def test_the_csv_export_does_not_hand_a_spreadsheet_a_formula(api, dinner):
    api.post(list_url(dinner, "items/"), {"text": '=HYPERLINK("http://x.example","wine")'}, format="json")
    rows = list(csv.DictReader(io.StringIO(api.get(list_url(dinner), {"format": "csv"}).content.decode())))
    assert rows[-1]["name"] == '\'=HYPERLINK("http://x.example","wine")'


def test_the_page_and_the_print_view_show_the_same_items_as_the_api(api, user, dinner):
    from django.test import Client

    items = api.get(list_url(dinner)).json()["items"]
    browser = Client()
    browser.force_login(user)
    page = browser.get(f"/sessions/{dinner.id}/").content.decode()
    assert ">Shopping list</h2>" in page
    assert ">Print</a>" in page and ">Export CSV</a>" in page
    for item in items:
        assert f'<label for="shop-{item["key"]}">{shopping.item_label(item)}</label>' in page
    printed = browser.get(f"/sessions/{dinner.id}/shopping-list/print/").content.decode()
    for item in items:
        assert f'<label for="print-{item["key"]}">{shopping.item_label(item)}' in printed
    assert browser.get(f"/sessions/{dinner.id}/shopping-list/").content.decode().count(
        'type="checkbox" name="checked"'
    ) == len(items)


def test_ticking_an_item_is_saved_and_announced_to_the_session(api, dinner):
    response = api.patch(list_url(dinner, "items/egg/"), {"checked": True}, format="json")
    assert response.status_code == 200 and response.json()["checked"] is True
    assert response.json()["name"] == "eggs"
    items = {item["key"]: item for item in api.get(list_url(dinner)).json()["items"]}
    assert items["egg"]["checked"] and not items["onion"]["checked"]
    event = last_event(dinner)
    assert event.type == "session_updated" and event.payload["change"] == "shopping_list_changed"

    api.patch(list_url(dinner, "items/egg/"), {"checked": False}, format="json")
    assert not {item["key"]: item for item in api.get(list_url(dinner)).json()["items"]}["egg"]["checked"]


def test_a_tick_stays_on_its_row_when_a_new_upload_changes_the_amount(api, dinner, enqueued):
    from extraction.results import Extraction, ParsedIngredient
    from sessions_app import services
    from tests.conftest import make_upload

    api.patch(list_url(dinner, "items/egg/"), {"checked": True}, format="json")
    job = services.job_create(
        session=dinner, dish_name="Pancakes", upload=make_upload(), mime_type="text/plain"
    )
    job = services.job_start(job_id=job.id, worker="w")
    lines = [ParsedIngredient("2 eggs", 2.0, None, "", "eggs", "", "", 0.9)]
    services.job_complete(job=job, extraction=Extraction("text/plain", "Pancakes", "Serves 4", lines))
    eggs = next(item for item in api.get(list_url(dinner)).json()["items"] if item["key"] == "egg")
    assert (eggs["display"], eggs["checked"]) == ("12", True)
    assert eggs["dishes"] == ["Chocolate mousse", "Pancakes"]


def test_a_saved_recipe_keeps_its_yield_and_servings_and_the_size_of_its_tins(dinner, enqueued):
    from extraction.parsing import parse_line
    from extraction.results import Extraction
    from sessions_app import services
    from sessions_app.models import RecipeSource
    from tests.conftest import make_upload

    job = services.job_create(
        session=dinner, dish_name="Chilli", upload=make_upload(), mime_type="text/plain"
    )
    job = services.job_start(job_id=job.id, worker="w")
    line = parse_line("2 x 400 g tins chopped tomatoes")
    services.job_complete(job=job, extraction=Extraction("text/plain", "Chilli", "Serves 4–6", [line]))
    source = RecipeSource.objects.get(dish__name="Chilli")
    assert (source.yields, source.servings) == ("Serves 4–6", 5)
    ingredient = source.ingredients.get()
    assert (ingredient.pack_quantity, ingredient.pack_unit) == (400, "gram")


def test_a_tick_stays_when_a_new_wording_joins_the_row_and_unticking_clears_it(api, user):
    from sessions_app import services

    session = services.session_create(owner=user, title="Pasta", dish_names=["Bake", "Salad"])
    bake, salad = session.dishes.order_by("name")
    give_recipe(bake, yields="", texts=["40 g grated parmesan cheese"])
    (item,) = api.patch(list_url(session), {"units": "metric"}, format="json").json()["items"]
    api.patch(list_url(session, f"items/{item['key']}/"), {"checked": True}, format="json")
    give_recipe(salad, yields="", texts=["50g Parmesan"])
    (item,) = api.get(list_url(session)).json()["items"]
    assert (item["key"], item["display"], item["checked"]) == ("parmesan", "90 g", True)
    api.patch(list_url(session, "items/parmesan/"), {"checked": False}, format="json")
    assert api.get(list_url(session)).json()["items"][0]["checked"] is False


def complete_a_salad_job(session, capture_on_commit):
    """Create, start and complete a one-line "Salad" job in session, running its on-commit callbacks.

    Returns the completed ExtractionJob; capture_on_commit is pytest-django's
    django_capture_on_commit_callbacks fixture.
    """
    from extraction.results import Extraction, ParsedIngredient
    from sessions_app import services
    from tests.conftest import make_upload

    job = services.job_create(
        session=session, dish_name="Salad", upload=make_upload(), mime_type="text/plain"
    )
    job = services.job_start(job_id=job.id, worker="w")
    line = ParsedIngredient("2 carrots", 2.0, None, "", "carrots", "", "", 0.9)
    with capture_on_commit(execute=True):
        services.job_complete(job=job, extraction=Extraction("text/plain", "Salad", "Serves 4", [line]))
    return job


def test_a_saved_recipe_queues_its_food_matching_when_foundation_foods_are_on(
    dinner, enqueued, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from sessions_app import tasks

    queued = []
    monkeypatch.setattr(tasks.recipe_match_foods, "delay", queued.append)
    settings.FOUNDATION_FOODS = True
    job = complete_a_salad_job(dinner, django_capture_on_commit_callbacks)
    assert queued == [job.dish.recipe_source.id]
    assert settings.CELERY_TASK_ROUTES[tasks.recipe_match_foods.name] == {"queue": "foods"}


def test_a_saved_recipe_is_announced_before_its_food_matching_is_queued(
    dinner, enqueued, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from notifications import events
    from sessions_app import tasks

    order = []
    monkeypatch.setattr(tasks.recipe_match_foods, "delay", lambda source_id: order.append("food matching"))
    monkeypatch.setattr(events, "event_broadcast", lambda *, event: order.append(event.type))
    settings.FOUNDATION_FOODS = True
    complete_a_salad_job(dinner, django_capture_on_commit_callbacks)
    assert order == ["extraction_complete", "food matching"]


def test_food_matching_stores_each_lines_food_and_announces_the_change(dinner, monkeypatch):
    from extraction import parsing
    from sessions_app import services

    source = dinner.dishes.get(name="Lasagne").recipe_source
    source.ingredients.update(food="", food_category="")
    monkeypatch.setattr(
        parsing, "line_details",
        lambda text, foundation_foods: parsing.LineDetails(food=PARSED[text][4], food_category=PARSED[text][5]),
    )  # fmt: skip
    assert services.recipe_source_match_foods(source_id=source.id) is True
    nutmeg = source.ingredients.get(raw_text="pinch of nutmeg")
    assert (nutmeg.food, nutmeg.food_category) == ("Oil, nutmeg butter", "Fats and Oils")
    assert last_event(dinner).payload == {"change": "shopping_list_changed", "dish_name": "Lasagne"}
    source.delete()
    assert services.recipe_source_match_foods(source_id=source.id) is False


def test_a_person_can_add_tick_and_remove_their_own_items(api, dinner):
    response = api.post(list_url(dinner, "items/"), {"text": " 2 bottles of red wine "}, format="json")
    assert response.status_code == 201
    item = response.json()
    assert set(item) == ITEM_FIELDS
    assert (item["name"], item["manual"], item["checked"], item["dishes"]) == (
        "2 bottles of red wine",
        True,
        False,
        [],
    )
    assert last_event(dinner).payload["change"] == "shopping_list_changed"
    key = item["key"]
    assert api.patch(list_url(dinner, f"items/{key}/"), {"checked": True}, format="json").json()["checked"]
    assert api.get(list_url(dinner)).json()["items"][-1] == {**item, "checked": True}
    assert api.delete(list_url(dinner, f"items/{key}/")).status_code == 204
    assert key not in {item["key"] for item in api.get(list_url(dinner)).json()["items"]}


def test_staples_are_hidden_with_one_switch_everywhere(api, dinner):
    response = api.patch(list_url(dinner), {"hide_staples": True}, format="json")
    assert response.status_code == 200 and response.json()["hide_staples"] is True
    names = {item["name"] for item in response.json()["items"]}
    assert not names & {"salt", "pepper", "olive oil"} and "eggs" in names
    assert "salt" not in api.get(list_url(dinner), {"format": "csv"}).content.decode()
    assert "olive oil" not in api.get(list_url(dinner), {"format": "text"}).content.decode()
    assert last_event(dinner).payload["change"] == "shopping_list_changed"
    # A hidden staple can still be ticked off, and comes back when the switch is off.
    assert api.patch(list_url(dinner, "items/salt/"), {"checked": True}, format="json").status_code == 200
    names = {
        item["name"]
        for item in api.patch(list_url(dinner), {"hide_staples": False}, format="json").json()["items"]
    }
    assert {"salt", "pepper", "olive oil"} <= names


def test_the_units_setting_writes_the_list_in_us_customary_units(api, dinner):
    body = api.patch(list_url(dinner), {"units": "us"}, format="json").json()
    assert body["units"] == "us"
    shown = dict((item["name"], item["display"]) for item in body["items"])
    assert shown["butter"] == "4½ oz" and shown["milk"] == "3½ cups" and shown["olive oil"] == "4 tbsp"
    assert api.get(list_url(dinner)).json()["units"] == "us"


def test_portions_per_dish_rescale_the_list_and_null_goes_back_to_the_guest_count(api, dinner):
    mousse = dinner.dishes.get(name="Chocolate mousse")
    response = api.patch(f"/api/sessions/{dinner.id}/dishes/{mousse.id}/", {"portions": 12}, format="json")
    assert response.status_code == 200 and response.json()["portions"] == 12
    assert last_event(dinner).payload == {"change": "shopping_list_changed", "dish_name": "Chocolate mousse"}
    shown = {item["name"]: item["display"] for item in api.get(list_url(dinner)).json()["items"]}
    assert (shown["eggs"], shown["dark chocolate"]) == ("12", "600 g")
    api.patch(f"/api/sessions/{dinner.id}/dishes/{mousse.id}/", {"portions": None}, format="json")
    shown = {item["name"]: item["display"] for item in api.get(list_url(dinner)).json()["items"]}
    assert shown["eggs"] == "8"


def test_a_dish_without_a_readable_yield_is_not_scaled_and_says_so(api, user):
    from sessions_app import services

    session = services.session_create(owner=user, title="Picnic", guest_count=8, dish_names=["Slaw"])
    give_recipe(session.dishes.get(), yields="", texts=["2 carrots"])
    (item,) = api.get(list_url(session)).json()["items"]
    assert (item["display"], item["scaled"]) == ("2", False)


def test_the_page_form_ticks_items_without_javascript(user, dinner):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    response = browser.post(
        f"/sessions/{dinner.id}/shopping-list/",
        {"shown": ["egg", "onion", "salt"], "checked": ["egg", "salt"]},
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"/sessions/{dinner.id}/#shopping-list"
    )
    page = browser.get(f"/sessions/{dinner.id}/").content.decode()
    assert 'value="egg" id="shop-egg" checked' in page and 'value="onion" id="shop-onion">' in page
    browser.post(f"/sessions/{dinner.id}/shopping-list/", {"shown": ["egg", "salt"], "checked": ["salt"]})
    items = {item["key"]: item["checked"] for item in shopping_list_of(dinner)["items"]}
    assert (items["egg"], items["salt"]) == (False, True)


def test_the_page_forms_switch_staples_and_units_and_add_items_without_javascript(user, dinner):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    response = browser.post(
        f"/sessions/{dinner.id}/shopping-list/settings/", {"hide_staples": "on", "units": "us"}
    )
    assert response.status_code == 302 and response["Location"].endswith("#shopping-list")
    response = browser.post(f"/sessions/{dinner.id}/shopping-list/items/", {"text": "napkins"})
    assert response.status_code == 302
    data = shopping_list_of(dinner)
    assert (data["hide_staples"], data["units"]) == (True, "us")
    assert data["items"][-1]["name"] == "napkins" and "salt" not in {item["name"] for item in data["items"]}
    page = browser.get(f"/sessions/{dinner.id}/").content.decode()
    assert '<label for="shop-added-' in page and "napkins</label>" in page
    assert '<option value="us" selected>' in page
    napkins = data["items"][-1]["key"]
    assert browser.post(f"/sessions/{dinner.id}/shopping-list/items/{napkins}/remove/").status_code == 302
    assert browser.post(f"/sessions/{dinner.id}/shopping-list/items/egg/remove/").status_code == 302
    names = {item["name"] for item in shopping_list_of(dinner)["items"]}
    assert "napkins" not in names and "eggs" in names


def shopping_list_of(session) -> dict:
    from sessions_app.selectors import shopping_list_get

    return shopping_list_get(session=session)


def test_a_stranger_gets_404_from_every_shopping_list_endpoint(client_for, other_user, dinner):
    stranger = client_for(other_user)
    dish = dinner.dishes.first()
    assert stranger.get(list_url(dinner)).status_code == 404
    assert stranger.get(list_url(dinner), {"format": "csv"}).status_code == 404
    assert stranger.patch(list_url(dinner), {"units": "us"}, format="json").status_code == 404
    assert stranger.post(list_url(dinner, "items/"), {"text": "wine"}, format="json").status_code == 404
    assert stranger.patch(list_url(dinner, "items/egg/"), {"checked": True}, format="json").status_code == 404
    assert stranger.delete(list_url(dinner, "items/egg/")).status_code == 404
    response = stranger.patch(f"/api/sessions/{dinner.id}/dishes/{dish.id}/", {"portions": 2}, format="json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert shopping_list_of(dinner)["units"] == "metric" and dinner.dishes.get(pk=dish.pk).portions is None


def test_an_unknown_session_gets_404_json(api, unknown_id):
    response = api.get(f"/api/sessions/{unknown_id}/shopping-list/", {"format": "csv"})
    assert response.status_code == 404 and response.json() == {"detail": "Not found.", "code": "not_found"}


BAD_INPUT = [
    ("units-not-a-system", "patch", "", {"units": "imperial"}, 400, "units"),
    ("hide-staples-not-a-boolean", "patch", "", {"hide_staples": "yes"}, 400, "hide_staples"),
    ("settings-with-nothing-to-change", "patch", "", {}, 400, "non_field_errors"),
    ("checked-missing", "patch", "items/egg/", {}, 400, "checked"),
    ("checked-not-a-boolean", "patch", "items/egg/", {"checked": "true"}, 400, "checked"),
    ("item-text-empty", "post", "items/", {"text": "  "}, 400, "text"),
    ("item-text-too-long", "post", "items/", {"text": "x" * 201}, 400, "text"),
    ("item-text-missing", "post", "items/", {}, 400, "text"),
    ("tick-of-an-unknown-item", "patch", "items/caviar/", {"checked": True}, 404, "not_on_list"),
    ("removing-an-unknown-item", "delete", "items/added-999/", None, 404, "not_on_list"),
    ("removing-a-computed-item", "delete", "items/egg/", None, 409, "not_manual"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "suffix", "body", "status", "names"), [c[1:] for c in BAD_INPUT],
                         ids=[c[0] for c in BAD_INPUT])  # fmt: skip
def test_bad_input_gets_a_clear_json_error(api, dinner, method, suffix, body, status, names):
    response = getattr(api, method)(list_url(dinner, suffix), body, format="json")
    assert response.status_code == status
    error = response.json()
    assert error["detail"]
    if status == 400:
        assert error["code"] == "invalid" and names in error["errors"]
    else:
        assert error["code"] == names


@pytest.mark.parametrize(
    ("portions", "field"), [(0, "portions"), ("many", "portions"), (10001, "portions"), (None, None)]
)
def test_bad_portions_get_a_clear_json_error(api, dinner, portions, field):
    dish = dinner.dishes.first()
    body = {} if field is None and portions is None else {"portions": portions}
    response = api.patch(f"/api/sessions/{dinner.id}/dishes/{dish.id}/", body, format="json")
    assert response.status_code == 400 and "portions" in response.json()["errors"]


def test_an_unknown_export_format_is_a_clear_json_error(api, dinner):
    response = api.get(list_url(dinner), {"format": "xml"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "format" in response.json()["errors"]


def test_an_unknown_dish_gets_404(api, dinner):
    response = api.patch(f"/api/sessions/{dinner.id}/dishes/999999/", {"portions": 2}, format="json")
    assert response.status_code == 404


def test_the_list_of_a_session_of_ten_dishes_of_fifteen_lines_is_read_in_five_queries_and_fast(
    api, user, django_assert_max_num_queries
):
    from sessions_app import services

    texts = list(PARSED)
    session = services.session_create(
        owner=user, title="Potluck", guest_count=20, dish_names=[f"Dish {n}" for n in range(10)]
    )
    for n, dish in enumerate(session.dishes.all()):
        give_recipe(dish, yields="Serves 6", texts=[texts[(n * 15 + i) % len(texts)] for i in range(15)])
    shopping_list_of(session)
    started = time.perf_counter()
    with django_assert_max_num_queries(5):
        data = shopping_list_of(session)
    seconds = time.perf_counter() - started
    assert len(data["items"]) > 40
    assert seconds < 0.5, seconds
