"""Finding the title, the yield and the ingredient block in a recipe's text."""

import pytest

from extraction.blocks import find_recipe
from extraction.lines import (
    clean_line,
    ingredient_likeness,
    is_end_heading,
    is_furniture,
    is_group_heading,
    is_ingredient_heading,
    opens_sub_group,
)

CARD = """Lemon Drizzle Cake

Serves 8

{heading}
225 g unsalted butter, softened
225 g caster sugar
4 eggs
1 lemon, zested

{method}
Heat the oven to 180C. Beat the butter and sugar together until pale and creamy.
Bake for 45 minutes.
"""
EXPECTED = ["225 g unsalted butter, softened", "225 g caster sugar", "4 eggs", "1 lemon, zested"]


@pytest.mark.parametrize(
    "heading",
    [
        "Ingredients",
        "INGREDIENTS:",
        "Ingredients (serves 8)",
        "You will need",
        "What you'll need:",
        "Shopping list",
        "Zutaten",
        "Ingrédients",
        "Ingredientes",
        "Ingrediënten",
        "Ingredienti",
        "## Ingredients",
    ],
)
def test_ingredient_headings_in_many_wordings_are_found(heading):
    found = find_recipe(CARD.format(heading=heading, method="Method"))
    assert found.ingredients == EXPECTED


@pytest.mark.parametrize(
    "method", ["Method", "Instructions", "DIRECTIONS:", "Preparation", "Steps", "Zubereitung"]
)
def test_the_block_ends_at_the_method(method):
    assert find_recipe(CARD.format(heading="Ingredients", method=method)).ingredients == EXPECTED


def test_title_and_yield_are_kept():
    found = find_recipe(CARD.format(heading="Ingredients", method="Method"))
    assert found.title == "Lemon Drizzle Cake"
    assert found.yields == "Serves 8"


@pytest.mark.parametrize("line", ["Makes 12", "Yield: 2 loaves", "Servings: 4", "4 servings"])
def test_yield_wordings_are_recognised(line):
    assert find_recipe(f"Buns\n{line}\nIngredients\n2 cups flour\n1 egg\n").yields == line


@pytest.mark.parametrize(
    ("heading", "yields"),
    [
        ("Ingredients for 4 people:", "for 4 people"),
        ("Zutaten für 4 Personen", "für 4 Personen"),
        ("Ingrédients pour 6 personnes :", "pour 6 personnes"),
        ("Ingredientes (para 4 personas):", "para 4 personas"),
        ("Ingredients (serves 6)", "serves 6"),
        ("Ingredients - 4 servings", "4 servings"),
    ],
)
def test_the_servings_on_an_ingredient_headings_row_are_the_yield_not_a_group(heading, yields):
    found = find_recipe(f"Buns\n\n{heading}\n2 cups flour\n1 egg\n\nMethod\nMix.\n")
    assert found.yields == yields
    assert found.ingredients == ["2 cups flour", "1 egg"]
    assert found.groups == ["", ""]


@pytest.mark.parametrize(
    "heading", ["Ingredients for the sauce:", "Ingredients for 9x13 pan", "Cake ingredients"]
)
def test_an_ingredient_heading_that_names_a_part_gives_no_yield(heading):
    assert find_recipe(f"Buns\n\n{heading}\n2 cups flour\n1 egg\n").yields == ""


@pytest.mark.parametrize(
    "title", ["# Banana Bread", "## Banana Bread", "**Banana Bread**", "__Banana Bread__"]
)
def test_a_markdown_title_comes_without_its_marks(title):
    assert find_recipe(f"{title}\n\n## Ingredients\n- 3 bananas\n- 75 g butter\n").title == "Banana Bread"


def test_sub_group_headings_are_not_ingredients():
    text = """Tacos
Ingredients
For the filling:
500 g beef mince
1 onion, chopped
Salsa
3 tomatoes, diced
FOR THE TOPPING
100 ml soured cream
Method
Cook the beef with the onion until browned, about 10 minutes, then season well.
"""
    assert find_recipe(text).ingredients == [
        "500 g beef mince",
        "1 onion, chopped",
        "3 tomatoes, diced",
        "100 ml soured cream",
    ]


@pytest.mark.parametrize("line", ["For the sauce:", "For the dressing", "Topping:", "FOR THE CAKE"])
def test_group_heading_shapes(line):
    assert is_group_heading(line, "2 tbsp butter")


@pytest.mark.parametrize("line", ["2 tbsp butter", "Salt to taste", "to serve: lots of scallions, almonds"])
def test_ingredients_are_not_group_headings(line):
    assert not is_group_heading(line, "1 egg")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("• 2 eggs", "2 eggs"),
        ("- 1 cup milk", "1 cup milk"),
        ("▢ 1 tsp salt", "1 tsp salt"),
        ("☐  3 carrots", "3 carrots"),
        ("* ½ cup sugar", "½ cup sugar"),
        ("✓ 1\u00a0lemon", "1 lemon"),
    ],
)
def test_bullets_and_checkboxes_are_cleaned_from_lines(raw, clean):
    assert clean_line(raw) == clean


def test_numbered_ingredient_lists_lose_their_numbers():
    text = "Ingredients\n1. 2 cups flour\n2. 1 tsp salt\n3. 3 eggs\nMethod\n1. Mix the flour and the salt in a large bowl.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 tsp salt", "3 eggs"]


def test_fractions_in_every_form_stay_in_the_lines():
    text = "Ingredients\n½ cup sugar\n1 1/2 cups flour\n1-1/2 tsp salt\n0.5 l milk\n2-3 eggs\n"
    assert find_recipe(text).ingredients == [
        "½ cup sugar",
        "1 1/2 cups flour",
        "1-1/2 tsp salt",
        "0.5 l milk",
        "2-3 eggs",
    ]


def test_ocr_mixed_numbers_without_space_are_read_as_mixed_numbers():
    text = "Ingredients\n11/2 cups flour\n21/4 tsp yeast\n1 cup water\n"
    assert find_recipe(text, from_ocr=True).ingredients == [
        "1 1/2 cups flour",
        "2 1/4 tsp yeast",
        "1 cup water",
    ]


def test_typed_text_keeps_improper_fractions():
    assert find_recipe("Ingredients\n11/2 cups flour\n1 egg\n").ingredients[0] == "11/2 cups flour"


def test_wrapped_lines_from_a_narrow_column_are_joined():
    text = "Ingredients\n2 cups chicken stock (or vegetable stock,\nif you prefer)\n1 onion, peeled and\nchopped\n3 carrots\n"
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "2 cups chicken stock (or vegetable stock, if you prefer)",
        "1 onion, peeled and chopped",
        "3 carrots",
    ]


def test_ingredients_without_any_heading_are_found_by_their_shape():
    text = """Grandma's scones

We always made these on Sundays when the family came round for tea.

450 g self-raising flour
1 tsp baking powder
100 g butter, cubed
2 tbsp caster sugar
250 ml milk

Rub the butter into the flour, stir in the sugar and then the milk to make a soft dough.
Bake at 220C for 12 minutes.
"""
    found = find_recipe(text)
    assert found.ingredients == [
        "450 g self-raising flour",
        "1 tsp baking powder",
        "100 g butter, cubed",
        "2 tbsp caster sugar",
        "250 ml milk",
    ]
    assert found.warnings


def test_page_furniture_never_becomes_an_ingredient():
    text = """Home | Recipes | About
Jump to Recipe
Print Recipe
Best Brownies
4.9 from 120 votes
Popular ingredients
avocado
lemon
kale
Ingredients
1x 2x 3x
US Customary Metric
200 g dark chocolate
175 g butter
3 eggs
Prep Time 10 mins
Instructions
Melt the chocolate and butter together in a bowl set over simmering water.
Nutrition
Calories: 320kcal
Comments
I used 2 cups of sugar and it was great!
"""
    assert find_recipe(text).ingredients == ["200 g dark chocolate", "175 g butter", "3 eggs"]


def test_a_recipe_in_parts_keeps_every_ingredient_block():
    text = """Cake ingredients
200 g flour
2 eggs
Method
Mix the flour and the eggs well and bake for 20 minutes in a hot oven.
Icing ingredients
100 g icing sugar
1 tbsp lemon juice
Method
Stir the icing sugar with the lemon juice until smooth and spread it on the cake.
"""
    assert find_recipe(text).ingredients == [
        "200 g flour",
        "2 eggs",
        "100 g icing sugar",
        "1 tbsp lemon juice",
    ]


def test_numbered_method_sentences_end_a_block_without_heading():
    text = "Ingredients\n2 cups flour\n1 egg\n1. Preheat the oven to 200C and grease a tin.\n2. Mix.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 egg"]


@pytest.mark.parametrize("step", ["1. Gather the ingredients.", "1. Preheat oven to 350F."])
def test_a_short_numbered_step_in_the_imperative_ends_a_block_without_heading(step):
    text = f"Ingredients\n2 cups flour\n1 egg\n{step}\n2. Mix the flour with the egg in a large bowl.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 egg"]


def test_text_without_a_recipe_has_no_ingredients():
    text = "Dear Sam,\n\nThanks for the lovely evening. See you on Friday at the cinema.\n\nBest,\nAlex\n"
    assert find_recipe(text).ingredients == []


@pytest.mark.parametrize("line", ["Ingredients", "INGREDIENTS:", "Frosting ingredients", "You will need:"])
def test_ingredient_heading_shapes(line):
    assert is_ingredient_heading(line)


@pytest.mark.parametrize(
    "line", ["2 cups flour", "These ingredients are simple and cheap to find in any shop."]
)
def test_non_headings(line):
    assert not is_ingredient_heading(line)


def test_a_fraction_printed_with_a_fraction_slash_reads_as_a_plain_fraction():
    assert clean_line("1 \u20442 cup olive oil") == "1/2 cup olive oil"
    assert clean_line("1 1\u20444 cups milk") == "1 1/4 cups milk"


def test_a_list_without_heading_wins_over_a_menu_under_an_ingredient_heading():
    text = """Explore an Ingredient
Search
Username or E-mail
Password
Remember Me
Forgot Password
These grilled paneer skewers are one of my favourite ways to eat zucchini in the late summer season.
Grilled Paneer Skewers
4 servings
Poblano Sauce
3-4 poblano peppers
2 teaspoons olive oil
2-3 garlic cloves (minced)
Salt to taste
Paneer Skewers
8 ounces paneer
1 medium zucchini
Grill the skewers until charred, turning them so that every side cooks evenly.
"""
    styled = frozenset({"Poblano Sauce", "Paneer Skewers"})
    assert find_recipe(text, styled_headings=styled).ingredients == [
        "3-4 poblano peppers",
        "2 teaspoons olive oil",
        "2-3 garlic cloves (minced)",
        "Salt to taste",
        "8 ounces paneer",
        "1 medium zucchini",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "30 mins",
        "1 hr 20 mins",
        "Total Fat 9g",
        "Sodium 79mg",
        "12%",
        "% Daily Value*",
        "4 servings",
        "66 % Saturated Fat",
        "22 g Cholesterol",
        "667 mg 50%",
        "0.7 mg 60%",
    ],
)
def test_times_and_nutrition_facts_do_not_look_like_ingredients(line):
    assert ingredient_likeness(line) < 0


def test_a_nutrition_panel_of_values_with_their_daily_share_is_not_the_list():
    # Each nutrient's name on a row of its own, its value and daily share on the next.
    panel = "\n".join(f"{name}\n{value} mg {share}%" for name, value, share in NUTRIENTS)
    text = f"Tofu Salad\nIngredients\n2 packages tofu\n1 Tbsp miso paste\nPreparation\nToss.\n\n{panel}\n"
    assert find_recipe(text).ingredients == ["2 packages tofu", "1 Tbsp miso paste"]


NUTRIENTS = [
    ("Iron", 8, 45),
    ("Potassium", 1220, 25),
    ("Vitamin E", 18, 120),
    ("Thiamin", 0.7, 60),
    ("Riboflavin", 0.4, 30),
    ("Niacin", 4.5, 30),
    ("Vitamin B-6", 0.9, 50),
]


def test_a_question_or_call_to_the_reader_in_the_lists_box_is_no_ingredient():
    text = """Ingredients
2 cups flour
Looking for FREE New Recipes?
1 tsp salt
See it. Make it. Eat it!
Method
Mix.
"""
    assert find_recipe(text).ingredients == ["2 cups flour", "1 tsp salt"]


def test_numbered_steps_that_mention_quantities_are_not_a_second_list():
    text = """Sponge
Ingredients
4 eggs
125 g sugar

Directions
1 Beat 4 eggs
2 Add 125 g sugar
3 Fold in 115 g flour
4 Bake 20 minutes
"""
    assert find_recipe(text).ingredients == ["4 eggs", "125 g sugar"]


def test_a_numbered_list_of_posts_with_wrapped_titles_is_not_the_ingredient_list():
    text = """Hot Chocolate Bombs

Ingredients
1 cup chocolate chips
4 tbsp hot cocoa mix
Instructions
Melt the chocolate and fill the molds.

Popular posts
2 How to Buy A Musk
Melon in Japan (for cheap!)
3 Homemade Hot
Chocolate Bombs
4 Yaki Imo: Roasted
Japanese Sweet Potatoes
5 The best Negroni
recipe (alcohol free)
6 Char Siu Honey Baked
Pork Belly
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "1 cup chocolate chips",
        "4 tbsp hot cocoa mix",
    ]


def test_a_list_beside_the_method_resumes_after_the_first_pages_steps():
    # The card prints "Instructions" beside "Ingredients"; a page break cut both columns.
    text = """Chipotle Chicken Pasta
INGREDIENTS
INSTRUCTIONS
16 oz dry ziti
3 tbsp salted butter
1 lb chicken tenderloins
1. Place a large pot of water over high heat, covered. Cook the pasta according to the package.
2. Heat a large skillet over medium heat for 3-4 minutes. Add 2 tbsp of the butter.
Cook the chicken on each side until golden.

1 yellow onion, chopped
2 cloves garlic, minced
3 tbsp honey
2 cups half & half
1 cup shredded cheddar cheese
3. Add the onion and cook until tender, about 5-7 minutes. Add the garlic and stir.
4. Add the half & half and honey and cook until the sauce thickens.
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "16 oz dry ziti",
        "3 tbsp salted butter",
        "1 lb chicken tenderloins",
        "1 yellow onion, chopped",
        "2 cloves garlic, minced",
        "3 tbsp honey",
        "2 cups half & half",
        "1 cup shredded cheddar cheese",
    ]


def test_a_list_with_no_method_heading_beside_it_is_not_joined_to_a_run_after_the_steps():
    text = """Ingredients
16 oz dry ziti
3 tbsp salted butter
1 lb chicken tenderloins
1. Place a large pot of water over high heat, covered. Cook the pasta according to the package.
2. Heat a large skillet over medium heat for 3-4 minutes. Add 2 tbsp of the butter.

1 yellow onion, chopped
2 cloves garlic, minced
3 tbsp honey
2 cups half & half
1 cup shredded cheddar cheese
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "1 yellow onion, chopped",
        "2 cloves garlic, minced",
        "3 tbsp honey",
        "2 cups half & half",
        "1 cup shredded cheddar cheese",
    ]


def test_a_heading_printed_with_its_scale_and_unit_buttons_is_still_a_heading():
    assert is_ingredient_heading("Ingredients 1x 2x 3x")
    assert is_ingredient_heading("Ingredients US Customary Metric 1X 2X 3X For the steaks")


def test_a_list_printed_twice_in_a_row_is_kept_once():
    text = "Ingredients\n2 cups flour\n1 egg\n1 tsp salt\n2 cups flour\n1 egg\n1 tsp salt\nMethod\nMix.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 egg", "1 tsp salt"]


def test_a_gallery_counter_is_not_taken_for_a_list():
    counter = "\n".join(f"{n:02d} of 40\nPhoto by a reader" for n in range(1, 30))
    text = f"{counter}\nIngredients\n2 cups flour\n1 egg\n1 tsp salt\nMethod\nMix.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 egg", "1 tsp salt"]


def test_a_recipe_card_after_the_post_s_own_instructions_is_found():
    text = """How to make it
Instructions
Brown the beef, then add the onions and cook them slowly until they are soft and golden.
Print Pin
Ingredients 1X 2X 3X For the steaks
1 1/2 pounds ground chuck
1/4 cup milk
2 large eggs
Instructions
1 Combine everything in a bowl.
"""
    assert find_recipe(text).ingredients == ["1 1/2 pounds ground chuck", "1/4 cup milk", "2 large eggs"]


@pytest.mark.parametrize("line", ["250 g salt", "100 g sugar", "1 cup 2% milk", "Sugar, 100 g"])
def test_measured_salt_sugar_and_milk_still_look_like_ingredients(line):
    assert ingredient_likeness(line) > 1


def test_an_amount_printed_over_its_ingredient_name_is_joined_to_it():
    text = (
        "Ingredients\n1 1/2 tsps\nbaking powder\n425 g\nstrawberries\n2\neggs\n2 cups\nsugar\nMethod\nMix.\n"
    )
    assert find_recipe(text).ingredients == [
        "1 1/2 tsps baking powder",
        "425 g strawberries",
        "2 eggs",
        "2 cups sugar",
    ]


def test_a_range_of_fractions_printed_over_its_ingredient_name_is_joined_to_it():
    text = "Ingredients\n1½ TBSP\nItalian seasoning\n1½ - 2 cups\nshredded mozzarella\nMethod\nMix.\n"
    assert find_recipe(text).ingredients == ["1½ TBSP Italian seasoning", "1½ - 2 cups shredded mozzarella"]


def test_amounts_printed_under_their_names_are_not_joined_to_the_next_name():
    text = "Ingredients\nPine nuts\n70 g\nBasil\n20 g\nSalt\n1 pinch\nMethod\nBlend.\n"
    ingredients = find_recipe(text).ingredients
    assert "70 g Basil" not in ingredients
    assert "20 g Salt" not in ingredients


def test_a_titled_line_over_measured_lines_is_a_sub_heading_only_when_printed_as_one():
    assert is_group_heading("Garlic Confit Butter", "2 tbsp butter", styled_as_heading=True)
    assert not is_group_heading("Garlic Confit Butter", "2 tbsp butter")


def test_a_titled_ingredient_in_a_typed_card_stays_an_ingredient():
    text = "Ingredients\n1/2 cup oats\nFluffy Steel Cut Oats\n1 cup water\n1/2 tsp salt\nDirections\nCook.\n"
    assert find_recipe(text).ingredients == [
        "1/2 cup oats",
        "Fluffy Steel Cut Oats",
        "1 cup water",
        "1/2 tsp salt",
    ]


@pytest.mark.parametrize(
    ("line", "next_line", "styled"),
    [
        ("plain dough", "3/4 cup flour", True),  # lowercase, a group word says it names a part
        ("Blueberry Lemon", "zest from 1 lemon", True),  # over a counted line
        ("CHICKEN KABOBS", "1 ½ pounds chicken breasts", False),  # capitals over a measured line
        ("GARNISHES", "2 limes", False),
    ],
)
def test_a_part_name_over_its_first_line_is_a_sub_group_heading(line, next_line, styled):
    assert is_group_heading(line, next_line, styled_as_heading=styled)


@pytest.mark.parametrize(
    ("line", "next_line"),
    [
        ("PREP", "15 min"),  # a time, not a measured line
        ("BUTTER", "2 CUPS SUGAR"),  # a list in capitals
        ("METHOD", "1. Add the oil to a pan and heat it until it shimmers, about 2 minutes."),
    ],
)
def test_capitals_over_a_line_that_is_no_lowercase_ingredient_name_no_part(line, next_line):
    assert not is_group_heading(line, next_line)


def test_a_part_name_printed_over_its_first_sub_groups_heading_heads_the_part():
    text = """Ingredients
SEITAN
WET
1/2 cup warm vegetable broth
1 tbsp white miso paste
DRY
3/4 cup vital wheat gluten
Instructions
Mix the wet ingredients.
"""
    found = find_recipe(text, styled_headings=frozenset({"SEITAN", "WET", "DRY"}))
    assert found.ingredients == [
        "1/2 cup warm vegetable broth",
        "1 tbsp white miso paste",
        "3/4 cup vital wheat gluten",
    ]
    assert found.groups == ["WET", "WET", "DRY"]


def test_a_short_capitalised_line_printed_as_a_heading_names_a_component():
    assert is_group_heading("Paneer skewers", "8 ounces paneer", styled_as_heading=True)
    assert is_group_heading("Meatballs", "500 g beef mince", styled_as_heading=True)
    assert not is_group_heading("Instructions", "1 Preheat the oven.", styled_as_heading=True)


@pytest.mark.parametrize(
    "line",
    [
        "Cook Mode Prevent your screen from going dark",
        "Keep your device awake while cooking?",
        "US Customary – Metric",
        "US CUSTOMARY METRIC 1x 2x 3x",
        "SCALE 1x 2x 3x",
        ".5x 1x 2x",
        "1X 2X 3X US STANDARD METRIC",
    ],
)
def test_cook_mode_switches_and_unit_and_scale_buttons_are_not_ingredients(line):
    text = f"Ingredients\n{line}\n2 cups flour\n1 egg\n1 tsp salt\nMethod\nMix.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 egg", "1 tsp salt"]


def test_icon_font_pictures_are_cleaned_from_lines():
    assert clean_line("\uf08d PIN RECIPE") == "PIN RECIPE"
    assert clean_line("2 cups straw\u00adberries\u200b") == "2 cups strawberries"


@pytest.mark.parametrize(
    "line",
    [
        "SAVE THIS RECIPE!",
        "Want to save this?",
        "Get this sent right to your inbox, plus great new recipes weekly!",
        "Enter email address",
        "EMAIL *",
        "Browse all recipes! →",
        "Add to Your Grocery List",
    ],
)
def test_sign_up_boxes_and_list_buttons_are_page_furniture(line):
    assert is_furniture(line)


def test_a_heading_printed_over_no_measured_lines_ends_the_list():
    text = """Ingredients
2 cups flour
1 teaspoon baking soda
Milk
Kitchen Tools
Mixing Bowls
Stand Mixer
Whisk
Method
Mix everything together in a large bowl and bake it for twenty minutes until golden.
"""
    styled = frozenset({"Kitchen Tools"})
    assert find_recipe(text, styled_headings=styled).ingredients == [
        "2 cups flour",
        "1 teaspoon baking soda",
        "Milk",
    ]


def test_a_list_printed_again_in_other_units_is_kept_once():
    text = """Ingredients
1 1/4 cups olive oil
1/2 teaspoon oregano
10 1/2 ounces tomato sauce
1 teaspoon salt
Method
Warm the oil in a wide pan and stir in everything else, then simmer it for half an hour.
Ingredients
296 ml olive oil
2.5 ml oregano
303.5 ml tomato sauce
5 ml salt
"""
    assert find_recipe(text).ingredients == [
        "1 1/4 cups olive oil",
        "1/2 teaspoon oregano",
        "10 1/2 ounces tomato sauce",
        "1 teaspoon salt",
    ]


def test_a_count_of_ingredients_heads_no_list():
    assert not is_ingredient_heading("10 ingredients")


@pytest.mark.parametrize("heading", ["Instructions", "INSTRUCTIONS", "Method:", "Directions"])
def test_a_method_heading_on_the_row_of_the_first_step_ends_the_list(heading):
    text = f"""Shortbread
Ingredients
225 g butter
110 g caster sugar
{heading} Preheat the oven to 160C and line a tin.
1 Cream the butter and sugar.
2 Add 275 g flour and press into the tin.
"""
    assert find_recipe(text).ingredients == ["225 g butter", "110 g caster sugar"]


def test_a_note_in_brackets_on_its_own_line_belongs_to_the_ingredient_above():
    text = """Baked beans
Ingredients
1 cup beef stock
1/2 cup molasses
(not blackstrap)
food colouring
(optional)
Method
Mix everything and bake for an hour.
"""
    assert find_recipe(text).ingredients == [
        "1 cup beef stock",
        "1/2 cup molasses (not blackstrap)",
        "food colouring (optional)",
    ]


@pytest.mark.parametrize(
    "section",
    ["Recommended Equipment\nBaking sheet", "Equipment Baking sheet", "Notes Use salted butter if you like."],
)
def test_a_section_after_the_list_ends_it_even_on_the_row_of_its_first_line(section):
    text = f"""Shortbread
Ingredients
225 g butter
110 g caster sugar
{section}
Mixing bowls
Instructions
Cream the butter and sugar, add the flour and bake for 40 minutes.
"""
    assert find_recipe(text).ingredients == ["225 g butter", "110 g caster sugar"]


def test_an_archive_of_years_is_not_an_ingredient_list():
    text = """Pimento cheese sandwich
Archive
2014 – Bacon to Bosna
2015 – Breakfast to Dynamite
2016 – Egg to Italian Beef
Ingredients
2 cups grated cheddar
1/2 cup mayonnaise
Directions
Mix the cheese and mayonnaise and spread on the bread.
"""
    assert find_recipe(text).ingredients == ["2 cups grated cheddar", "1/2 cup mayonnaise"]
    assert ingredient_likeness("2014 – Bacon to Bosna") < 0 < ingredient_likeness("2000 g flour")


@pytest.mark.parametrize(
    ("line", "cleaned"),
    [
        ("4 ounces Parmesan cheese, grated View Nutritional Information", "4 ounces Parmesan cheese, grated"),
        ("pepper, to taste shopping list", "pepper, to taste"),
        ("3 pounds pork butt substitution Substitutions available", "3 pounds pork butt"),
        ("Add to the shopping list", "Add to the shopping list"),
    ],
)
def test_buttons_printed_after_an_ingredient_are_dropped(line, cleaned):
    assert clean_line(line) == cleaned


@pytest.mark.parametrize("line", ["5 from 17 reviews", "Jump to Nutrition Facts", "Add to the shopping list"])
def test_review_counts_and_jump_links_are_page_furniture(line):
    assert is_furniture(line)


def test_link_addresses_printed_after_an_ingredient_are_dropped():
    line = "1 tbsp sugar (https://amzn.to/2WMM28A) adjust to taste"
    assert clean_line(line) == "1 tbsp sugar adjust to taste"


def test_a_long_seasoning_line_without_an_amount_does_not_split_a_list_without_heading():
    text = """Roasted Vegetable Lasagna
Serves 10
1 1/2 pounds eggplant, sliced lengthwise
2/3 cup good olive oil
Kosher salt and freshly ground black pepper
1 tablespoon minced garlic (3 cloves)
10 ounces lasagna noodles
16 ounces fresh ricotta
Preheat the oven to 375 degrees. Arrange the eggplant in single layers on 3 sheet pans lined with paper.
"""
    assert find_recipe(text).ingredients == [
        "1 1/2 pounds eggplant, sliced lengthwise",
        "2/3 cup good olive oil",
        "Kosher salt and freshly ground black pepper",
        "1 tablespoon minced garlic (3 cloves)",
        "10 ounces lasagna noodles",
        "16 ounces fresh ricotta",
    ]


def test_scale_buttons_that_open_with_a_fraction_do_not_end_the_list_before_it_starts():
    # A recipe card printed with its tabs: the scale buttons and the "Instructions" tab come between the
    # heading and the list.
    text = """Mac and Cheese
Ingredients
½ 1x 2x
Instructions
1 Tablespoon butter
1/2 cup finely diced onion
3 cups water
1. Turn the pot to sauté and melt the butter. Add in the onions and cook until soft.
"""
    assert find_recipe(text).ingredients == [
        "1 Tablespoon butter",
        "1/2 cup finely diced onion",
        "3 cups water",
    ]


@pytest.mark.parametrize("line", ["PRI N T  P I N  REVIEW  SAVE", "P R I N T", "SH ARE  EMAIL"])
def test_buttons_printed_in_spaced_capitals_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["PINE NUTS", "Pin save", "TOPPING", "PRINTED CHEESE"])
def test_capitals_that_are_not_buttons_are_no_furniture(line):
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Units US M Scale 1X 2X 3X For the panna cotta:", "For the panna cotta:"),
        ("¾cup vegetable stock", "¾ cup vegetable stock"),
        ("1 ½cups flour", "1 ½ cups flour"),
        ("1teaspoon granulated sugar", "1 teaspoon granulated sugar"),
        ("100g flour", "100g flour"),
        ("2x chicken breasts", "2x chicken breasts"),
    ],
)
def test_a_toolbar_on_the_row_of_a_line_and_an_amount_printed_against_its_unit_are_mended(raw, clean):
    assert clean_line(raw) == clean


@pytest.mark.parametrize("line", ["Units US M Scale 1X 2X 3X", "Select one: US Customary - Metric"])
def test_unit_toolbars_are_furniture(line):
    assert is_furniture(line)


def test_names_printed_over_their_bare_amounts_are_joined_amount_first():
    text = "Ingredients\nPine nuts\n70 g\nBasil\n20 g\nVegetable Oil\n0.100\nSalt\n1 pinch\nMethod\nBlend.\n"
    assert find_recipe(text).ingredients == [
        "70 g Pine nuts",
        "20 g Basil",
        "0.100 Vegetable Oil",
        "1 pinch Salt",
    ]


def test_a_single_amount_under_a_name_does_not_make_a_list_of_names_over_amounts():
    text = "Ingredients\nSalt\n2\ncups flour\n1 egg\n200 ml milk\nMethod\nWhisk everything together.\n"
    assert find_recipe(text).ingredients == ["Salt", "2 cups flour", "1 egg", "200 ml milk"]


@pytest.mark.parametrize("line", ["1x 2x 3", "8S ERVI N G S Tap or hover to scale"])
def test_scale_buttons_cut_short_or_with_their_hint_are_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize("line", ["2x 3 eggs", "3 eggs"])
def test_counts_are_not_scale_buttons(line):
    assert not is_furniture(line)


def test_a_list_that_goes_on_under_the_next_pages_stacked_column_headings_is_read_whole():
    # A card printed over a page break: the next page prints its column headings before the list's rest.
    text = """Thumbprint Cookies
Ingredients
1 cup ghee, softened
1 cup coconut sugar
1/4 teaspoon sea salt

Cook Mode Prevent your screen from going dark
Instructions
Notes
2 2/3 cups gluten-free baking flour (I used Bob's Red Mill 1-to-1 Gluten Free Baking
Flour)
1 cup strawberry jam
Preheat your oven to 350°F. Line two baking sheets with parchment paper and set aside.
"""
    assert find_recipe(text).ingredients == [
        "1 cup ghee, softened",
        "1 cup coconut sugar",
        "1/4 teaspoon sea salt",
        "2 2/3 cups gluten-free baking flour (I used Bob's Red Mill 1-to-1 Gluten Free Baking Flour)",
        "1 cup strawberry jam",
    ]


def test_one_end_heading_over_measured_lines_still_ends_the_list():
    text = "Ingredients\n2 cups flour\n1 egg\nEquipment\n1 large skillet\nInstructions\nMix well and bake.\n"
    assert find_recipe(text).ingredients == ["2 cups flour", "1 egg"]


def test_a_heading_with_its_first_parts_name_on_its_row_heads_the_list_down_to_a_letter_spaced_method():
    text = """Blueberry Cake
Ingredients Blueberry Cake
1 cup (240 ml) soy milk
1 tbsp cornstarch
Blueberry Frosting
3.5 oz (100 g) cream cheese
2 tsp blueberry powder
For Decorating (optional)
blueberries
desiccated coconut
Instruct ions
Note: Check out the recipe video above!
Preheat the oven to 356 °F (180 °C). Grease a loaf pan and line with parchment paper.
"""
    found = find_recipe(text, styled_headings=frozenset({"Blueberry Frosting"}))
    assert found.ingredients == [
        "1 cup (240 ml) soy milk",
        "1 tbsp cornstarch",
        "3.5 oz (100 g) cream cheese",
        "2 tsp blueberry powder",
        "blueberries",
        "desiccated coconut",
    ]
    assert found.groups[0] == "Blueberry Cake"


@pytest.mark.parametrize(
    "line", ["Ingredient Substitution Guide", "Ingredients 2 Cups", "Instruct ions for the cake"]
)
def test_lines_near_headings_that_are_none(line):
    assert not is_ingredient_heading(line)
    assert not is_end_heading(line)


def test_a_weak_block_under_a_named_heading_is_no_part_of_the_recipe():
    text = """Prepare the Ingredients
Puree the ginger, garlic, onion, and scotch bonnet pepper with about
½ cup of water. (Photos 1-2)

Ingredients BEEF AND STOCK
2 pounds beef, cut into cubes
1 medium onion
3 cloves garlic
Instructions
Cook the beef with the onion until tender, about an hour.
"""
    assert find_recipe(text).ingredients == [
        "2 pounds beef, cut into cubes",
        "1 medium onion",
        "3 cloves garlic",
    ]


def test_a_list_without_heading_keeps_the_seasoning_line_it_ends_with():
    text = """Chickpeas cacio e pepe
300g - dried chickpeas, soaked overnight
3 tbsp - olive oil
80g - Parmesan, finely grated
250g - baby spinach

salt and black pepper
Notes
Serve with any greens, such as chard or broccolini.
"""
    assert find_recipe(text).ingredients == [
        "300g - dried chickpeas, soaked overnight",
        "3 tbsp - olive oil",
        "80g - Parmesan, finely grated",
        "250g - baby spinach",
        "salt and black pepper",
    ]


def test_a_block_right_after_a_site_menu_is_no_part_of_the_recipe():
    text = """Meals
Ingredients
Chicken
Beef
Pork
View All
Ingredients
4th of July
Summer Entertaining More Summer Recipes View All
This garlic pizza is on the table in twenty minutes, and everyone at home asks for it again.
Garlic Pizza
Ingredients
1/4 cup olive oil
1 tablespoon minced garlic
1/2 teaspoon sea salt
Directions
Mix the oil and garlic and brush over the dough.
"""
    assert find_recipe(text).ingredients == [
        "1/4 cup olive oil",
        "1 tablespoon minced garlic",
        "1/2 teaspoon sea salt",
    ]


def test_the_name_of_the_next_part_over_its_heading_is_not_an_item_of_the_part_before():
    text = """Dip Platter
Ingredients
1 stick butter
8 oz cream cheese
Sprinkles, for garnish
Gingerbread Dip
Ingredients
1/4 cup brown sugar
3 tablespoons molasses
Instructions
Beat everything together until smooth and creamy, then chill for an hour.
"""
    found = find_recipe(text)
    assert "Gingerbread Dip" not in found.ingredients
    assert found.ingredients[2] == "Sprinkles, for garnish"


def test_a_recipe_in_headed_parts_is_read_by_its_parts_even_when_their_lines_make_one_long_run():
    # The parts' names are short lines that a run of ingredient-shaped lines takes in, so the run
    # outscored each part; its bare names under "For Dipping" were then left out.
    text = """Dip Platter
Ingredients
1 stick butter
8 oz cream cheese
1/4 cup brown sugar
2 teaspoons vanilla extract
1 1/2 cups chocolate chips
Gingerbread Dip
Ingredients
8 oz cream cheese
1/4 cup powdered sugar
3 tablespoons molasses
1 teaspoon ground ginger
Peppermint Dip
Ingredients
8 oz marshmallow fluff
1 tsp peppermint extract
1/4 cup crushed candy canes
For Dipping
Milk Chocolate Wavy Lays
Dark Chocolate Wavy Lays
Instructions
Beat everything together until smooth and creamy, then chill for an hour.
"""
    found = find_recipe(text)
    assert found.ingredients[-2:] == ["Milk Chocolate Wavy Lays", "Dark Chocolate Wavy Lays"]
    assert found.groups[-1] == "For Dipping"
    assert len(found.ingredients) == 14


def test_a_list_printed_as_written_and_again_as_parsed_keeps_each_item_once():
    text = """Salmon Poke

Ingredients
1 servings
120 g fresh salmon (skin and bones removed)
120gfresh salmon
skin and bones removed
1/2 cucumber
0.5cucumber
Handful coriander
coriander
1 tbs lime juice
1 Tbslime juice
Sea salt
Instructions
Cut the salmon into chunks and mix everything in a bowl.
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "120 g fresh salmon (skin and bones removed)",
        "1/2 cucumber",
        "Handful coriander",
        "1 tbs lime juice",
        "Sea salt",
    ]


def test_one_item_whose_words_the_item_above_holds_is_kept():
    text = """Ingredients
2 tbsp sea salt
salt
1 cup flour
Method
Mix.
"""
    assert find_recipe(text).ingredients == ["2 tbsp sea salt", "salt", "1 cup flour"]


def test_a_name_with_a_group_word_over_its_amount_is_an_item_of_a_list_of_names_over_amounts():
    text = """Donut Glaze

Ingredients
Group 1
Ingredient
KG
Boiling water (~100°C)
0.160
Bakels Powdered Donut Glaze
1.000

Total Weight: 1.160
Method
1. Place all ingredients into a mixing bowl.
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "0.160 Boiling water (~100°C)",
        "1.000 Bakels Powdered Donut Glaze",
    ]


def test_a_table_of_names_over_amounts_with_their_bakers_percentages_reads_name_and_amount():
    text = """Multiseed Bread

Ingredients
Group 1
Ingredient
KG
%
Wheat flour
5.000
50.00

Country Oven Multiseed Bread Concentrate
5.000
50.00
Yeast
0.250
2.50
Total Weight: 10.250
Method
1. Place all of the ingredients into a spiral mixing bowl.
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "5.000 Wheat flour",
        "5.000 Country Oven Multiseed Bread Concentrate",
        "0.250 Yeast",
    ]


def test_a_group_heading_over_a_list_of_amounts_over_names_stays_a_heading():
    text = """Ingredients
2 cups
flour
1 tsp
salt
Sauce
1 cup
milk
2 tbsp
butter
Method
Mix everything together.
"""
    found = find_recipe(text, join_wrapped=True)
    assert found.ingredients == ["2 cups flour", "1 tsp salt", "1 cup milk", "2 tbsp butter"]
    assert found.groups == ["", "", "Sauce", "Sauce"]


def test_measured_lines_under_an_equipment_heading_are_tools_not_the_list():
    text = """Meyer Lemon Marmalade

Equipment
1 wide 4-quart pan sharp chef's knife
canning jars prepare 3
8-oz jars plus 2 4-oz jars tea filter bag
Ingredients
1 1/4 lbs Meyer lemons
3 cups water
3 cups granulated sugar
Instructions
Wash the lemons and cut them into thin slices.
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "1 1/4 lbs Meyer lemons",
        "3 cups water",
        "3 cups granulated sugar",
    ]


def test_an_ingredient_heading_with_unit_toggles_and_a_part_name_on_its_row_is_a_heading():
    assert is_ingredient_heading("Ingredients CUPS/OUNCES GRAMS/ML 1X 2X 3X For the peppers and tomatoes")


def test_a_nutrition_grid_read_across_its_rows_is_no_part_of_the_list():
    text = """Ingredients
2 lb tri tip roast
1 tbsp olive oil
Notes
Slice against the grain.
NUTRITION
Calories:
582kcal
Carbohydrates: Protein:
10g 51g
Fat:
33g Saturated Fat: Polyunsaturated Fat:
13g 3g
177mg Sodium:
1027mg Potassium:
1g Sugar:
"""
    assert find_recipe(text, join_wrapped=True).ingredients == ["2 lb tri tip roast", "1 tbsp olive oil"]


def test_parts_numbered_like_steps_are_sub_group_headings():
    text = """Ingredients
1. For the tuile:
50 g parmesan, grated
2. For the pasta:
200 g spaghetti
1 tbsp olive oil
Method
Bake the parmesan in small rounds until golden.
"""
    found = find_recipe(text)
    assert found.ingredients == ["50 g parmesan, grated", "200 g spaghetti", "1 tbsp olive oil"]
    assert found.groups == ["For the tuile", "For the pasta", "For the pasta"]
    assert not is_group_heading("1. Preheat the oven:")


def test_a_list_printed_again_scaled_for_a_larger_batch_is_kept_once():
    text = """Ingredients
1 tablespoon cream cheese, softened
1/3 cup granulated sugar
3/4 cup heavy cream
1/4 cup mini chocolate chips
1 1/2 tablespoons cream cheese, softened
1/2 cup granulated sugar
1 cup + 2 tablespoons heavy cream
1/4 cup + 2 tablespoons mini chocolate chips
Utensils needed
Microwave-Safe Bowl
Whisk
Instructions
Whisk the cream cheese and sugar together.
"""
    assert find_recipe(text).ingredients == [
        "1 tablespoon cream cheese, softened",
        "1/3 cup granulated sugar",
        "3/4 cup heavy cream",
        "1/4 cup mini chocolate chips",
    ]
    assert is_end_heading("Utensils needed")


def test_the_method_heading_on_the_row_of_a_first_step_that_marinates_ends_the_list():
    text = """INGREDIENTS
2 pork shoulder steaks
4 tablespoon Char Siu sauce
INSTRUCTIONS Marinate the meat
Mix the sauces and coat the pork with them.
"""
    assert find_recipe(text).ingredients == ["2 pork shoulder steaks", "4 tablespoon Char Siu sauce"]


@pytest.mark.parametrize("line", ["Reply", "Reply to Terry", "Reply Emilia", "4 years ago", "an hour ago"])
def test_a_comment_threads_buttons_and_timestamps_are_furniture(line):
    assert is_furniture(line)


def test_a_comment_thread_after_a_recipe_in_parts_is_no_part_of_it():
    text = """Ingredients
1 tablespoon olive oil
½ cup chopped onions
3 garlic cloves
Polenta Ingredients
1 cup polenta corn meal
4 cups water
½ cup grated parmesan
Instructions
1. Bring the water to a boil in a medium pot and whisk in the polenta slowly.
2. Stir in the butter and the parmesan cheese and serve.

Get my new cookbook! →
0

Get my new cookbook! →

Get my new cookbook! →
Reply Emilia
5 years ago

Get my new cookbook! →
Two things I love: pulled pork and polenta!

Get my new cookbook! →
0
"""
    styled = frozenset({"Ingredients", "Polenta Ingredients", "Get my new cookbook! →"})
    found = find_recipe(text, join_wrapped=True, styled_headings=styled)
    assert found.ingredients == [
        "1 tablespoon olive oil",
        "½ cup chopped onions",
        "3 garlic cloves",
        "1 cup polenta corn meal",
        "4 cups water",
        "½ cup grated parmesan",
    ]


@pytest.mark.parametrize(
    "line",
    ["10-Minute Romesco Sauce For Fish (& More!)", "5-Ingredient Peanut Butter Cookies", "30-60 minutes"],
)
def test_a_related_recipes_title_opening_with_its_time_and_a_bare_time_range_are_no_ingredients(line):
    assert ingredient_likeness(line) < 0


def test_a_list_of_related_recipes_that_open_with_their_time_is_no_part_of_the_recipe():
    text = """For the peppers
4 large tomatoes
4 large green peppers
2 tablespoons olive oil
Method
Heat the oven to 180C. Halve the peppers and fill them with the chopped tomatoes.

ALL RECIPES
10-Minute Sautéed Frozen Green Beans

Recent Recipes
SAUCES & DIPS
10-Minute Romesco Sauce For Fish (& More!)
QUICK & EASY DESSERTS
Easy Rhubarb Bars
"""
    found = find_recipe(
        text, join_wrapped=True, styled_headings=frozenset({"For the peppers", "ALL RECIPES"})
    )
    assert found.ingredients == ["4 large tomatoes", "4 large green peppers", "2 tablespoons olive oil"]


@pytest.mark.parametrize("line", ["People Also Like", "Recent Recipes", "You might also love:"])
def test_headings_of_related_recipes_end_the_list(line):
    assert is_end_heading(line)


def test_names_over_amounts_with_a_plural_in_brackets_and_a_note_read_amount_first():
    text = """Ingredients
Light multigrain bread
2 slice(s)
Egg
1 item(s), large
Table salt
1 pinch(es)
Reduced fat cheddar cheese
1 oz, sharp variety, sliced
Instructions
1. From 1 slice of bread, cut out a 2-inch circle and coat both slices with cooking spray.
2. Makes 1 serving.

People Also Like
No-sugar-added oatmeal-raisin muffins
1
Peanut butter, banana, and chocolate chip protein cookies
1
Banana-blueberry overnight oats
2
Chocolate peanut butter–banana overnight oats
2
High-protein baked oatmeal
1
Banana lover’s flourless pancakes
1
"""
    assert find_recipe(text, join_wrapped=True).ingredients == [
        "2 slice(s) Light multigrain bread",
        "1 item(s) Egg, large",
        "1 pinch(es) Table salt",
        "1 oz Reduced fat cheddar cheese, sharp variety, sliced",
    ]


def test_a_cards_facts_stacked_under_the_ingredient_heading_are_no_items():
    text = """PREP TIME
15 mins
INGREDIENTS
COOK TIME
6 mins
SERVINGS
4 Sandwiches
500 ml double cream
375 g condensed milk (one tin)
75 g chocolate chips
INSTRUCTIONS
Whip the cream until it holds soft peaks, then fold in the condensed milk.
"""
    assert find_recipe(text).ingredients == [
        "500 ml double cream",
        "375 g condensed milk (one tin)",
        "75 g chocolate chips",
    ]


@pytest.mark.parametrize(
    "buttons",
    [
        "1 X 2 X 3 X",
        "1 2 3",
        "5 Secrets of Chinese CookingGet the guide for FREE",
        "Tap here to download my eBook",
    ],
)
def test_scale_buttons_and_promotions_in_a_card_are_no_items(buttons):
    text = f"""Ingredients
{buttons}
2 cups flour
1 cup sugar
{buttons}
Instructions
Mix the flour and the sugar.
"""
    assert find_recipe(text).ingredients == ["2 cups flour", "1 cup sugar"]


def test_a_method_heading_with_its_show_button_ends_the_list():
    text = """Ingredients
2 cups whole milk
1/2 teaspoon kosher salt
INSTRUCTIONS SHOW
1
Fit a wire rack inside a baking sheet. Season the steaks on both sides with 1 teaspoon salt.
"""
    assert find_recipe(text).ingredients == ["2 cups whole milk", "1/2 teaspoon kosher salt"]


def test_you_also_need_heads_a_sub_group():
    recipe = find_recipe("Ingredients\n2 pork steaks\n5 slices ginger\nYou also need\n2 teaspoon honey\n")
    assert recipe.ingredients == ["2 pork steaks", "5 slices ginger", "2 teaspoon honey"]
    assert recipe.groups == ["", "", "You also need"]


def test_a_group_word_printed_as_a_heading_over_lowercase_names_heads_them():
    text = """Ingredients
2 tablespoon soy sauce
1 tablespoon rice vinegar
Garnish
green onions
toasted sesame seeds
Instructions
Fry the chicken.
"""
    recipe = find_recipe(text, styled_headings=frozenset({"Ingredients", "Garnish", "Instructions"}))
    assert recipe.ingredients == [
        "2 tablespoon soy sauce",
        "1 tablespoon rice vinegar",
        "green onions",
        "toasted sesame seeds",
    ]
    assert recipe.groups[2:] == ["Garnish", "Garnish"]
    # An item in title case over a lowercase one is still an item when the page prints it as the others.
    assert "Tomato Sauce" in find_recipe(text.replace("Garnish", "Tomato Sauce")).ingredients


def test_a_later_part_of_a_list_in_sub_groups_printed_among_the_steps_is_taken():
    text = """Ingredients
FOR THE SPONGE
100 g unsalted butter
100 g caster sugar
FOR THE JELLY
5 gelatine leaves
275 g marmalade
Directions
Step 1
Make the sponge. Preheat the oven and grease the tin.

FOR THE CHOCOLATE TOPPING
200 g dark chocolate, broken into pieces
1 1/2 tsp. sunflower oil
of the tin over so it is flat-side up, then chill it for an hour until set.
Step 2
Make the jelly and pour it over the sponge.
"""
    recipe = find_recipe(text)
    assert recipe.ingredients[-2:] == ["200 g dark chocolate, broken into pieces", "1 1/2 tsp. sunflower oil"]
    assert recipe.groups[-1] == "FOR THE CHOCOLATE TOPPING"
    # A list with no sub-groups takes no run printed after its steps.
    plain = text.replace("FOR THE SPONGE\n", "").replace("FOR THE JELLY\n", "")
    assert "1 1/2 tsp. sunflower oil" not in find_recipe(plain).ingredients


def test_a_cards_facts_over_a_list_without_its_heading_are_no_part_of_it():
    text = """PREP:
20 MINS
COOK:
45 MINS SERVINGS:
8
PIN
Ingredients 1X 2X 3X STREUSEL
1/3 cup granulated sugar
1/3 cup all-purpose flour
1/3 cup finely chopped walnuts
COFFEE CAKE
2 cups all-purpose flour
1 teaspoon baking powder
"""
    assert find_recipe(text).ingredients == [
        "1/3 cup granulated sugar",
        "1/3 cup all-purpose flour",
        "1/3 cup finely chopped walnuts",
        "2 cups all-purpose flour",
        "1 teaspoon baking powder",
    ]
    # A part's heading that ends in a label's word is no fact label.
    served = find_recipe("Ingredients\n1 red onion, sliced thin\nFor Serving:\n4 soft pita breads\n")
    assert served.ingredients == ["1 red onion, sliced thin", "4 soft pita breads"]


def test_an_ingredient_named_with_what_it_is_for_is_no_sub_group_heading():
    text = """Ingredients
1 sheet puff pastry, thawed
Flour for rolling
1 egg for egg-wash
Instructions
Roll out the pastry.
"""
    styled = frozenset({"Ingredients", "Flour for rolling", "Instructions"})
    assert find_recipe(text, styled_headings=styled).ingredients == [
        "1 sheet puff pastry, thawed",
        "Flour for rolling",
        "1 egg for egg-wash",
    ]
    assert is_group_heading("Fruit Topping", "1 egg", styled_as_heading=True)


def test_substitutions_in_the_notes_are_no_part_of_a_list_in_parts():
    text = """Wet Ingredients
2 large eggs
1 cup mashed bananas
Dry Ingredients
1 3/4 cups whole wheat flour
1/4 teaspoon salt
Instructions
Heat the oven. Combine the dry ingredients, then the wet ones, and fold them together until moistened.
Notes
You can use any of these flour combinations in
this recipe:
1 cup whole wheat flour plus 1 cup white flour
2 cups white flour; add 1-2 tablespoons extra
"""
    assert find_recipe(text).ingredients == [
        "2 large eggs",
        "1 cup mashed bananas",
        "1 3/4 cups whole wheat flour",
        "1/4 teaspoon salt",
    ]


def test_the_last_item_over_a_heading_that_names_its_own_part_stays_an_item():
    # "Peppermint Dip Ingredients" names its part itself: the short capitalised line above it is the
    # last item of the part before, not the next part's name.
    text = """Dip Platter
Ingredients
1 stick butter
8 oz cream cheese
Sprinkles, for garnish

Peppermint Dip Ingredients
8 oz marshmallow fluff
1 tsp peppermint extract
Instructions
Beat everything together until smooth and creamy, then chill for an hour.
"""
    found = find_recipe(text)
    assert found.ingredients == [
        "1 stick butter",
        "8 oz cream cheese",
        "Sprinkles, for garnish",
        "8 oz marshmallow fluff",
        "1 tsp peppermint extract",
    ]
    assert found.groups[-1] == "Peppermint Dip"


def test_a_list_without_heading_keeps_the_bare_names_it_ends_with_before_the_next_heading():
    # The garnishes close the list where the next section's heading starts, with no blank line between.
    text = """Miso salmon traybake
Metric Imperial
300g mixed quinoa, rinsed
800ml vegetable stock
2 tbsp white miso paste
4 x 120g salmon fillets
Toasted sesame seeds, for garnish
Spring onion, sliced, for garnish
Utensils
Large bowl
Step 1
In a large bowl, whisk the miso with the honey and cover the salmon with it.
"""
    assert find_recipe(text).ingredients[-3:] == [
        "4 x 120g salmon fillets",
        "Toasted sesame seeds, for garnish",
        "Spring onion, sliced, for garnish",
    ]


@pytest.mark.parametrize("line", ["No ratings yet", "11.8k", "2.4K"])
def test_a_rating_widget_and_a_count_of_shares_are_no_ingredients(line):
    assert is_furniture(line) or ingredient_likeness(line) <= 0


def test_a_nutrition_panels_wrapped_row_ending_with_a_colon_opens_no_sub_group():
    assert opens_sub_group("generous 1/2 cup chocolate chips", "Topping:")
    assert not opens_sub_group(
        "17gSaturated Fat: 6gPolyunsaturated Fat: 2gMonounsaturated", "Fat: 8gTrans Fat:"
    )
    assert not opens_sub_group("2 cups flour (sifted, see", "Notes:")


def test_a_method_heading_with_the_recipes_name_ends_the_list():
    text = """Ingredients
1-2 large zucchini
1 pound spaghetti noodles
2 pounds ground beef (or bison)
How To Make italian stuffed zucchini
Step 1
Heat olive oil in a very large skillet over medium heat and cook the onions until soft.
"""
    assert find_recipe(text).ingredients == [
        "1-2 large zucchini",
        "1 pound spaghetti noodles",
        "2 pounds ground beef (or bison)",
    ]


@pytest.mark.parametrize(
    "line", ["To yield about 4 half-pints (8 oz) jars, you’ll need:", "For one large loaf you will need:"]
)
def test_a_sentence_leading_into_the_list_is_its_heading_not_an_item(line):
    text = f"""Zucchini Relish
{line}
2 cups zucchini, diced (about 3 medium)
1 cup onion, diced
1 3/4 cups sugar
"""
    assert is_ingredient_heading(line)
    assert find_recipe(text).ingredients == [
        "2 cups zucchini, diced (about 3 medium)",
        "1 cup onion, diced",
        "1 3/4 cups sugar",
    ]


def test_a_group_word_in_capitals_printed_as_a_heading_over_a_capitalised_name_heads_it():
    text = """Ingredients
SAUCE
2 tbsp soy sauce
1 tbsp maple syrup
CRISPY RICE
Neutral cooking oil
2 cups cooked and cooled rice
Instructions
Mix the sauce, then fry the rice in the oil until it is crisp and brown.
"""
    found = find_recipe(text, styled_headings=frozenset({"SAUCE", "CRISPY RICE"}))
    assert "CRISPY RICE" not in found.ingredients
    assert found.groups[-2:] == ["CRISPY RICE", "CRISPY RICE"]


@pytest.mark.parametrize("line", ["Ingredient Substitution Guide", "Cooking Guide", "Meat Temperature Guide"])
def test_a_link_to_a_sites_guide_is_furniture(line):
    assert is_furniture(line)


def test_a_line_of_two_sentences_is_no_title():
    text = (
        "Here you go, it's the one from the tin box. Don't overwork it!\n\n"
        "Gran's Shortbread\n\n8 oz butter\n4 oz caster sugar\n12 oz plain flour\n"
    )
    assert find_recipe(text).title == "Gran's Shortbread"


def test_a_title_with_an_abbreviation_is_one_sentence():
    assert find_recipe("Mrs. Smith's Apple Pie\n\n2 cups flour\n1 cup butter\n6 apples\n").title == (
        "Mrs. Smith's Apple Pie"
    )


@pytest.mark.parametrize("heading", ["", "Ingredients\n"])
def test_a_part_named_in_capitals_over_a_bare_count_is_a_heading(heading):
    text = (
        f"Ramen\n\n{heading}PORK BROTH\n3 lb pork trotters\n4 quarts water\n\n"
        "TARE\n1/3 cup soy sauce\n2 tbsp mirin\n\nJAMMY EGGS\n4 eggs\n1/4 cup soy sauce\n\n"
        "TO SERVE\n4 portions ramen noodles\n2 scallions, sliced\n"
    )
    found = find_recipe(text)
    assert "JAMMY EGGS" not in found.ingredients
    assert found.groups[found.ingredients.index("4 eggs")] == "JAMMY EGGS"


def test_an_item_in_capitals_in_a_list_without_a_break_is_an_item():
    found = find_recipe("Omelette\n\nIngredients\n2 tbsp butter\nSALT\n3 eggs\n")
    assert "SALT" in found.ingredients


@pytest.mark.parametrize(
    "header",
    ["THE WEEKNIGHT KITCHEN · ISSUE 12 · NOODLES", "Omas Rezepte — Seite 14", "Home » Dinner » Soups"],
)
def test_a_running_header_or_breadcrumb_is_no_title(header):
    text = f"{header}\n\nSpicy Miso Ramen\n\n4 cups chicken stock\n2 tbsp white miso\n2 eggs\n"
    assert find_recipe(text).title == "Spicy Miso Ramen"


@pytest.mark.parametrize("title", ["Salt & Pepper Wings", "Mac — and Cheese", "Pasta / Pesto"])
def test_a_title_with_a_separator_is_still_a_title(title):
    assert find_recipe(f"{title}\n\n2 cups flour\n1 cup butter\n3 eggs\n").title == title


def test_markdown_sub_headings_and_bold_amounts():
    text = (
        "# Cinnamon Rolls\n\n## Ingredients\n\n### For the dough\n* **500 g** strong white flour\n* **1** egg\n\n"
        "### For the filling\n* **100 g** soft butter\n* **2 tbsp** ground cinnamon\n\n## Method\n1. Roll up.\n"
    )
    found = find_recipe(text)
    assert found.ingredients == [
        "500 g strong white flour",
        "1 egg",
        "100 g soft butter",
        "2 tbsp ground cinnamon",
    ]
    assert found.groups == ["For the dough", "For the dough", "For the filling", "For the filling"]


def test_a_footnote_star_after_an_item_stays():
    assert clean_line("2 cups flour* (see note)") == "2 cups flour* (see note)"
