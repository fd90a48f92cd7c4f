"""Uploads through the real stack: 202 at once, events over the socket, the result in the API."""

import pytest

from . import recipes
from .helpers import (
    EXTRACTION_EVENTS,
    STAGES,
    assert_consecutive,
    assert_recipe_ingredients,
    dish_named,
    dish_status,
    upload_and_follow,
)

pytestmark = pytest.mark.integration


def test_a_text_recipe_is_accepted_at_once_and_its_ingredients_arrive_over_the_socket(
    stack, owner, planning_session
):
    session_id = planning_session["id"]
    response, state, messages = upload_and_follow(
        stack, owner, session_id, "Lemon cake", "lemon-cake.txt", recipes.text_recipe(), "text/plain"
    )

    assert response.seconds < 1.0
    accepted = response.json()
    assert set(accepted) >= {
        "task_id",
        "status",
        "message",
        "estimated_seconds",
        "status_url",
        "websocket_url",
    }
    task_id = accepted["task_id"]
    assert accepted["status"] == "pending"
    assert accepted["status_url"].endswith(f"/api/tasks/{task_id}/")
    assert response.headers["Location"].endswith(f"/api/tasks/{task_id}/")
    assert f"/ws/{session_id}" in accepted["websocket_url"]

    assert_consecutive(messages, after=state["last_event_id"])
    extraction = [
        message
        for message in messages
        if message.get("task_id") == task_id and message["type"] in EXTRACTION_EVENTS
    ]
    kinds = [message["type"] for message in extraction]
    assert kinds[0] == "extraction_started", kinds
    assert kinds[-1] == "extraction_complete", kinds
    # A text recipe is read within PROGRESS_INTERVAL_SECONDS, so progress events are optional here.
    assert set(kinds[1:-1]) <= {"extraction_progress"}, kinds
    for message in extraction:
        assert message["dish_name"] == "Lemon cake"
    for message in extraction:
        if message["type"] == "extraction_progress":
            assert message["stage"] in STAGES
            assert 0 <= message["progress"] <= 100

    complete = extraction[-1]
    assert complete["success"] is True, complete
    assert complete["ingredient_count"] == len(complete["ingredients"]) == len(recipes.INGREDIENT_LINES)
    assert_recipe_ingredients(complete["ingredients"])
    assert "lemon drizzle cake" in complete["recipe_title"].lower()

    task = owner.api.get(f"/api/tasks/{task_id}/").json()
    assert task["status"] == "completed"
    assert task["dish_name"] == "Lemon cake"
    assert task["ingredient_count"] == len(recipes.INGREDIENT_LINES)
    assert_recipe_ingredients(task["ingredients"])
    butter = next(item for item in task["ingredients"] if "butter" in (item.get("name") or "").lower())
    assert float(butter["quantity"]) == 225
    assert butter["unit"].lower().startswith("g")

    # The upload created the dish, and its recipe is now ready.
    detail = owner.api.get(f"/api/sessions/{session_id}/").json()
    assert dish_status(dish_named(detail, "Lemon cake")) == "ready"
    assert task_id not in {task["task_id"] for task in detail["pending_extraction_tasks"]}


@pytest.mark.parametrize(
    ("filename", "make_file", "content_type"),
    [
        ("lemon-cake.pdf", recipes.text_pdf, "application/pdf"),
        ("lemon-cake-photo.png", recipes.png_photo, "image/png"),
        ("lemon-cake-scan.pdf", recipes.scanned_pdf, "application/pdf"),
    ],
    ids=["text-pdf", "png-photo", "scanned-pdf"],
)
def test_pdfs_and_photos_yield_the_recipes_ingredients(
    stack, owner, planning_session, filename, make_file, content_type
):
    response, state, messages = upload_and_follow(
        stack, owner, planning_session["id"], "Cake", filename, make_file(), content_type
    )

    complete = messages[-1]
    assert complete["success"] is True, complete
    assert_recipe_ingredients(complete["ingredients"])
    task = owner.api.get(f"/api/tasks/{response.json()['task_id']}/").json()
    assert task["status"] == "completed"
    assert_recipe_ingredients(task["ingredients"])


def test_the_upload_path_with_a_trailing_slash_works_too(owner, planning_session):
    response = owner.api.upload(
        planning_session["id"], "Soup", "soup.txt", recipes.text_recipe("Soup"), "text/plain", path_suffix="/"
    )

    assert response.status == 202, response.body[:300]
    assert owner.api.wait_for_task(response.json()["task_id"])["status"] == "completed"


@pytest.mark.parametrize(
    ("dish_name", "filename", "content", "status"),
    [
        ("Pie", None, b"", 400),
        (None, "pie.txt", b"2 apples\n", 400),
        ("P" * 500, "pie.txt", b"2 apples\n", 400),
        ("Pie", "pie.txt", b"", 400),
        ("Pie", "pie.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, 415),
        ("Pie", "pie.txt", b"PK\x03\x04" + b"\x00" * 200, 415),
        ("Pie", "pie.txt", b"a" * (5 * 1024 * 1024 + 1), 413),
    ],
    ids=["no-file", "no-dish-name", "long-dish-name", "empty-file", "elf-named-txt", "zip", "over-5-MiB"],
)
def test_a_bad_upload_is_refused_with_json_detail_and_code(
    owner, planning_session, dish_name, filename, content, status
):
    if filename is None:
        response = owner.api.request(
            "POST",
            f"/api/sessions/{planning_session['id']}/upload-recipe?dish_name={dish_name}",
            body=b'--x\r\nContent-Disposition: form-data; name="note"\r\n\r\nno file here\r\n--x--\r\n',
            headers={"Content-Type": "multipart/form-data; boundary=x"},
        )
    else:
        response = owner.api.upload(planning_session["id"], dish_name, filename, content, "text/plain")

    assert response.status == status, response.body[:300]
    body = response.json()
    assert body["detail"] and body["code"]
