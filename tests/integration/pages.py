"""How the browser tests use the pages: by the labels, roles and words of DESIGN §9, as a person would."""

import io
import time
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from . import recipes

LIVE = "Live"
RECONNECTING = "Reconnecting…"
OFFLINE = "Offline – checking every few seconds"
# OCR of a photo on a busy two-core machine takes a while; text and PDFs are quicker.
EXTRACTION_TIMEOUT = 180

# Installed on the session page: remembers every message the live region showed and every text the
# connection indicator had, and whether a progress bar ever appeared, so a test can look back.
RECORDER = """
window.seen = {messages: [], live: [], progress: []};
const note = () => {
  const live = document.getElementById("live-status");
  if (live && window.seen.live[window.seen.live.length - 1] !== live.textContent) window.seen.live.push(live.textContent);
  for (const bar of document.querySelectorAll("article.dish progress")) {
    const label = document.getElementById(bar.getAttribute("aria-labelledby"));
    window.seen.progress.push((label ? label.textContent : "") + " " + (bar.getAttribute("value") || ""));
  }
};
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) {
    if (node.nodeType === 1 && node.matches(".message")) window.seen.messages.push(node.textContent);
  }
}).observe(document.getElementById("messages"), {childList: true});
new MutationObserver(note).observe(document.body, {childList: true, subtree: true, characterData: true});
note();
window.notReloaded = true;
"""


def field(browser: WebDriver, label: str) -> WebElement:
    """The form control whose <label> reads `label` (a trailing colon is allowed)."""
    labels = browser.find_elements(By.XPATH, f"//label[normalize-space(translate(., ':', ''))='{label}']")
    assert len(labels) == 1, f"{len(labels)} labels read {label!r}"
    return browser.find_element(By.ID, labels[0].get_attribute("for"))


def button(scope, name: str) -> WebElement:
    return scope.find_element(By.XPATH, f".//button[normalize-space()='{name}']")


def log_in(browser: WebDriver, base_url: str, user, path: str = "/accounts/login/") -> None:
    browser.get(base_url + path)
    field(browser, "Username").send_keys(user.username)
    field(browser, "Password").send_keys(user.password)
    browser.find_element(By.CSS_SELECTOR, "form [type=submit]").click()
    WebDriverWait(browser, 20).until(lambda driver: "login" not in driver.current_url)


def open_session(browser: WebDriver, base_url: str, session_id: str, *, status: str | None = LIVE) -> None:
    """Open the planning page, wait for the connection indicator to say `status`, start the recorder."""
    browser.get(f"{base_url}/sessions/{session_id}/")
    browser.execute_script(RECORDER)
    if status:
        wait_for_status(browser, status)


def live_status(browser: WebDriver) -> str:
    return browser.find_element(By.ID, "live-status").text.strip()


def wait_for_status(browser: WebDriver, status: str, timeout: float = 30) -> None:
    WebDriverWait(browser, timeout).until(
        lambda driver: live_status(driver) == status, f"the indicator never said {status!r}"
    )


def upload(browser: WebDriver, dish: str, *paths: Path) -> None:
    """Fill the upload form (dish typed or picked, one or several files) and press Upload."""
    dish_input = field(browser, "Dish")
    dish_input.clear()
    dish_input.send_keys(dish)
    field(browser, "Recipe file").send_keys("\n".join(str(path) for path in paths))
    button(browser, "Upload").click()


def dish_article(browser: WebDriver, name: str) -> WebElement | None:
    articles = [
        article
        for article in browser.find_elements(By.CSS_SELECTOR, "article")
        if article.find_element(By.CSS_SELECTOR, "h3").text.strip().lower() == name.lower()
    ]
    assert len(articles) <= 1, f"{len(articles)} articles for {name!r}"
    return articles[0] if articles else None


def dish_state(browser: WebDriver, name: str) -> str | None:
    def read():
        article = dish_article(browser, name)
        return article.find_element(By.CSS_SELECTOR, ".state").text.strip() if article else None

    return settled(read)


def wait_for_dish(
    browser: WebDriver, name: str, state: str, timeout: float = EXTRACTION_TIMEOUT
) -> WebElement:
    """Wait until the dish's article shows the state word, retrying through swaps of the article."""

    def reached(driver):
        try:
            return dish_state(driver, name) == state
        except Exception:  # the article was swapped while being read
            return False

    WebDriverWait(browser, timeout, poll_frequency=0.3).until(reached, f"{name} never became {state}")


def dish_text(browser: WebDriver, name: str, selector: str | None = None) -> str:
    """The visible text of the dish's article, or of one element in it."""

    def read():
        article = dish_article(browser, name)
        return (article.find_element(By.CSS_SELECTOR, selector) if selector else article).text

    return settled(read)


def settled(read, attempts: int = 10):
    """read() again when the element it holds was swapped for a fresh rendering while being read."""
    for _ in range(attempts - 1):
        try:
            return read()
        except StaleElementReferenceException:
            time.sleep(0.2)
    return read()


def ingredient_rows(browser: WebDriver, dish: str) -> list[dict[str, str]]:
    """The rows of the dish's ingredient table as {header: cell text}."""
    return settled(lambda: _rows(dish_article(browser, dish)))


def _rows(article: WebElement) -> list[dict[str, str]]:
    table = article.find_element(By.CSS_SELECTOR, "table")
    headers = [cell.text.strip() for cell in table.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers == ["Quantity", "Unit", "Ingredient", "Notes"], headers
    rows = []
    for row in table.find_elements(By.CSS_SELECTOR, "tbody tr.ingredient"):
        cells = [cell.text.strip() for cell in row.find_elements(By.CSS_SELECTOR, "td")]
        rows.append(dict(zip(headers, cells, strict=True)))
    return rows


def assert_recipe_rows(browser: WebDriver, dish: str) -> None:
    names = " | ".join(row["Ingredient"].lower() for row in ingredient_rows(browser, dish))
    missing = [word for word in recipes.EXPECTED_NAMES if word not in names]
    assert not missing, f"the table ({names}) lacks {missing}"


def region_text(browser: WebDriver, element_id: str) -> str:
    return settled(lambda: browser.find_element(By.ID, element_id).text)


def shopping_text(browser: WebDriver) -> str:
    return region_text(browser, "shopping-list").lower()


def seen(browser: WebDriver) -> dict:
    return browser.execute_script("return window.seen;")


def not_reloaded(browser: WebDriver) -> bool:
    return browser.execute_script("return window.notReloaded === true;")


def horizontal_overflow(browser: WebDriver) -> list[str]:
    """The page, and every card or table, that is wider than its box (the page scrolls sideways or clips)."""
    return browser.execute_script(
        """
        const wide = [];
        const root = document.documentElement;
        if (root.scrollWidth > root.clientWidth) wide.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
        for (const el of document.querySelectorAll(".card, table, article, form")) {
          if (el.scrollWidth > el.clientWidth + 1) wide.push(`${el.tagName}#${el.id}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
          if (el.getBoundingClientRect().right > root.clientWidth + 1) wide.push(`${el.tagName}#${el.id} sticks out`);
        }
        return wide;
        """
    )


def wait_until(condition, timeout: float, message: str, interval: float = 0.3) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(message)


def phone_photo() -> bytes:
    """The recipe as a phone's JPEG."""
    out = io.BytesIO()
    recipes.recipe_image().convert("RGB").save(out, format="JPEG", quality=88)
    return out.getvalue()


def write(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


# WCAG 2.1 AA: 4.5:1 for text, 3:1 for large text (24 px, or 18.66 px bold). Every control has a name,
# and no id is used twice (labels and aria references point at ids).
A11Y_CHECK = """
const problems = [];
const rgb = (text) => (text.match(/[\\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => {
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const background = (el) => {
  for (let node = el; node; node = node.parentElement) {
    const color = rgb(getComputedStyle(node).backgroundColor);
    if (color.length === 3 || (color.length === 4 && color[3] > 0.9)) return color.slice(0, 3);
  }
  return [255, 255, 255];
};
for (const el of document.querySelectorAll("body *")) {
  const style = getComputedStyle(el);
  if (style.display === "none" || style.visibility === "hidden" || el.closest("[hidden]")) continue;
  const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
  if (ownText && el.getClientRects().length && !el.closest(".visually-hidden, .skip-link")) {
    const fg = rgb(style.color).slice(0, 3);
    const [a, b] = [luminance(fg), luminance(background(el))].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}: ${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 40)}"`);
  }
}
for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
  if (el.closest("[hidden]") || getComputedStyle(el).display === "none") continue;
  const labelled = (el.id && document.querySelector(`label[for="${el.id}"]`)) || el.closest("label")
    || el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")
    || (el.tagName === "BUTTON" && el.textContent.trim());
  if (!labelled) problems.push(`no name: ${el.outerHTML.slice(0, 80)}`);
}
const ids = new Map();
for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) || 0) + 1);
for (const [id, count] of ids) if (count > 1) problems.push(`id used ${count} times: ${id}`);
return problems;
"""


def accessibility_problems(browser: WebDriver) -> list[str]:
    """Text below WCAG AA contrast, controls without a name and repeated ids, on the page as it is now."""
    return browser.execute_script(A11Y_CHECK)
