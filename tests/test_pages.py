"""Server-rendered pages: accounts, the session list, the planning page, its fragments and its forms."""

import os
import re

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token

from extraction.filetypes import unsupported_sentence
from extraction.results import Extraction, ParsedIngredient
from sessions_app import services
from sessions_app.models import Dish, ExtractionJob, Ingredient, PlanningSession, RecipeSource
from sessions_app.selectors import shopping_list_get
from sessions_app.templatetags.cooking import cook_number, cook_unit
from tests.conftest import RECIPE_TEXT, make_session, make_upload

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def give_recipe(dish: Dish, lines: list[tuple[str, float | None, str, str]], **source_fields) -> RecipeSource:
    source = RecipeSource.objects.create(dish=dish, title=f"{dish.name} recipe", **source_fields)
    for position, (text, quantity, unit, name) in enumerate(lines, start=1):
        Ingredient.objects.create(
            recipe_source=source, position=position, raw_text=text, quantity=quantity, unit=unit, name=name
        )
    Dish.objects.filter(pk=dish.pk).update(recipe_status=Dish.Status.READY)
    return source


def comparable(element) -> bytes:
    """An element's markup without what legitimately differs between two responses."""
    element.tail = None
    for token in element.xpath(".//input[@name='csrfmiddlewaretoken']"):
        token.attrib["value"] = ""  # masked afresh on every response
    return lxml.html.tostring(element)


def same_region(page: str, element_id: str, fragment: str) -> bool:
    """Whether the page's element with this id holds exactly the fragment's markup, once both are parsed."""
    shown = lxml.html.fromstring(page).get_element_by_id(element_id)
    container = f'<{shown.tag} id="{element_id}">{fragment}</{shown.tag}>'
    if shown.tag == "tbody":
        container = f"<table>{container}</table>"
    served = lxml.html.fromstring(f"<div>{container}</div>").get_element_by_id(element_id)
    shown.attrib.clear()
    served.attrib.clear()
    return comparable(shown) == comparable(served)


def started_job(session, dish_name="Soup", enqueued=None) -> ExtractionJob:
    job = services.job_create(
        session=session, dish_name=dish_name, upload=make_upload(), mime_type="text/plain"
    )
    return services.job_start(job_id=job.id, worker="w")


# -- accounts ---------------------------------------------------------------------------------------------


def test_pages_ask_anonymous_visitors_to_log_in(session):
    for url in ("/", f"/sessions/{session.id}/", "/accounts/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_login_page_has_the_named_fields_and_links_to_sign_up_and_password_reset():
    page = Client().get("/accounts/login/").content.decode()
    assert 'id="id_username"' in page and 'id="id_password"' in page
    assert ">Log in</button>" in page
    assert 'href="/accounts/signup/"' in page and 'href="/accounts/password_reset/"' in page


def test_signing_up_logs_the_new_person_in_and_opens_their_sessions():
    client = Client()
    page = client.get("/accounts/signup/").content.decode()
    for label in ("Username", "Password", "Password confirmation"):
        assert f">{label}:</label>" in page
    response = client.post(
        "/accounts/signup/",
        {"username": "newhost", "password1": "a-long-password-9", "password2": "a-long-password-9"},
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert User.objects.filter(username="newhost").exists()


def test_password_reset_mail_is_sent_with_a_working_link(user):
    user.email = "host@example.com"
    user.save()
    client = Client()
    response = client.post("/accounts/password_reset/", {"email": "host@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"new_password1": "another-pass-77", "new_password2": "another-pass-77"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another-pass-77")


def test_the_account_page_shows_the_api_token(user):
    page = logged_in(user).get("/accounts/").content.decode()
    assert Token.objects.get(user=user).key in page


def test_logging_out_takes_a_post(user):
    client = logged_in(user)
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_staff_see_admin_and_flower_links_and_others_do_not(user, settings):
    settings.FLOWER_URL = "http://flower.example/"
    page = logged_in(user).get("/").content.decode()
    assert "flower.example" not in page and "/admin/" not in page
    user.is_staff = True
    user.save()
    page = logged_in(user).get("/").content.decode()
    assert 'href="http://flower.example/"' in page and 'href="/admin/"' in page


# -- the session list -------------------------------------------------------------------------------------


def test_creating_a_session_from_the_home_page_opens_its_planning_page(user):
    client = logged_in(user)
    page = client.get("/").content.decode()
    for label in ("Title", "Date", "Guests", "Dishes"):
        assert f">{label}:</label>" in page
    response = client.post(
        "/",
        {"title": "Book club", "event_date": "2026-05-01", "guest_count": "6", "dishes": "Quiche\nSalad\n\n"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<h1>Book club</h1>" in page
    assert 'data-dish-name="Quiche"' in page and 'data-dish-name="Salad"' in page


def test_editing_a_session_changes_its_details_and_tells_watchers(user, session):
    client = logged_in(user)
    response = client.post(
        f"/sessions/{session.id}/edit/",
        {"title": "Saturday lunch", "event_date": "2026-06-06", "guest_count": "12"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, str(session.event_date), session.guest_count) == (
        "Saturday lunch",
        "2026-06-06",
        12,
    )
    assert session.events.last().payload == {"change": "session_edited"}


def test_deleting_a_session_asks_first_then_removes_it_with_its_files(
    user, session, enqueued, django_capture_on_commit_callbacks
):
    job = services.job_create(session=session, dish_name="Soup", upload=make_upload(), mime_type="text/plain")
    stored = job.file.path
    client = logged_in(user)
    confirm = client.get(f"/sessions/{session.id}/delete/")
    assert confirm.status_code == 200 and b"Delete session</button>" in confirm.content
    assert PlanningSession.objects.filter(pk=session.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/sessions/{session.id}/delete/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert not PlanningSession.objects.filter(pk=session.pk).exists()
    assert not os.path.exists(stored)


def test_someone_elses_pages_and_fragments_are_404(session, other_user):
    client = logged_in(other_user)
    dish = session.dishes.get()
    for url in (
        f"/sessions/{session.id}/",
        f"/sessions/{session.id}/edit/",
        f"/sessions/{session.id}/delete/",
        f"/sessions/{session.id}/fragments/dishes",
        f"/sessions/{session.id}/dishes/{dish.id}/fragment",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/sessions/{session.id}/dishes/{dish.id}/remove/").status_code == 404
    assert Dish.objects.filter(pk=dish.pk).exists()


# -- the planning page ------------------------------------------------------------------------------------


def test_the_planning_page_has_the_named_controls(user, session):
    page = logged_in(user).get(f"/sessions/{session.id}/").content.decode()
    assert '<label for="dish-name">Dish</label>' in page
    assert '<label for="recipe-file">Recipe file</label>' in page and "multiple" in page
    assert ">Upload</button>" in page
    assert '<label for="new-dish">New dish</label>' in page and ">Add dish</button>" in page
    assert ">Shopping list</h2>" in page and ">Uploads</h2>" in page
    assert 'aria-live="polite"' in page
    assert ">Rename</button>" in page and ">Remove</button>" in page


def test_the_planning_page_builds_every_url_from_django(user, session, settings):
    settings.FORCE_SCRIPT_NAME = "/planner"
    from django.urls import set_script_prefix

    set_script_prefix("/planner/")
    try:
        page = logged_in(user).get(f"/sessions/{session.id}/").content.decode()
    finally:
        set_script_prefix("/")
    assert f'data-ws-path="/planner/ws/{session.id}"' in page
    assert f'data-upload-url="/planner/api/sessions/{session.id}/upload-recipe"' in page
    script = open("sessions_app/static/recipeplanner/session.js").read()
    assert "/api/" not in script and "/ws/" not in script


def test_ingredients_are_a_table_with_cook_quantities_notes_and_the_original_line(user, session):
    dish = session.dishes.get()
    source = give_recipe(dish, [], yields="Serves 4–6")
    Ingredient.objects.create(
        recipe_source=source,
        position=1,
        raw_text="1 1/2 cups milk, warmed",
        quantity=1.5,
        unit="cup",
        name="milk",
        preparation="warmed",
    )
    Ingredient.objects.create(
        recipe_source=source, position=2, raw_text="2-3 leeks", quantity=2, quantity_max=3, name="leeks"
    )
    page = logged_in(user).get(f"/sessions/{session.id}/").content.decode()
    for header in ("Quantity", "Unit", "Ingredient", "Notes"):
        assert f'<th scope="col">{header}</th>' in page
    assert '<td class="quantity">1½</td>' in page and '<td class="quantity">2–3</td>' in page
    assert '<td class="notes">warmed</td>' in page
    assert "As written: 1 1/2 cups milk, warmed" in page
    assert "Soup recipe" in page and "Serves 4–6" in page
    assert '<span class="state state-ready">Ready</span>' in page


def test_group_headings_are_rows_of_their_own(user, session):
    dish = session.dishes.get()
    source = give_recipe(dish, [("200 g flour", 200, "g", "flour"), ("1 egg", 1, "", "egg")])
    ingredients = list(source.ingredients.all())
    # Set on the objects the template gets, whether or not the model stores `group` yet.
    ingredients[0].group, ingredients[1].group = "", "To assemble"
    from django.template.loader import render_to_string

    dish.latest_job = None
    dish.recipe_source._prefetched_objects_cache = {"ingredients": ingredients}
    html = render_to_string("sessions/_dish.html", {"dish": dish, "session": session})
    assert html.count('<tr class="group">') == 1
    assert html.index("flour") < html.index("To assemble") < html.index(">egg<")


@pytest.mark.parametrize(
    "value, written",
    [
        (1.5, "1½"),
        (0.25, "¼"),
        (2.0, "2"),
        (0.333, "⅓"),
        (2.6667, "2⅔"),
        (0.3, "0.3"),
        (225, "225"),
        (None, ""),
    ],
)
def test_quantities_are_written_as_a_cook_writes_them(value, written):
    assert cook_number(value) == written


@pytest.mark.parametrize(
    "unit, quantity, written",
    [
        ("gram", 250.0, "g"),
        ("kilogram", 1.5, "kg"),
        ("milliliter", 500.0, "ml"),
        ("tablespoon", 1.0, "tbsp"),
        ("teaspoon", 2.0, "tsp"),
        ("ounce", 8.0, "oz"),
        ("pound", 1.0, "lb"),
        ("fluid_ounce", 3.0, "fl oz"),
        ("cup", 1.0, "cup"),
        ("cup", 2.0, "cups"),
        ("cloves", 3.0, "cloves"),
        ("tins", 2.0, "tins"),
        ("", 2.0, ""),
    ],
)
def test_units_are_written_as_a_cook_writes_them(unit, quantity, written):
    ingredient = Ingredient(unit=unit, quantity=quantity)
    assert cook_unit(ingredient) == written


def test_the_ingredients_table_writes_units_as_symbols(user, session):
    give_recipe(
        session.dishes.get(),
        [("250g butter", 250, "gram", "butter"), ("2 cups flour", 2, "cup", "flour")],
    )
    page = lxml.html.fromstring(logged_in(user).get(f"/sessions/{session.id}/").content)
    assert [cell.text_content() for cell in page.xpath("//td[@class='unit']")] == ["g", "cups"]


def test_a_running_extraction_shows_a_progress_bar_with_its_stage_and_a_cancel_button(
    user, session, enqueued
):
    job = started_job(session)
    services.job_progress(job=job, stage="parsing", progress=60)
    page = logged_in(user).get(f"/sessions/{session.id}/").content.decode()
    assert '<progress max="100" value="60"' in page
    assert "Finding the ingredients" in page
    assert ">Cancel</button>" in page and "Extracting</span>" in page


def test_a_failed_dish_shows_the_reason_and_a_retry_button(user, session, enqueued):
    job = started_job(session)
    services.job_fail(
        job=job, error="We could not find a list of ingredients in this file.", code="no_ingredients"
    )
    page = logged_in(user).get(f"/sessions/{session.id}/").content.decode()
    assert "Failed</span>" in page and "We could not find a list of ingredients" in page
    assert ">Retry</button>" in page
    response = logged_in(user).post(
        f"/sessions/{session.id}/uploads/{job.id}/retry/", HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200 and "again" in response.json()["message"]
    job.refresh_from_db()
    assert job.status == "pending"


def test_cancelling_from_the_page_settles_the_dish(user, session, enqueued):
    job = started_job(session)
    response = logged_in(user).post(f"/sessions/{session.id}/uploads/{job.id}/cancel/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == "cancelled"


def test_each_region_fragment_is_what_the_page_shows(user, session, enqueued):
    give_recipe(session.dishes.get(), [("1 l stock", 1, "litre", "stock"), ("2 leeks", 2, "", "leek")])
    services.job_create(session=session, dish_name="Bread", upload=make_upload(), mime_type="text/plain")
    client = logged_in(user)
    page = client.get(f"/sessions/{session.id}/").content.decode()
    for part, element_id in (
        ("summary", "session-summary"),
        ("dishes", "dishes"),
        ("uploads", "uploads-rows"),
    ):
        fragment = client.get(f"/sessions/{session.id}/fragments/{part}").content.decode()
        assert same_region(page, element_id, fragment), part
    # The shopping list partial is the whole card.
    card = client.get(f"/sessions/{session.id}/fragments/shopping-list").content.decode()
    shown = lxml.html.fromstring(page).get_element_by_id("shopping-list")
    assert comparable(shown) == comparable(lxml.html.fragment_fromstring(card.strip()))
    dish = session.dishes.get(name="Soup")
    article = client.get(f"/sessions/{session.id}/dishes/{dish.id}/fragment").content.decode()
    shown = lxml.html.fromstring(page).get_element_by_id(f"dish-{dish.id}")
    assert comparable(shown) == comparable(lxml.html.fragment_fromstring(article.strip()))


def test_adding_renaming_and_removing_a_dish(user, session):
    client = logged_in(user)
    response = client.post(
        f"/sessions/{session.id}/dishes/add/", {"name": "Trifle"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    again = client.post(
        f"/sessions/{session.id}/dishes/add/", {"name": "trifle"}, HTTP_ACCEPT="application/json"
    )
    assert again.status_code == 409 and "already" in again.json()["message"]
    trifle = session.dishes.get(name="Trifle")
    rename_page = client.get(f"/sessions/{session.id}/dishes/{trifle.id}/rename/").content.decode()
    assert ">Rename</button>" in rename_page
    client.post(f"/sessions/{session.id}/dishes/{trifle.id}/rename/", {"name": "Sherry trifle"})
    trifle.refresh_from_db()
    assert trifle.name == "Sherry trifle"
    taken = client.post(f"/sessions/{session.id}/dishes/{trifle.id}/rename/", {"name": "soup"})
    assert taken.status_code == 200 and "already in this session" in taken.content.decode()
    client.post(f"/sessions/{session.id}/dishes/{trifle.id}/remove/")
    assert not session.dishes.filter(pk=trifle.pk).exists()
    changes = [event.payload["change"] for event in session.events.order_by("seq")]
    assert changes == ["dish_added", "dish_renamed", "dish_removed"]


# -- the upload form without JavaScript -------------------------------------------------------------------


def test_the_upload_form_posts_without_javascript_and_the_page_shows_the_jobs(
    user, session, enqueued, django_capture_on_commit_callbacks
):
    client = logged_in(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/sessions/{session.id}/upload/",
            {
                "dish_name": "Pancakes",
                "file": [make_upload(), make_upload(RECIPE_TEXT.encode() + b"\n", name="second.txt")],
            },
        )
    assert response.status_code == 302 and response["Location"] == f"/sessions/{session.id}/"
    assert len(enqueued) == 2
    page = client.get(response["Location"]).content.decode()
    assert "pancakes.txt" in page and "second.txt" in page
    assert "Uploaded “pancakes.txt”, “second.txt” for Pancakes" in page
    assert 'data-dish-name="Pancakes"' in page and "Extracting</span>" in page


def test_the_upload_form_explains_a_refused_file_in_a_sentence(user, session, enqueued):
    client = logged_in(user)
    response = client.post(
        f"/sessions/{session.id}/upload/",
        {"dish_name": "Soup", "file": make_upload(b"\x00\x01\x02MZ binary", name="tool.exe")},
        follow=True,
    )
    # The sentence of the one allowlist, as the API gives it.
    assert f"“tool.exe” was not uploaded. {unsupported_sentence()[:40]}" in response.content.decode()
    assert not enqueued


def test_the_upload_form_refuses_a_file_over_the_limit(user, session, enqueued, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = logged_in(user).post(
        f"/sessions/{session.id}/upload/",
        {"dish_name": "Soup", "file": make_upload(b"1 onion\n" * 200, name="big.txt")},
        follow=True,
    )
    assert "larger than the" in response.content.decode()
    assert not enqueued


def test_the_upload_form_keeps_to_the_upload_rate(user, session, enqueued, settings):
    settings.UPLOAD_THROTTLE_RATE = "1/minute"
    client = logged_in(user)
    client.post(f"/sessions/{session.id}/upload/", {"dish_name": "Soup", "file": make_upload()})
    response = client.post(
        f"/sessions/{session.id}/upload/", {"dish_name": "Soup", "file": make_upload()}, follow=True
    )
    assert "faster than the limit allows" in response.content.decode()


def test_the_upload_form_still_checks_csrf(user, session, enqueued):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(f"/sessions/{session.id}/upload/", {"dish_name": "Soup", "file": make_upload()})
    assert response.status_code == 403 and not enqueued


# -- shopping list (today's) ------------------------------------------------------------------------------


def test_shopping_list_adds_compatible_units_and_keeps_the_rest_apart(user):
    session = make_session(user, dishes=("Soup", "Pie"))
    soup, pie = session.dishes.order_by("name").reverse()
    give_recipe(soup, [("1 cup milk", 1, "cup", "milk"), ("2 onions", 2, "", "onion")])
    give_recipe(
        pie, [("100 ml milk", 100, "ml", "Milk"), ("1 onion", 1, "", "onion"), ("salt", None, "", "salt")]
    )
    items = {item["name"]: item for item in shopping_list_get(session=session)["items"]}
    milk = items["milk"]
    assert (milk["quantity"], milk["unit"], milk["display"]) == (340, "ml", "340 ml")
    assert items["milk"]["dishes"] == ["Pie", "Soup"]
    assert (items["onions"]["quantity"], items["onions"]["display"]) == (3, "3")
    assert items["salt"]["quantity"] is None and items["salt"]["display"] == ""


def test_shopping_list_endpoint_returns_the_merged_items(api, session):
    give_recipe(session.dishes.get(), [("2 tbsp butter", 2, "tablespoon", "butter")])
    body = api.get(f"/api/sessions/{session.id}/shopping-list/").json()
    assert body["items"] == [
        {
            "key": "butter",
            "name": "butter",
            "quantity": 2,
            "quantity_max": None,
            "unit": "tbsp",
            "display": "2 tbsp",
            "aisle": "dairy-eggs",
            "dishes": ["Soup"],
            "lines": ["2 tbsp butter"],
            "scaled": True,
            "checked": False,
            "manual": False,
        }
    ]


def test_completed_job_detail_lists_the_ingredients(api, session, enqueued):
    job = started_job(session)
    line = ParsedIngredient("1 onion", 1.0, None, "", "onion", "", "", 0.9)
    extraction = Extraction("text/plain", "Onion soup", "Serves 2", [line], [], {"reading": 0.01})
    services.job_complete(job=job, extraction=extraction)
    body = api.get(f"/api/tasks/{job.id}/").json()
    assert body["status"] == "completed" and body["ingredient_count"] == 1
    assert body["recipe_title"] == "Onion soup"
    assert body["ingredients"][0]["text"] == "1 onion" and body["ingredients"][0]["name"] == "onion"


# -- admin ------------------------------------------------------------------------------------------------


def test_the_admin_job_page_downloads_the_stored_file_for_staff_only(user, other_user, session, enqueued):
    job = started_job(session)
    services.job_complete(
        job=job, extraction=Extraction("text/plain", "", "", [], [], {"reading": 0.012, "parsing": 0.3})
    )
    user.is_staff = user.is_superuser = True
    user.save()
    staff = logged_in(user)
    page = staff.get(f"/admin/sessions_app/extractionjob/{job.id}/change/").content.decode()
    download = f"/admin/sessions_app/extractionjob/{job.id}/download/"
    assert f'href="{download}"' in page
    assert "0.30 s" in page and "parsing" in page
    response = staff.get(download)
    assert response.status_code == 200 and b"".join(response.streaming_content) == RECIPE_TEXT.encode()
    assert response["Content-Type"] == "application/octet-stream"
    assert "attachment" in response["Content-Disposition"]
    assert logged_in(other_user).get(download).status_code == 302  # not staff: the admin's login
    assert staff.get("/admin/sessions_app/dish/").status_code == 200
