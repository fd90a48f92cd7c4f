"""Screenshots of the main pages at desktop and phone width, for the README: `python -m tests.integration.screenshots`.

Starts a throw-away stack (as the integration tests do), fills a session through the API and the page, and
writes PNGs to docs/screenshots/.
"""

import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from . import recipes
from .client import Api
from .conftest import CHROMEDRIVER, CHROMIUM
from .pages import LIVE, field, log_in, phone_photo, upload, wait_for_dish, wait_for_status, write
from .stack import REPO_ROOT, Stack

OUT = REPO_ROOT / "docs" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 390}


class Person:
    """The demo login the screenshots are taken as."""

    username = "ana"
    password = "a-demo-password-1"


def chromium(folder: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={folder / 'profile'}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def shoot(browser: webdriver.Chrome, name: str, width: int) -> Path:
    """The whole page at this CSS width, as a person on that screen would scroll through it."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    time.sleep(0.4)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": width < 600},
    )
    time.sleep(0.3)
    path = OUT / f"{name}-{width}.png"
    browser.save_screenshot(str(path))
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, Stack(Path(tmp) / "stack") as stack:
        folder = Path(tmp)
        token = stack.ensure_user(Person.username, Person.password, superuser=False)
        api = Api(stack.base_url, token)
        session = api.create_session(title="Midsummer garden party", dishes=["Green salad", "Bread"])
        page = f"{stack.base_url}/sessions/{session['id']}/"
        browser = chromium(folder)
        try:
            for name, path in (("login", "/accounts/login/"), ("signup", "/accounts/signup/")):
                browser.get(stack.base_url + path)
                for width in WIDTHS.values():
                    shoot(browser, name, width)
            log_in(browser, stack.base_url, Person)
            browser.get(page)
            wait_for_status(browser, LIVE)
            upload(browser, "Lemon cake", write(folder, "lemon-cake.txt", recipes.text_recipe()))
            upload(browser, "Potato salad", write(folder, "note.txt", b"Call Sam about the chairs.\n"))
            wait_for_dish(browser, "Lemon cake", "Ready")
            wait_for_dish(browser, "Potato salad", "Failed")
            upload(browser, "Lemon tart", write(folder, "IMG_2041.jpg", phone_photo()))
            wait_for_dish(browser, "Lemon tart", "Extracting", timeout=30)
            # Messages clear themselves after a few seconds; keep only the newest, as a person would see.
            browser.execute_script(
                "const all = document.querySelectorAll('#messages .message');"
                "all.forEach((m, i) => { if (i < all.length - 1) m.remove(); });"
            )
            for width in (*WIDTHS.values(), 360):  # and the narrowest phone the page is held to
                shoot(browser, "session", width)
            wait_for_dish(browser, "Lemon tart", "Ready")
            browser.get(stack.base_url + "/")
            field(browser, "Title")  # the page is there
            for width in WIDTHS.values():
                shoot(browser, "sessions", width)
            browser.get(stack.base_url + "/accounts/")
            browser.find_element(By.ID, "api-token")
            for width in WIDTHS.values():
                shoot(browser, "account", width)
        finally:
            browser.quit()
    print(f"screenshots written to {OUT.relative_to(REPO_ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
