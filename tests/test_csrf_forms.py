"""CSRF on every form: each POST form the pages render, found by walking the pages' links, is refused
without its token (403, nothing in the database or the upload folder changed) and taken with it.

The walk starts at the home page logged in, and at the log-in page and a password-reset link logged out;
it follows every link to a page of this app (not the API, the admin or a file export). Each form is sent
from a fresh copy of its page, inside a transaction rolled back afterwards, so one form's effect (a deleted
session, a log-out) never hides another. Forms Django's admin renders are Django's and are not walked.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from sessions_app import services
from sessions_app.models import Dish
from tests.conftest import RECIPE_TEXT, make_session, make_upload, make_user
from tests.test_pages import give_recipe, started_job

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
NOT_WALKED = re.compile(r"^/(api|admin|static)/|/logout/$|[?&]format=")
MAX_PAGES = 200


@dataclass
class Target:
    """One way a form posts: from the page at `entry` (GET, redirects followed), the `index`th POST form,
    sent to `action` (its own, or a button's formaction) with the fields the page filled in."""

    entry: str
    logged_in: bool
    index: int
    action: str

    @property
    def name(self) -> str:
        return resolve(urlsplit(self.action).path).url_name


@pytest.fixture
def world(tmp_path, enqueued):
    """A host with a session showing every kind of form: a cooked dish (the shopping list's ticks), an item
    added by hand (its Remove button), a running upload (Cancel) and a failed one (Retry)."""
    host = make_user("host")
    session = make_session(host, dishes=("Soup", "Salad"))
    give_recipe(Dish.objects.get(session=session, name="Soup"), [("2 onions", 2, "", "onion")])
    services.shopping_item_add(session=session, text="napkins")
    started_job(session, dish_name="Salad")
    failed = started_job(session, dish_name="Cake")
    services.job_fail(
        job=failed, error="We could not find a list of ingredients in this file.", code="no_ingredients"
    )
    return {"host": host, "session": session}


def _reset_link(user) -> str:
    """The link of a password-reset mail (valid until the user logs in again or changes the password)."""
    user.refresh_from_db()
    return f"/accounts/reset/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"


def _client(user=None) -> Client:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def _page(client: Client, url: str) -> tuple[str, lxml.html.HtmlElement | None]:
    """The final URL and the parsed page after following redirects; no page when it is not HTML."""
    response = client.get(url, follow=True)
    final = response.redirect_chain[-1][0] if response.redirect_chain else url
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return final, None
    return urljoin(url, final), lxml.html.fromstring(
        response.content.decode(), base_url="http://testserver" + url
    )


def _post_forms(page: lxml.html.HtmlElement) -> list[lxml.html.FormElement]:
    return [form for form in page.forms if (form.get("method") or "get").lower() == "post"]


def _walk(client: Client, starts: list[str], logged_in: bool) -> list[Target]:
    """Every POST form (and each button that posts it elsewhere) on the pages reachable from `starts`."""
    seen_pages: set[str] = set()
    queue = list(starts)
    targets: list[Target] = []
    while queue and len(seen_pages) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen_pages:
            continue
        seen_pages.add(url)
        final, page = _page(client, url)
        if page is None:
            continue
        for index, form in enumerate(_post_forms(page)):
            action = urlsplit(urljoin(final, form.get("action") or final)).path
            targets.append(Target(url, logged_in, index, action))
            for button in form.xpath(".//button[@formaction]"):
                targets.append(
                    Target(url, logged_in, index, urlsplit(urljoin(final, button.get("formaction"))).path)
                )
        # Links, and forms that only GET a page (the dish's Rename button).
        hrefs = page.xpath("//a/@href") + [
            form.get("action") or final
            for form in page.forms
            if (form.get("method") or "get").lower() == "get"
        ]
        for href in hrefs:
            path = urlsplit(urljoin(final, href))
            link = path.path + (f"?{path.query}" if path.query else "")
            if path.netloc not in ("", "testserver") or NOT_WALKED.search(link) or link in seen_pages:
                continue
            try:
                resolve(path.path)
            except Resolver404:
                continue
            queue.append(link)
    unique: dict[str, Target] = {}
    for target in targets:
        unique.setdefault(target.action, target)
    return list(unique.values())


def _fields(form: lxml.html.FormElement, action: str, with_token: bool) -> dict:
    """What a browser sends for the form: its filled-in fields, a file for a file input, a name where a
    required text field is empty; the CSRF token only when asked."""
    data: dict[str, list] = {}
    for name, value in form.form_values():
        if name == "csrfmiddlewaretoken" and not with_token:
            continue
        data.setdefault(name, []).append(value)
    for field in form.xpath(".//input[@name]|.//textarea[@name]"):
        name, kind = field.get("name"), (field.get("type") or "text").lower()
        if kind == "file":
            data[name] = [make_upload(RECIPE_TEXT.encode(), name="pancakes.txt")]
        elif kind in ("text", "password", "email", "search", "textarea") and not any(data.get(name, [])):
            data[name] = ["an-other-long-pw-42" if kind == "password" else "Lemon tart"]
    return data


def _form(client: Client, target: Target) -> lxml.html.FormElement:
    final, page = _page(client, target.entry)
    assert page is not None, target
    return _post_forms(page)[target.index]


def _snapshot() -> dict:
    """Every row of every table, and the files under MEDIA_ROOT."""
    rows = {model._meta.label: list(model.objects.order_by("pk").values()) for model in apps.get_models()}
    media = Path(django_settings.MEDIA_ROOT)
    rows["files"] = sorted(str(path) for path in media.rglob("*")) if media.exists() else []
    return rows


def _templates_post_targets() -> set[str]:
    """The URL names the templates post to: each POST form's action and each button's formaction; a form
    without an action posts to its own page, named by the view that renders the template."""
    own_page = {
        "registration/password_reset_form.html": "password_reset",
        "registration/password_reset_confirm.html": "password_reset_confirm",
        "registration/password_change_form.html": "password_change",
        "sessions/session_edit.html": "session-edit",
        "sessions/session_delete.html": "session-delete",
        "sessions/dish_rename.html": "dish-rename",
    }
    names: set[str] = set()
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        for form in re.findall(r"<form\b[^>]*>", text):
            if 'method="post"' not in form:
                continue
            named = re.search(r"action=\"\{% url '([\w-]+)'", form)
            names.add(named.group(1) if named else own_page[str(template.relative_to(TEMPLATES))])
        names.update(re.findall(r"formaction=\"\{% url '([\w-]+)'", text))
    return names


def test_every_post_form_is_refused_without_its_csrf_token_and_taken_with_it(world):
    host = world["host"]
    targets = _walk(_client(host), ["/"], logged_in=True)
    # After the logged-in walk: logging in makes earlier reset links invalid.
    targets += _walk(_client(), ["/accounts/login/", _reset_link(host)], logged_in=False)
    # The walk reached every form the templates hold (so a new form cannot go unchecked).
    expected = _templates_post_targets()
    assert len(expected) >= 19, expected
    assert {target.name for target in targets} >= expected, expected - {target.name for target in targets}

    for target in targets:
        with transaction.atomic():
            client = _client(host if target.logged_in else None)
            form = _form(client, target)
            before = _snapshot()
            refused = client.post(target.action, _fields(form, target.action, with_token=False))
            assert refused.status_code == 403, (target, refused.status_code)
            assert b"CSRF" in refused.content, target
            assert _snapshot() == before, f"{target} changed something without its token"

            form = _form(client, target)
            taken = client.post(target.action, _fields(form, target.action, with_token=True))
            assert taken.status_code != 403 and taken.status_code < 500, (target, taken.status_code)
            transaction.set_rollback(True)
