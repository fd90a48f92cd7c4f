"""A person in a real browser: the session page updates live, and the admin shows the job."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from . import recipes
from .helpers import ingredient_names

pytestmark = pytest.mark.integration


def log_in(browser, stack, user, path: str = "/accounts/login/") -> None:
    browser.get(stack.base_url + path)
    browser.find_element(By.ID, "id_username").send_keys(user.username)
    browser.find_element(By.ID, "id_password").send_keys(user.password)
    browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
    WebDriverWait(browser, 15).until(lambda driver: "login" not in driver.current_url)


def test_the_session_page_shows_uploaded_ingredients_live_without_a_reload(browser, stack, owner, tmp_path):
    session = owner.api.create_session(title="Garden party", dishes=["Green salad"])
    recipe_file = tmp_path / "lemon-cake.txt"
    recipe_file.write_bytes(recipes.text_recipe())
    log_in(browser, stack, owner)

    browser.get(f"{stack.base_url}/sessions/{session['id']}/")
    wait = WebDriverWait(browser, 20)
    wait.until(lambda driver: driver.find_element(By.ID, "ws-status").text.strip().lower() == "connected")
    browser.execute_script("window.notReloaded = true;")
    form = browser.find_element(By.CSS_SELECTOR, "form#upload-form")
    form.find_element(By.CSS_SELECTOR, "input[name=dish_name]").send_keys("Lemon cake")
    form.find_element(By.CSS_SELECTOR, "input[type=file][name=file]").send_keys(str(recipe_file))
    form.find_element(By.CSS_SELECTOR, "[type=submit]").click()

    selector = '#dishes [data-dish="Lemon cake"] li.ingredient'
    WebDriverWait(browser, 120).until(
        lambda driver: len(driver.find_elements(By.CSS_SELECTOR, selector)) >= len(recipes.INGREDIENT_LINES)
    )
    shown = [{"text": item.text} for item in browser.find_elements(By.CSS_SELECTOR, selector)]
    for word in recipes.EXPECTED_NAMES:
        assert any(word in name for name in ingredient_names(shown)), (word, shown)
    assert browser.execute_script("return window.notReloaded === true;"), "the page was reloaded"
    assert browser.find_element(By.ID, "ws-status").text.strip().lower() == "connected"


def test_the_admin_lists_the_extraction_job(browser, stack, owner):
    session = owner.api.create_session(title="Admin check")
    response = owner.api.upload(session["id"], "Tart", "tart.txt", recipes.text_recipe("Tart"), "text/plain")
    assert response.status == 202
    task_id = response.json()["task_id"]

    log_in(browser, stack, owner, "/admin/login/")
    browser.get(f"{stack.base_url}/admin/sessions_app/extractionjob/")
    WebDriverWait(browser, 15).until(expected_conditions.presence_of_element_located((By.ID, "result_list")))
    assert task_id in browser.page_source

    browser.get(f"{stack.base_url}/admin/sessions_app/extractionjob/{task_id}/change/")
    assert "tart.txt" in browser.page_source
