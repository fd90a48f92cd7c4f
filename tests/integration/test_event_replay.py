"""The socket's delivery guarantees: snapshot first, replay after a reconnect, order under load, idle sockets."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from . import recipes
from .client import open_socket, receive, receive_all, receive_until
from .helpers import (
    EXTRACTION_EVENTS,
    assert_consecutive,
    assert_recipe_ingredients,
    completion_of,
    dish_named,
    dish_status,
    upload_and_follow,
)

pytestmark = pytest.mark.integration


def test_a_socket_without_last_event_id_first_receives_the_session_state(stack, owner, planning_session):
    with open_socket(stack.ws_base_url, planning_session["id"], token=owner.token) as ws:
        state = receive(ws)

    assert state["type"] == "session_state"
    assert isinstance(state["last_event_id"], int)
    assert isinstance(state["pending_tasks"], list)


def test_reconnecting_with_last_event_id_replays_exactly_the_missed_events_once_in_order(
    stack, owner, planning_session
):
    session_id = planning_session["id"]
    _, state, seen_live = upload_and_follow(
        stack, owner, session_id, "Lemon cake", "one.txt", recipes.text_recipe(), "text/plain"
    )
    # While no socket is open, a second recipe is extracted.
    response = owner.api.upload(session_id, "Second cake", "two.txt", recipes.text_recipe(), "text/plain")
    missed_task = response.json()["task_id"]
    assert owner.api.wait_for_task(missed_task)["status"] == "completed"

    # Resume from the middle of what was seen: the rest of it and everything missed, once each, in order.
    resume_after = seen_live[1]["event_id"]
    with open_socket(stack.ws_base_url, session_id, token=owner.token, last_event_id=resume_after) as ws:
        replayed = receive_all(ws, quiet=2.0)

    assert replayed, "nothing was replayed"
    assert all(message["type"] != "session_state" for message in replayed)
    assert_consecutive(replayed, after=resume_after)
    by_id = {message["event_id"]: message for message in replayed}
    for message in seen_live:
        if message["event_id"] > resume_after:
            assert by_id[message["event_id"]] == message
    missed = [
        message
        for message in replayed
        if message.get("task_id") == missed_task and message["type"] in EXTRACTION_EVENTS
    ]
    assert [message["type"] for message in missed][0] == "extraction_started"
    assert sum(message["type"] == "extraction_complete" for message in missed) == 1
    assert missed[-1]["type"] == "extraction_complete" and missed[-1]["success"] is True
    assert_recipe_ingredients(missed[-1]["ingredients"])

    # Resuming from the last event replays nothing.
    with open_socket(
        stack.ws_base_url, session_id, token=owner.token, last_event_id=replayed[-1]["event_id"]
    ) as ws:
        assert receive_all(ws, quiet=1.5) == []


def test_twenty_concurrent_uploads_to_twenty_dishes_of_one_session_all_complete(
    stack, owner, planning_session
):
    session_id = planning_session["id"]
    dishes = [f"Dish {number:02d}" for number in range(1, 21)]

    with open_socket(stack.ws_base_url, session_id, token=owner.token) as ws:
        state = receive(ws)
        with ThreadPoolExecutor(max_workers=20) as pool:
            responses = list(
                pool.map(
                    lambda dish: owner.api.upload(
                        session_id, dish, f"{dish}.txt", recipes.text_recipe(dish), "text/plain"
                    ),
                    dishes,
                )
            )
        assert [response.status for response in responses] == [202] * 20, [r.body[:200] for r in responses]
        task_ids = {response.json()["task_id"] for response in responses}
        assert len(task_ids) == 20

        done: set[str] = set()
        live = receive_until(
            ws,
            lambda message: (
                message.get("type") == "extraction_complete"
                and done.add(message["task_id"]) is None
                and done >= task_ids
            ),
            timeout=240,
        )

    assert_consecutive(live, after=state["last_event_id"])
    completions = [message for message in live if message["type"] == "extraction_complete"]
    assert sorted(message["task_id"] for message in completions) == sorted(task_ids)
    assert all(message["success"] for message in completions), [m for m in completions if not m["success"]]

    detail = owner.api.get(f"/api/sessions/{session_id}/").json()
    for dish in dishes:
        assert dish_status(dish_named(detail, dish)) == "ready"
        source = dish_named(detail, dish).get("recipe_source") or {}
        assert len(source.get("ingredients", [])) == len(recipes.INGREDIENT_LINES)
    assert detail["pending_extraction_tasks"] == []

    # The whole history: 1..N, no gaps, each task completed exactly once.
    with open_socket(stack.ws_base_url, session_id, token=owner.token, last_event_id=0) as ws:
        history = receive_all(ws, quiet=2.0)
    assert_consecutive(history, after=0)
    assert history[-1]["event_id"] >= live[-1]["event_id"]
    history_completions = [
        message["task_id"] for message in history if message["type"] == "extraction_complete"
    ]
    assert sorted(history_completions) == sorted(task_ids)


def test_a_socket_idle_for_longer_than_six_seconds_still_receives_events(stack, owner, planning_session):
    session_id = planning_session["id"]
    with open_socket(stack.ws_base_url, session_id, token=owner.token) as ws:
        receive(ws)
        time.sleep(7)  # past redis-py's 5 s socket timeout, which would kill the channel layer reader

        ws.send('{"type": "ping"}')
        assert receive(ws)["type"] == "pong"
        response = owner.api.upload(session_id, "Late cake", "late.txt", recipes.text_recipe(), "text/plain")
        assert response.status == 202
        messages = receive_until(ws, completion_of(response.json()["task_id"]), timeout=120)

    assert messages[-1]["success"] is True
