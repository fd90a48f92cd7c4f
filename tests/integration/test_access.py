"""A session is visible only to its owner: everyone else gets 404, never a hint that it exists."""

import pytest

from . import recipes

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def owners_task(owner):
    """A planning session of the owner's with one finished extraction job."""
    session = owner.api.create_session(title="Private dinner", dishes=["Soup"])
    response = owner.api.upload(session["id"], "Soup", "soup.txt", recipes.text_recipe("Soup"), "text/plain")
    assert response.status == 202
    task_id = response.json()["task_id"]
    assert owner.api.wait_for_task(task_id)["status"] == "completed"
    return session["id"], task_id


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/sessions/{session}/"),
        ("GET", "/api/sessions/{session}/tasks/"),
        ("GET", "/api/sessions/{session}/shopping-list/"),
        ("POST", "/api/sessions/{session}/dishes/"),
        ("GET", "/api/tasks/{task}/"),
        ("POST", "/api/tasks/{task}/retry/"),
        ("POST", "/api/tasks/{task}/cancel/"),
    ],
)
def test_someone_elses_session_and_jobs_answer_404(stranger, owners_task, method, path):
    session_id, task_id = owners_task
    url = path.format(session=session_id, task=task_id)

    response = stranger.api.get(url) if method == "GET" else stranger.api.post(url, {"name": "Bread"})

    assert response.status == 404, response.body[:300]


def test_uploading_into_someone_elses_session_answers_404(stranger, owners_task):
    response = stranger.api.upload(owners_task[0], "Bread", "bread.txt", recipes.text_recipe(), "text/plain")

    assert response.status == 404


def test_someone_elses_sessions_are_not_listed(stranger, owner, owners_task):
    listed = stranger.api.get("/api/sessions/").json()
    items = listed["results"] if isinstance(listed, dict) else listed

    assert owners_task[0] not in {item["id"] for item in items}
    owners = owner.api.get("/api/sessions/").json()
    owners_items = owners["results"] if isinstance(owners, dict) else owners
    assert owners_task[0] in {item["id"] for item in owners_items}


def test_the_api_schema_is_served(owner):
    response = owner.api.get("/api/schema/")

    assert response.status == 200
    assert b"upload-recipe" in response.body
