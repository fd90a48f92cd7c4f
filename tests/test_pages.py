"""Server-rendered pages: the session list, the planning page and the shopping list."""

import pytest
from django.test import Client

from extraction.results import ParsedIngredient
from sessions_app import services
from sessions_app.models import Dish, Ingredient, RecipeSource
from sessions_app.selectors import shopping_list_get
from tests.conftest import make_session

pytestmark = pytest.mark.django_db


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def give_recipe(dish: Dish, lines: list[tuple[str, float | None, str, str]]) -> None:
    source = RecipeSource.objects.create(dish=dish, title=f"{dish.name} recipe")
    for position, (text, quantity, unit, name) in enumerate(lines, start=1):
        Ingredient.objects.create(
            recipe_source=source, position=position, raw_text=text, quantity=quantity, unit=unit, name=name
        )
    Dish.objects.filter(pk=dish.pk).update(recipe_status=Dish.Status.READY)


def test_pages_ask_anonymous_visitors_to_log_in(session):
    for url in ("/", f"/sessions/{session.id}/"):
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_login_page_renders_the_form():
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert b'id="id_username"' in response.content and b'id="id_password"' in response.content


def test_creating_a_session_from_the_home_page_opens_its_planning_page(user):
    client = logged_in(user)
    response = client.post("/", {"title": "Book club", "guest_count": "6", "dishes": "Quiche\nSalad\n\n"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b'data-dish="Quiche"' in page.content and b'data-dish="Salad"' in page.content
    assert b'id="upload-form"' in page.content


def test_the_planning_page_shows_each_dishs_ingredients(user, session):
    give_recipe(session.dishes.get(), [("1 l stock", 1, "litre", "stock"), ("2 leeks", 2, "", "leek")])
    page = logged_in(user).get(f"/sessions/{session.id}/")
    assert page.content.count(b'class="ingredient"') == 2
    assert b"2 leeks" in page.content


def test_someone_elses_planning_page_is_404(session, other_user):
    assert logged_in(other_user).get(f"/sessions/{session.id}/").status_code == 404


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


def test_completed_job_detail_lists_the_ingredients(api, session, monkeypatch):
    from extraction.results import Extraction
    from sessions_app.tasks import extract_recipe_job
    from tests.conftest import make_upload

    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: None)
    job = services.job_create(session=session, dish_name="Soup", upload=make_upload(), mime_type="text/plain")
    job = services.job_start(job_id=job.id, worker="w")
    line = ParsedIngredient("1 onion", 1.0, None, "", "onion", "", "", 0.9)
    extraction = Extraction("text/plain", "Onion soup", "Serves 2", [line], [], {"reading": 0.01})
    services.job_complete(job=job, extraction=extraction)
    body = api.get(f"/api/tasks/{job.id}/").json()
    assert body["status"] == "completed" and body["ingredient_count"] == 1
    assert body["recipe_title"] == "Onion soup"
    assert body["ingredients"][0]["text"] == "1 onion" and body["ingredients"][0]["name"] == "onion"
