"""Assertions and flows shared by the integration tests."""

from .client import open_socket, receive, receive_until
from .recipes import EXPECTED_NAMES

EXTRACTION_EVENTS = ("extraction_started", "extraction_progress", "extraction_complete")
STAGES = ("reading", "ocr", "parsing", "saving")


def completion_of(task_id: str):
    return lambda message: message.get("type") == "extraction_complete" and message.get("task_id") == task_id


def ingredient_names(ingredients: list[dict]) -> list[str]:
    return [(ingredient.get("name") or ingredient.get("text") or "").lower() for ingredient in ingredients]


def assert_recipe_ingredients(ingredients: list[dict]) -> None:
    names = ingredient_names(ingredients)
    missing = [word for word in EXPECTED_NAMES if not any(word in name for name in names)]
    assert not missing, f"ingredients {names} lack {missing}"


def assert_consecutive(messages: list[dict], after: int) -> None:
    """The event_ids of the messages are after+1, after+2, ... with no gap and no repeat."""
    ids = [message["event_id"] for message in messages]
    assert ids == list(range(after + 1, after + 1 + len(ids))), f"event ids {ids} do not follow {after}"


def upload_and_follow(
    stack,
    user,
    session_id: str,
    dish_name: str,
    filename: str,
    content: bytes,
    content_type: str = "application/octet-stream",
    timeout: float = 120,
):
    """Open the socket, upload, and collect every message up to the task's extraction_complete."""
    with open_socket(stack.ws_base_url, session_id, token=user.token) as ws:
        state = receive(ws)
        assert state["type"] == "session_state", state
        response = user.api.upload(session_id, dish_name, filename, content, content_type)
        assert response.status == 202, (response.status, response.body[:500])
        messages = receive_until(ws, completion_of(response.json()["task_id"]), timeout)
    return response, state, messages


def dish_named(session: dict, name: str) -> dict:
    matches = [dish for dish in session["dishes"] if dish["name"].lower() == name.lower()]
    assert matches, f"no dish {name!r} in {[dish['name'] for dish in session['dishes']]}"
    return matches[0]


def dish_status(dish: dict) -> str:
    return dish.get("recipe_status", dish.get("status"))
