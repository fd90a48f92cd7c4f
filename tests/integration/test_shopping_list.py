"""The shopping list against the real stack and parser: a worker fills it, a tick reaches every open tab,
and the FDC foods the unit tests assume are what the parser gives."""

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from . import recipes
from .pages import log_in, open_session

pytestmark = pytest.mark.integration


def test_a_worker_fills_the_list_with_foods_in_their_aisles(owner):
    session = owner.api.create_session(title="Cake sale")
    response = owner.api.upload(session["id"], "Lemon cake", "cake.txt", recipes.text_recipe(), "text/plain")
    task = owner.api.wait_for_task(response.json()["task_id"])
    assert task["status"] == "completed", task

    body = owner.api.get(f"/api/sessions/{session['id']}/shopping-list/").json()
    rows = {item["name"]: (item["display"], item["aisle"]) for item in body["items"]}
    # Serves 8 for 8 guests: the amounts as printed, in their aisles.
    assert rows == {
        "lemons": ("2", "produce"),
        "unsalted butter": ("225 g", "dairy-eggs"),
        "eggs": ("4", "dairy-eggs"),
        "caster sugar": ("225 g", "pantry"),
        "self-raising flour": ("275 g", "pantry"),
    }, rows


def test_a_tick_in_one_tab_shows_in_another_without_a_reload(browser, stack, owner):
    session = owner.api.create_session(title="Two tabs")
    response = owner.api.upload(session["id"], "Lemon cake", "cake.txt", recipes.text_recipe(), "text/plain")
    assert owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    open_session(browser, stack.base_url, session["id"])
    second = browser.current_window_handle
    browser.execute_script("window.notReloaded = true;")

    browser.switch_to.window(first)
    heading = browser.find_element(By.ID, "shopping-list-heading")
    assert heading.text == "Shopping list"
    eggs = browser.find_element(By.CSS_SELECTOR, "#shopping-list input[type=checkbox][value=egg]")
    label = browser.find_element(By.CSS_SELECTOR, "label[for=shop-egg]")
    assert label.text == "4 eggs" and not eggs.is_selected()
    eggs.click()

    browser.switch_to.window(second)
    # The live update swaps the list in: a box found just before the swap is gone when it is asked.
    WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: driver.find_element(By.ID, "shop-egg").is_selected(), "the tick never reached the tab"
    )
    assert browser.execute_script("return window.notReloaded === true;"), "the page was reloaded"
    ticked = owner.api.get(f"/api/sessions/{session['id']}/shopping-list/").json()["items"]
    assert [item["key"] for item in ticked if item["checked"]] == ["egg"]


def test_the_parser_matches_the_dinners_foods_as_the_tables_record():
    """The FDC foods tests/shopping_parsed.py records are what ingredient-parser-nlp gives (the data takes
    the parser 10–30 s to load, so this check lives with the slow tests)."""
    from extraction.parsing import line_details
    from tests.shopping_parsed import PARSED
    from tests.test_shopping_list import DINNER

    for _, _, texts in DINNER:
        for text in texts:
            details = line_details(text, foundation_foods=True)
            assert (details.food, details.food_category) == PARSED[text][4:6], text
