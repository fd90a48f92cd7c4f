"""The shopping list's vocabulary: every word list the merge engine (shopping.py) reads, written once."""

# Words that describe how a food is cut, cooked or sized, not which food it is: "2 large eggs, beaten"
# and "1 egg" are both eggs. Dropped before two names are compared.
PREPARATION_WORDS = frozenset(
    """
    chopped finely roughly coarsely thinly thickly diced minced sliced grated beaten crushed peeled
    halved quartered trimmed rinsed drained softened melted cubed shredded torn zested juiced
    deseeded seeded pitted cored sifted toasted washed scrubbed large small medium big extra
    jumbo fresh freshly good quality organic free range free-range ripe cold warm room temperature
    """.split()
)

# Different words for one food, after preparation words are dropped (lower case, the way cooks write).
FOOD_ALIASES = {
    "parmesan cheese": "parmesan",
    "parmigiano reggiano": "parmesan",
    "parmigiano-reggiano": "parmesan",
    "minced beef": "beef mince",
    "ground beef": "beef mince",
    "minced pork": "pork mince",
    "ground pork": "pork mince",
    "minced lamb": "lamb mince",
    "ground lamb": "lamb mince",
    "heavy cream": "double cream",
    "heavy whipping cream": "double cream",
    "all-purpose flour": "plain flour",
    "all purpose flour": "plain flour",
    "tomato paste": "tomato puree",
    "tomato purée": "tomato puree",
    "scallion": "spring onion",
    "scallions": "spring onion",
    "green onion": "spring onion",
    "green onions": "spring onion",
    "cilantro": "coriander",
    "coriander leaves": "coriander",
    "black pepper": "pepper",
    "ground black pepper": "pepper",
    "ground pepper": "pepper",
    "black peppercorns": "pepper",
    "sea salt": "salt",
    "table salt": "salt",
    "kosher salt": "salt",
    "fine salt": "salt",
    "egg, whole": "egg",
    "eggs, whole": "egg",
    "garlic cloves": "garlic",
    "garlic clove": "garlic",
    "cloves garlic": "garlic",
    "clove garlic": "garlic",
    "chick peas": "chickpeas",
    "garbanzo beans": "chickpeas",
    "aubergine": "eggplant",
    "courgette": "zucchini",
    "courgettes": "zucchini",
    "icing sugar": "powdered sugar",
    "confectioners sugar": "powdered sugar",
    "confectioners' sugar": "powdered sugar",
}

# Pantry staples a host may hide with one switch (compared with the food's merged name).
STAPLES = frozenset(
    {
        "salt",
        "pepper",
        "water",
        "oil",
        "olive oil",
        "extra virgin olive oil",
        "extra-virgin olive oil",
        "vegetable oil",
        "sunflower oil",
        "rapeseed oil",
        "canola oil",
        "cooking oil",
    }
)

# Units a line is counted in that carry no size of their own. Vague ones ("a pinch") are not scaled:
# a pinch of salt for 8 is still a pinch.
VAGUE_UNITS = frozenset({"pinch", "dash", "splash", "drizzle", "sprinkle", "handful", "knob", "smidgen"})

# Containers: a line like "2 x 400 g tins" counts packages of a printed size; the size wins.
CONTAINER_UNITS = frozenset(
    {"can", "tin", "jar", "pack", "packet", "package", "bag", "box", "carton", "bottle", "tub", "pot"}
)

# Unit words that mean the same thing; the value is the word shown.
UNIT_ALIASES = {
    "tin": "can",
    "cans": "can",
    "tins": "can",
    "packet": "pack",
    "package": "pack",
    "bulb": "head",
    "bulbs": "head",
}

# Plurals the word-form library (inflection) gets wrong for kitchen words.
PLURALS = {"slice": "slices", "leaf": "leaves", "loaf": "loaves", "chilli": "chillies", "half": "halves"}

AISLES = ("produce", "dairy-eggs", "meat-fish", "bakery", "pantry", "spices", "frozen", "drinks", "other")

# The aisle of a food by the words of its name; read before the food category, which the food database
# sometimes gets wrong for a cook's purpose (nutmeg is not "Fats and Oils"; fresh coriander is produce).
# The last matching word of the name wins over earlier ones ("tomato puree" is pantry, "chocolate milk"
# is dairy), and multi-word keys win over single words.
AISLE_BY_NAME = {
    "produce": """
        onion onions shallot shallots garlic carrot carrots celery potato potatoes leek leeks tomato
        tomatoes mushroom mushrooms courgette zucchini aubergine eggplant spinach lettuce
        cabbage kale broccoli cauliflower cucumber avocado lemon lemons lime limes orange oranges apple
        apples banana bananas berries strawberries raspberries blueberries ginger chilli chillies chili
        parsley coriander cilantro basil mint dill chives rocket herbs spring-onion 
        squash pumpkin beetroot radish radishes fennel asparagus sweet-potato corn-cob pear pears
        grapes mango peach plums rhubarb watercress thyme rosemary sage tarragon jalapeno jalapeño
        jalapenos cavolo-nero parsnip parsnips swede turnip turnips celeriac peas sweetcorn corn
        blackberries cherries pineapple passion-fruit pomegranate figs fig pak-choi bok-choy
        bean-sprouts lemongrass galangal edamame red-pepper red-peppers green-pepper green-peppers
        yellow-pepper yellow-peppers bell-pepper bell-peppers green-beans runner-beans broad-beans
        lemon-juice lime-juice lemon-zest lime-zest salad leaves kaffir-lime-leaves cress okra
        artichoke artichokes nectarines apricots melon kiwi clementines satsumas
    """,
    "dairy-eggs": """
        egg eggs milk butter cream yoghurt yogurt cheese parmesan cheddar mozzarella feta ricotta
        mascarpone creme-fraiche crème-fraîche buttermilk halloumi brie gruyere gruyère pecorino
        double-cream single-cream sour-cream cream-cheese stilton ghee margarine lard emmental
        manchego paneer quark custard
    """,
    "meat-fish": """
        beef pork lamb chicken turkey duck bacon pancetta ham sausage sausages mince chorizo salmon
        cod haddock tuna prawns prawn shrimp mussels fish anchovies anchovy steak veal venison
        prosciutto salami squid sardines mackerel crab scallops lobster trout sea-bass tofu tempeh
        chicken-stock-pot
    """,
    "bakery": "bread sourdough ciabatta focaccia bagels bagel crumpets loaf baguette rolls buns brioche pitta pita tortillas tortilla naan croissants",
    "pantry": """
        rice flour sugar pasta spaghetti lasagne lasagna noodles stock broth oil vinegar honey syrup
        chocolate cocoa oats lentils chickpeas beans tomato-puree tomato-paste passata chopped-tomatoes
        breadcrumbs yeast baking-powder baking-soda bicarbonate cornflour cornstarch couscous quinoa
        nuts almonds walnuts peanuts cashews pine-nuts raisins sultanas jam mustard mayonnaise ketchup
        soy-sauce sauce coconut-milk vanilla gelatine polenta semolina tahini capers olives
        sheets stock-cube water pecans hazelnuts pistachios macadamias dried-apricots dates prunes
        desiccated-coconut coconut sriracha penne fusilli rigatoni tagliatelle linguine macaroni orzo
        bulgur bulgur-wheat freekeh treacle marmalade sesame-seeds sunflower-seeds pumpkin-seeds
        chia-seeds flaxseed linseed miso miso-paste harissa pesto curry-paste gochujang mirin
        marzipan sprinkles food-colouring food-coloring bamboo-shoots water-chestnuts wrappers
        pastry puff-pastry filo shortcrust-pastry peanut-butter almond-butter sun-dried-tomatoes
        sundried-tomatoes tinned canned crackers biscuits cereal
    """,
    "spices": """
        salt pepper nutmeg cinnamon cumin paprika turmeric oregano chilli-flakes
        chili-powder curry-powder garam-masala cardamom bay-leaves bay-leaf coriander-seeds
        ground-coriander ground-ginger allspice saffron mixed-spice peppercorns garlic-powder
        onion-powder cayenne dried-herbs dried-oregano dried-thyme star-anise fennel-seeds cloves
        five-spice chinese-five-spice sumac za'atar mustard-seeds nigella-seeds fenugreek ras-el-hanout
        dried-chilli dried-mint mixed-herbs herbes-de-provence red-pepper-flakes pepper-flakes
        crushed-red-pepper
    """,
    "frozen": "frozen ice-cream ice",
    "drinks": """
        wine beer cider juice lemonade soda tonic prosecco champagne sherry brandy rum vodka gin
        sparkling-water mineral-water sake port vermouth whisky whiskey
    """,
}

# FDC food categories (Legacy and survey categories as the parser reports them) by words they contain.
# Order matters: the first match wins ("Fruits and fruit juices" is produce, not drinks).
AISLE_BY_CATEGORY = (
    ("frozen", "frozen"),
    ("spices", "spice"),
    ("spices", "herbs"),
    ("produce", "vegetable"),
    ("produce", "fruit"),
    ("produce", "tomatoes"),
    ("produce", "potato"),
    ("produce", "lettuce"),
    ("produce", "onion"),
    ("dairy-eggs", "dairy"),
    ("dairy-eggs", "egg"),
    ("dairy-eggs", "milk"),
    ("dairy-eggs", "cheese"),
    ("dairy-eggs", "yogurt"),
    ("dairy-eggs", "cream"),
    ("meat-fish", "beef"),
    ("meat-fish", "pork"),
    ("meat-fish", "poultry"),
    ("meat-fish", "chicken"),
    ("meat-fish", "turkey"),
    ("meat-fish", "lamb"),
    ("meat-fish", "fish"),
    ("meat-fish", "shellfish"),
    ("meat-fish", "sausage"),
    ("meat-fish", "meat"),
    ("bakery", "baked"),
    ("bakery", "bread"),
    ("bakery", "rolls"),
    ("drinks", "wine"),
    ("drinks", "beer"),
    ("drinks", "liquor"),
    ("drinks", "beverage"),
    ("drinks", "coffee"),
    ("drinks", "tea"),
    ("drinks", "soft drink"),
    ("pantry", "oil"),
    ("pantry", "fats"),
    ("pantry", "cereal"),
    ("pantry", "grain"),
    ("pantry", "pasta"),
    ("pantry", "rice"),
    ("pantry", "legume"),
    ("pantry", "beans"),
    ("pantry", "nut"),
    ("pantry", "seed"),
    ("pantry", "sugar"),
    ("pantry", "sweets"),
    ("pantry", "candy"),
    ("pantry", "soup"),
    ("pantry", "sauce"),
    ("pantry", "condiment"),
    ("pantry", "snack"),
)

# Parts of an FDC description that say how the food is sold or kept, not which food it is:
# "Cheese, parmesan, grated" and "Cheese, parmesan, shredded" are one food for a shopper.
FDC_STATE_PARTS = frozenset(
    {
        "raw",
        "nfs",
        "grated",
        "shredded",
        "fresh",
        "grade a",
        "large",
        "egg whole",
        "whole",
        "unenriched",
        "enriched",
        "unbleached",
        "bleached",
        "stick",
        "unsalted",
        "salted",
        "iodized",
        "table",
        "canned",
    }
)

# A yield of these is a whole thing cut to share, not a number of portions ("Makes 1 loaf", "2 pies").
YIELD_WHOLE_THINGS = frozenset(
    """
    loaf loaves cake cakes pie pies tart tarts quiche quiches batch batches jar jars tin tins tray trays
    pan pans pot pots bowl bowls litre litres liter liters quart quarts
    """.split()
)

# Number words a yield may be written in ("Serves four").
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a dozen": 12,
    "dozen": 12,
}
