"""A person in a real browser (Debian's Chromium) against the real stack: the issue's list, one test each."""

import re
import urllib.request

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from extraction.filetypes import unsupported_sentence

from . import recipes
from .pages import (
    EXTRACTION_TIMEOUT,
    LIVE,
    OFFLINE,
    RECONNECTING,
    RECORDER,
    assert_recipe_rows,
    button,
    dish_state,
    dish_text,
    field,
    horizontal_overflow,
    ingredient_rows,
    live_status,
    log_in,
    not_reloaded,
    open_session,
    phone_photo,
    region_text,
    seen,
    settled,
    shopping_text,
    upload,
    wait_for_dish,
    wait_for_status,
    wait_until,
    write,
)
from .proxy import Proxy

pytestmark = pytest.mark.integration

NOT_A_RECIPE = b"Dear Sam,\n\nThanks for a lovely evening. See you at the match on Saturday!\n\nBest, Alex\n"


@pytest.fixture
def proxy(stack):
    """A proxy in front of daphne that a test can make drop or refuse connections."""
    with Proxy(stack.http_port) as running:
        yield running


def test_a_new_person_signs_up_and_creates_a_session(browser, stack):
    browser.get(stack.base_url + "/accounts/login/")
    browser.find_element(By.LINK_TEXT, "Sign up").click()
    field(browser, "Username").send_keys("newcomer")
    field(browser, "Password").send_keys("a-fine-long-password-42")
    field(browser, "Password confirmation").send_keys("a-fine-long-password-42")
    button(browser, "Sign up").click()
    WebDriverWait(browser, 20).until(lambda driver: "signup" not in driver.current_url)

    field(browser, "Title").send_keys("Harvest supper")
    browser.execute_script("arguments[0].value = '2026-10-03';", field(browser, "Date"))
    field(browser, "Guests").send_keys("10")
    field(browser, "Dishes").send_keys("Pumpkin soup\nApple crumble")
    button(browser, "Create session").click()

    WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
        # The summary region is swapped when the change arrives: the h1 may go stale under the read.
        lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "Harvest supper"
    )
    assert dish_state(browser, "Pumpkin soup") == "Promised"
    assert dish_state(browser, "Apple crumble") == "Promised"
    wait_for_status(browser, LIVE)
    browser.get(stack.base_url + "/")
    assert browser.find_element(By.LINK_TEXT, "Harvest supper")


def test_a_text_recipe_a_pdf_and_a_phone_photo_upload_through_the_form(browser, stack, owner, tmp_path):
    session = owner.api.create_session(title="Three ways")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    files = {
        "Cake from text": write(tmp_path, "lemon-cake.txt", recipes.text_recipe()),
        "Cake from a PDF": write(tmp_path, "lemon-cake.pdf", recipes.text_pdf()),
        "Cake from a photo": write(tmp_path, "IMG_2041.jpg", phone_photo()),
    }
    for dish, path in files.items():
        upload(browser, dish, path)
        # The form clears at once and a row for the file is there before the worker has finished.
        assert field(browser, "Dish").get_attribute("value") == ""
        WebDriverWait(browser, 10).until(
            lambda driver, name=path.name: name in region_text(driver, "uploads-rows")
        )
    for dish in files:
        wait_for_dish(browser, dish, "Ready")
        assert_recipe_rows(browser, dish)
    uploads = region_text(browser, "uploads-rows")
    assert uploads.count("Completed") == 3, uploads
    assert not_reloaded(browser)


def test_progress_then_the_ingredient_table_and_the_shopping_list_arrive_without_a_reload(
    browser, stack, owner, tmp_path
):
    session = owner.api.create_session(title="Watch it land")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    assert "butter" not in shopping_text(browser)

    upload(browser, "Lemon cake", write(tmp_path, "lemon-photo.jpg", phone_photo()))
    wait_for_dish(browser, "Lemon cake", "Ready")

    progress = seen(browser)["progress"]
    assert progress, "no progress bar was shown while the photo was read"
    assert any(re.search(r"[A-Za-z]", entry) for entry in progress), progress  # the stage is named
    rows = ingredient_rows(browser, "Lemon cake")
    assert_recipe_rows(browser, "Lemon cake")
    butter = next(row for row in rows if "butter" in row["Ingredient"].lower())
    assert butter["Quantity"] == "225" and butter["Notes"] == "softened"
    text = dish_text(browser, "Lemon cake")
    assert "Lemon Drizzle Cake" in text and "Serves 8" in text
    WebDriverWait(browser, 10).until(lambda driver: "butter" in shopping_text(driver))
    assert any("Lemon cake: the recipe is read" in message for message in seen(browser)["messages"])
    # The message clears itself.
    WebDriverWait(browser, 20).until(
        lambda driver: "the recipe is read" not in region_text(driver, "messages")
    )
    assert not_reloaded(browser)


def test_a_dish_can_be_added_while_an_extraction_runs(browser, stack, owner, tmp_path):
    session = owner.api.create_session(title="Busy kitchen")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    upload(browser, "Lemon cake", write(tmp_path, "lemon.jpg", phone_photo()))
    wait_for_dish(browser, "Lemon cake", "Extracting", timeout=20)

    field(browser, "New dish").send_keys("Fruit salad")
    button(browser, "Add dish").click()
    wait_for_dish(browser, "Fruit salad", "Promised", timeout=20)
    assert field(browser, "New dish").get_attribute("value") == ""
    # And upload more meanwhile.
    upload(browser, "Fruit salad", write(tmp_path, "fruit.txt", recipes.text_recipe("Fruit salad")))
    wait_for_dish(browser, "Fruit salad", "Ready")
    wait_for_dish(browser, "Lemon cake", "Ready")
    assert not_reloaded(browser)


def test_a_bad_file_is_explained_in_a_sentence(browser, stack, owner, proxy, tmp_path):
    session = owner.api.create_session(title="Oops")
    log_in(browser, proxy.base_url, owner)
    open_session(browser, proxy.base_url, session["id"])

    def refused(sentence: str) -> None:
        WebDriverWait(browser, 20).until(
            lambda driver: sentence in region_text(driver, "upload-queue"), f"never said: {sentence}"
        )
        assert any(sentence in message for message in seen(browser)["messages"])

    upload(browser, "Salad", write(tmp_path, "setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50))
    refused(f"“setup.exe” was not uploaded. {unsupported_sentence()[:40]}")
    upload(browser, "Salad", write(tmp_path, "huge-scan.pdf", b"%PDF-1.4\n" + b"0" * (6 * 1024 * 1024)))
    refused("“huge-scan.pdf” was not uploaded: it is larger than the 5 MiB limit.")
    proxy.go_offline()
    upload(browser, "Salad", write(tmp_path, "salad.txt", recipes.text_recipe("Salad")))
    refused("“salad.txt” was not uploaded: the server could not be reached.")
    proxy.go_online()
    # A refused file's row stays until dismissed.
    button(browser.find_element(By.ID, "upload-queue"), "Dismiss").click()
    assert "setup.exe" not in region_text(browser, "upload-queue")

    upload(browser, "Salad", write(tmp_path, "letter.txt", NOT_A_RECIPE))
    wait_for_dish(browser, "Salad", "Failed")
    reason = dish_text(browser, "Salad", ".error")
    assert reason.endswith((".", "?")) and len(reason.split()) > 4, reason
    assert "Retry" in dish_text(browser, "Salad", ".actions")
    assert reason in region_text(browser, "uploads-rows")


def test_a_completion_while_the_socket_was_down_appears_once_after_it_reconnects(
    browser, stack, owner, proxy, tmp_path
):
    session = owner.api.create_session(title="Sleepy laptop")
    log_in(browser, proxy.base_url, owner)
    open_session(browser, proxy.base_url, session["id"])

    # A blip during an extraction: the page reconnects straight away and resumes from its last event.
    upload(browser, "Lemon cake", write(tmp_path, "lemon.jpg", phone_photo()))
    wait_for_dish(browser, "Lemon cake", "Extracting", timeout=30)
    proxy.drop_websockets()
    wait_until(lambda: RECONNECTING in seen(browser)["live"], 10, "the page never said it was reconnecting")
    wait_for_status(browser, LIVE, timeout=20)
    wait_for_dish(browser, "Lemon cake", "Ready")
    assert len(ingredient_rows(browser, "Lemon cake")) == len(recipes.INGREDIENT_LINES)

    # The lid closes (no socket, no polling) while another recipe is read, then opens again.
    proxy.go_offline()
    response = owner.api.upload(session["id"], "Lemon tart", "tart.txt", recipes.text_recipe(), "text/plain")
    assert (
        owner.api.wait_for_task(response.json()["task_id"], timeout=EXTRACTION_TIMEOUT)["status"]
        == "completed"
    )
    assert dish_state(browser, "Lemon tart") is None
    proxy.go_online()
    wait_for_dish(browser, "Lemon tart", "Ready", timeout=60)
    assert len(ingredient_rows(browser, "Lemon tart")) == len(recipes.INGREDIENT_LINES)
    wait_for_status(browser, LIVE, timeout=60)

    messages = seen(browser)["messages"]
    for dish in ("Lemon cake", "Lemon tart"):
        announced = [message for message in messages if f"{dish}: the recipe is read" in message]
        assert len(announced) == 1, messages
    assert not_reloaded(browser)


def test_with_the_socket_blocked_the_page_polls_and_still_shows_the_result(
    browser, stack, owner, proxy, tmp_path
):
    proxy.block_websockets = True
    session = owner.api.create_session(title="Strict proxy")
    log_in(browser, proxy.base_url, owner)
    open_session(browser, proxy.base_url, session["id"], status=OFFLINE)
    upload(browser, "Lemon cake", write(tmp_path, "lemon.txt", recipes.text_recipe()))
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
    assert_recipe_rows(browser, "Lemon cake")
    WebDriverWait(browser, 20).until(lambda driver: "butter" in shopping_text(driver))
    assert live_status(browser) == OFFLINE
    assert proxy.websocket_attempts >= 2, "the page stopped trying the socket"
    assert not_reloaded(browser)


def test_two_tabs_both_update(browser, stack, owner):
    session = owner.api.create_session(title="Two tabs")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    first = browser.current_window_handle
    browser.switch_to.new_window("tab")
    open_session(browser, stack.base_url, session["id"])
    second = browser.current_window_handle

    response = owner.api.upload(session["id"], "Lemon cake", "lemon.txt", recipes.text_recipe(), "text/plain")
    assert response.status == 202
    owner.api.post(f"/api/sessions/{session['id']}/dishes/", {"name": "Bread"})
    for handle in (second, first):
        browser.switch_to.window(handle)
        wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
        assert_recipe_rows(browser, "Lemon cake")
        wait_for_dish(browser, "Bread", "Promised", timeout=20)
        assert not_reloaded(browser)

    # A rename and an edit of the event made in one tab show in the other.
    browser.switch_to.window(first)
    settled(
        lambda: button(
            browser.find_element(By.XPATH, "//article[.//h3[normalize-space()='Bread']]"), "Rename"
        ).click()
    )
    WebDriverWait(browser, 20).until(lambda driver: "/rename/" in driver.current_url)
    name = field(browser, "New name")
    name.clear()
    name.send_keys("Sourdough")
    button(browser, "Rename").click()
    wait_for_dish(browser, "Sourdough", "Promised", timeout=20)
    browser.find_element(By.LINK_TEXT, "Edit event").click()
    WebDriverWait(browser, 20).until(lambda driver: "/edit/" in driver.current_url)
    title = field(browser, "Title")
    title.clear()
    title.send_keys("Two tabs, one party")
    button(browser, "Save changes").click()
    WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
        # The summary region is swapped when the change arrives: the h1 may go stale under the read.
        lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "Two tabs, one party"
    )

    browser.switch_to.window(second)
    wait_for_dish(browser, "Sourdough", "Promised", timeout=20)
    assert dish_state(browser, "Bread") is None
    WebDriverWait(browser, 20, ignored_exceptions=(StaleElementReferenceException,)).until(
        # The summary region is swapped when the change arrives: the h1 may go stale under the read.
        lambda driver: driver.find_element(By.TAG_NAME, "h1").text == "Two tabs, one party"
    )
    assert not_reloaded(browser)


def test_uploading_at_360_px_leaves_no_horizontal_scroll(browser, stack, owner, tmp_path):
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 360, "height": 780, "deviceScaleFactor": 2, "mobile": True},
    )
    session = owner.api.create_session(title="A long event title that has to wrap on a small phone screen")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    assert browser.execute_script("return document.documentElement.clientWidth") == 360
    upload(
        browser,
        "Lemon drizzle cake with a rather long dish name",
        write(tmp_path, "a-very-long-file-name-for-a-lemon-drizzle-cake-recipe.txt", recipes.text_recipe()),
    )
    upload(browser, "Salad", write(tmp_path, "letter.txt", NOT_A_RECIPE))
    upload(browser, "Salad", write(tmp_path, "tool.exe", b"MZ\x90\x00" * 100))
    wait_for_dish(browser, "Lemon drizzle cake with a rather long dish name", "Ready", timeout=90)
    wait_for_dish(browser, "Salad", "Failed", timeout=90)
    assert horizontal_overflow(browser) == []
    browser.refresh()
    wait_for_dish(browser, "Salad", "Failed", timeout=20)
    assert horizontal_overflow(browser) == []


def test_the_upload_form_works_without_javascript(browser, stack, owner, tmp_path):
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    session = owner.api.create_session(title="No scripts")
    log_in(browser, stack.base_url, owner)
    browser.get(f"{stack.base_url}/sessions/{session['id']}/")
    assert "js" not in (browser.find_element(By.TAG_NAME, "html").get_attribute("class") or "")
    upload(browser, "Lemon cake", write(tmp_path, "lemon.txt", recipes.text_recipe()))

    WebDriverWait(browser, 20).until(lambda driver: "lemon.txt" in region_text(driver, "uploads-rows"))
    assert browser.current_url == f"{stack.base_url}/sessions/{session['id']}/"
    assert "Uploaded “lemon.txt” for Lemon cake" in region_text(browser, "messages")

    def ready_after_reload(driver):
        driver.refresh()
        return dish_state(driver, "Lemon cake") == "Ready"

    WebDriverWait(browser, 90, poll_frequency=1).until(ready_after_reload)
    assert_recipe_rows(browser, "Lemon cake")
    assert "Completed" in region_text(browser, "uploads-rows")


def test_the_page_reads_the_same_live_and_after_a_reload(browser, stack, owner, tmp_path):
    session = owner.api.create_session(title="One rendering", dishes=["Green salad"])
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    upload(browser, "Lemon cake", write(tmp_path, "lemon.txt", recipes.text_recipe()))
    upload(browser, "Soup", write(tmp_path, "letter.txt", NOT_A_RECIPE))
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
    wait_for_dish(browser, "Soup", "Failed", timeout=90)
    WebDriverWait(browser, 20).until(lambda driver: "butter" in shopping_text(driver))
    WebDriverWait(browser, 20).until(lambda driver: region_text(driver, "upload-queue") == "")
    assert not_reloaded(browser)
    regions = ("session-summary", "dishes", "shopping-list", "uploads-rows")
    live = {region: region_text(browser, region) for region in regions}

    browser.refresh()
    browser.execute_script(RECORDER)
    wait_for_status(browser, LIVE)
    reloaded = {region: region_text(browser, region) for region in regions}
    assert reloaded == live
    assert "We could not find" in live["dishes"] or "Failed" in live["dishes"]


def test_the_admin_job_page_downloads_the_stored_file_and_lists_dishes(browser, stack, owner):
    session = owner.api.create_session(title="Admin check")
    response = owner.api.upload(session["id"], "Tart", "tart.txt", recipes.text_recipe("Tart"), "text/plain")
    assert response.status == 202
    task_id = response.json()["task_id"]
    owner.api.wait_for_task(task_id)

    log_in(browser, stack.base_url, owner, "/admin/login/")
    browser.get(f"{stack.base_url}/admin/sessions_app/extractionjob/")
    WebDriverWait(browser, 15).until(expected_conditions.presence_of_element_located((By.ID, "result_list")))
    assert task_id in browser.page_source

    browser.get(f"{stack.base_url}/admin/sessions_app/extractionjob/{task_id}/change/")
    assert "tart.txt" in browser.page_source and "Timings per stage" in browser.page_source
    cookies = "; ".join(f"{cookie['name']}={cookie['value']}" for cookie in browser.get_cookies())
    for link in browser.find_elements(By.CSS_SELECTOR, "#content a[href]"):
        href = link.get_attribute("href")
        if not href.startswith(stack.base_url) or "logout" in href:
            continue
        request = urllib.request.Request(href, headers={"Cookie": cookies})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as answer:
            assert answer.status == 200, href
            if "/download/" in href:
                assert answer.read() == recipes.text_recipe("Tart")

    browser.get(f"{stack.base_url}/admin/sessions_app/dish/")
    assert "Tart" in browser.page_source


@pytest.fixture(scope="module")
def subpath_stack(tmp_path_factory):
    """A second stack serving the app under /planner, as behind a proxy that passes the prefix through."""
    from .stack import Stack

    with Stack(
        tmp_path_factory.mktemp("subpath"), worker_concurrency=1, env={"FORCE_SCRIPT_NAME": "/planner"}
    ) as running:
        yield running


def test_the_app_works_under_a_sub_path(browser, subpath_stack, tmp_path):
    from .client import Api
    from .conftest import User

    base_url = subpath_stack.base_url + "/planner"
    token = subpath_stack.ensure_user("subhost", "a-sub-path-password-1", superuser=False)
    user = User("subhost", "a-sub-path-password-1", token, Api(base_url, token))
    session = user.api.create_session(title="Under a prefix")
    log_in(browser, base_url, user)
    open_session(browser, base_url, session["id"])
    upload(browser, "Lemon cake", write(tmp_path, "lemon.txt", recipes.text_recipe()))
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
    assert_recipe_rows(browser, "Lemon cake")
    assert live_status(browser) == LIVE
    stylesheet = browser.execute_script("return document.querySelector('link[rel=stylesheet]').href")
    assert stylesheet.startswith(base_url + "/static/")
    assert browser.execute_script("return getComputedStyle(document.body).fontFamily") != "Times New Roman"


def test_a_dish_can_be_added_and_removed_with_the_keyboard_alone(browser, stack, owner):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    session = owner.api.create_session(title="Keys only", dishes=["Bread"])
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    keys = ActionChains(browser)

    def tab_to(target_id: str, limit: int = 60) -> None:
        # By id: the live page may swap the element for a fresh rendering of itself meanwhile.
        for _ in range(limit):
            if browser.switch_to.active_element.get_attribute("id") == target_id:
                return
            keys.send_keys(Keys.TAB).perform()
        raise AssertionError(f"Tab never reached #{target_id}")

    tab_to(field(browser, "New dish").get_attribute("id"))
    keys.send_keys("Trifle", Keys.ENTER).perform()
    wait_for_dish(browser, "Trifle", "Promised", timeout=20)

    trifle = "//article[.//h3[normalize-space()='Trifle']]"
    tab_to(settled(lambda: button(browser.find_element(By.XPATH, trifle), "Remove").get_attribute("id")))
    keys.send_keys(Keys.ENTER).perform()
    WebDriverWait(browser, 20).until(lambda driver: dish_state(driver, "Trifle") is None)
    # Focus is not lost with the removed dish: it lands on the Dishes heading.
    assert browser.switch_to.active_element.get_attribute("id") == "dishes-heading"
    assert dish_state(browser, "Bread") == "Promised"


def test_files_dragged_onto_the_form_upload(browser, stack, owner):
    session = owner.api.create_session(title="Drag and drop")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    browser.execute_script(
        """
        const transfer = new DataTransfer();
        transfer.items.add(new File([arguments[0]], "dropped-cake.txt", {type: "text/plain"}));
        const zone = document.getElementById("drop-zone");
        for (const type of ["dragenter", "dragover", "drop"]) {
          zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }
        """,
        recipes.text_recipe().decode(),
    )
    assert (
        browser.execute_script("return document.getElementById('recipe-file').files[0].name")
        == "dropped-cake.txt"
    )
    field(browser, "Dish").send_keys("Lemon cake")
    button(browser, "Upload").click()
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
    assert_recipe_rows(browser, "Lemon cake")


def test_cancel_while_extracting_and_retry_after_a_failure(browser, stack, owner, tmp_path):
    session = owner.api.create_session(title="Second thoughts")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    photo = write(tmp_path, "lemon.jpg", phone_photo())
    for attempt in range(1, 4):
        # The photo is read in seconds; should it finish before the click, try again with another dish.
        dish = f"Lemon cake {attempt}"
        upload(browser, dish, photo)
        wait_for_dish(browser, dish, "Extracting", timeout=30)
        try:
            article = browser.find_element(By.XPATH, f"//article[.//h3[normalize-space()='{dish}']]")
            button(article, "Cancel").click()
        except (NoSuchElementException, StaleElementReferenceException):
            continue
        WebDriverWait(browser, 30).until(
            lambda driver, dish=dish: dish_state(driver, dish) in ("Promised", "Ready")
        )
        if dish_state(browser, dish) == "Promised":
            break
    assert dish_state(browser, dish) == "Promised"
    WebDriverWait(browser, 20).until(lambda driver: "Cancelled" in region_text(driver, "uploads-rows"))

    upload(browser, "Soup", write(tmp_path, "letter.txt", NOT_A_RECIPE))
    wait_for_dish(browser, "Soup", "Failed", timeout=90)
    tasks = owner.api.get(f"/api/sessions/{session['id']}/tasks/").json()
    soup = next(task for task in tasks if task["dish_name"] == "Soup")
    settled(
        lambda: button(
            browser.find_element(By.XPATH, "//article[.//h3[normalize-space()='Soup']]"), "Retry"
        ).click()
    )
    WebDriverWait(browser, 20).until(lambda driver: any("again" in m for m in seen(driver)["messages"]))
    # The same job runs again (no new upload) and fails again, live.
    again = owner.api.wait_for_task(soup["task_id"], timeout=90)
    assert again["status"] == "failed" and again["attempts"] == 1
    wait_for_dish(browser, "Soup", "Failed", timeout=30)
    assert len(owner.api.get(f"/api/sessions/{session['id']}/tasks/").json()) == len(tasks)
    assert not_reloaded(browser)


def test_every_control_is_named_and_all_text_has_aa_contrast(browser, stack, owner, tmp_path):
    from .pages import accessibility_problems

    browser.get(stack.base_url + "/accounts/login/")
    assert accessibility_problems(browser) == []
    browser.get(stack.base_url + "/accounts/signup/")
    assert accessibility_problems(browser) == []
    session = owner.api.create_session(title="Readable", dishes=["Bread"])
    log_in(browser, stack.base_url, owner)
    assert accessibility_problems(browser) == []  # the sessions list
    open_session(browser, stack.base_url, session["id"])
    upload(browser, "Lemon cake", write(tmp_path, "lemon.txt", recipes.text_recipe()))
    upload(browser, "Soup", write(tmp_path, "letter.txt", NOT_A_RECIPE))
    upload(browser, "Soup", write(tmp_path, "tool.exe", b"MZ\x90\x00" * 100))
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
    wait_for_dish(browser, "Soup", "Failed", timeout=90)
    assert accessibility_problems(browser) == []
    browser.get(stack.base_url + "/accounts/")
    assert accessibility_problems(browser) == []


def test_a_socket_that_opens_but_carries_nothing_falls_back_to_polling(
    browser, stack, owner, proxy, tmp_path
):
    proxy.mute_websockets = True
    session = owner.api.create_session(title="Silent proxy")
    log_in(browser, proxy.base_url, owner)
    open_session(browser, proxy.base_url, session["id"], status=OFFLINE)
    assert LIVE not in seen(browser)["live"]
    upload(browser, "Lemon cake", write(tmp_path, "lemon.txt", recipes.text_recipe()))
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=90)
    assert_recipe_rows(browser, "Lemon cake")
    proxy.mute_websockets = False
    wait_for_status(browser, LIVE, timeout=40)  # and it keeps trying the socket


def test_the_browser_going_offline_and_back_catches_up(browser, stack, owner):
    session = owner.api.create_session(title="Train tunnel")
    log_in(browser, stack.base_url, owner)
    open_session(browser, stack.base_url, session["id"])
    browser.execute_cdp_cmd("Network.enable", {})

    def network(offline: bool) -> None:
        browser.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )

    network(True)
    wait_until(lambda: live_status(browser) != LIVE, 10, "the page still says Live with the network gone")
    response = owner.api.upload(session["id"], "Lemon cake", "lemon.txt", recipes.text_recipe(), "text/plain")
    assert owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"
    network(False)
    wait_for_dish(browser, "Lemon cake", "Ready", timeout=60)
    assert len(ingredient_rows(browser, "Lemon cake")) == len(recipes.INGREDIENT_LINES)
    wait_for_status(browser, LIVE, timeout=30)
    announced = [
        message for message in seen(browser)["messages"] if "Lemon cake: the recipe is read" in message
    ]
    assert len(announced) == 1, seen(browser)["messages"]
