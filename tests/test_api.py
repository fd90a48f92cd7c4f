"""The REST API of DESIGN §4: sessions, dishes, uploads and their errors, jobs, the shopping list."""

import io
import zipfile

import pytest
from django.test import override_settings

from sessions_app import selectors
from sessions_app.models import Dish, ExtractionJob
from tests.conftest import RECIPE_TEXT, make_client, make_session, make_upload

pytestmark = pytest.mark.django_db


def upload(api, session, *, dish_name="Pancakes", file=None, **extra):
    url = f"/api/sessions/{session.id}/upload-recipe"
    if dish_name is not None:
        url += f"?dish_name={dish_name}"
    data = {"file": file if file is not None else make_upload()}
    return api.post(url, data, format="multipart", **extra)


def test_create_session_with_dishes_returns_201_and_the_dishes(api):
    response = api.post(
        "/api/sessions/",
        {
            "title": "Potluck",
            "event_date": "2026-12-24",
            "guest_count": 12,
            "dishes": ["Salad", "salad", "Pie"],
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert [dish["name"] for dish in body["dishes"]] == ["Salad", "Pie"]
    assert body["recipe_promises"] == ["Salad", "Pie"]
    assert body["pending_extraction_tasks"] == []


def test_session_list_shows_only_the_users_own_sessions(api, user, other_user):
    make_session(user, title="Mine")
    make_session(other_user, title="Theirs")
    titles = [item["title"] for item in api.get("/api/sessions/").json()]
    assert titles == ["Mine"]


def test_anonymous_requests_are_refused(session):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/sessions/").status_code == 401
    assert APIClient().get(f"/api/sessions/{session.id}/").status_code == 401


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/sessions/{id}/"),
        ("post", "/api/sessions/{id}/dishes/"),
        ("post", "/api/sessions/{id}/upload-recipe?dish_name=Soup"),
        ("get", "/api/sessions/{id}/tasks/"),
        ("get", "/api/sessions/{id}/shopping-list/"),
    ],
)
def test_someone_elses_session_is_404_on_every_endpoint(method, path, session, other_user, enqueued):
    stranger = make_client(other_user)
    data = {"file": make_upload()} if "upload" in path else {"name": "Cake"}
    response = getattr(stranger, method)(path.format(id=session.id), data, format="multipart")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert ExtractionJob.objects.count() == 0


def test_a_bad_token_is_401_with_a_token_challenge(db):
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/sessions/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"


def test_rows_read_by_plain_sql_equal_the_orms(session, user):
    from sessions_app.models import PlanningSession

    session.event_date = "2026-12-24"
    session.save()
    expected = PlanningSession.objects.get(pk=session.pk)
    found = selectors.session_get_owned(user=user, id=str(session.pk))
    # Every field, with the ORM's Python types (SQLite stores UUIDs, dates and times as text).
    for field in PlanningSession._meta.concrete_fields:
        value = getattr(found, field.attname)
        assert value == getattr(expected, field.attname), field.name
        assert type(value) is type(getattr(expected, field.attname)), field.name
    assert not found._state.adding


def test_the_session_lookup_is_404_for_an_id_that_is_not_a_uuid(user):
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.session_get_owned(user=user, id="not-a-uuid")


def test_an_inactive_users_token_is_401(api, user):
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = api.get("/api/sessions/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_token_authentication_gives_the_whole_user_and_the_token(user, django_assert_num_queries):
    from rest_framework.authtoken.models import Token

    from recipeplanner.authentication import TokenAuthentication

    token = Token.objects.create(user=user)
    with django_assert_num_queries(1):
        found, found_token = TokenAuthentication().authenticate_credentials(token.key)
        # Every column is loaded and converted as the ORM does it: reading them costs no further query.
        assert (found.pk, found.username, found.email, found.is_active) == (
            user.pk,
            user.username,
            user.email,
            True,
        )
        assert found.date_joined == user.date_joined
        assert found.is_staff is False
        assert (found_token.key, found_token.user) == (token.key, found)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/sessions/000000000000000000000000000000000000/upload-recipe/"),
        ("post", "/api/sessions/not-a-uuid/upload-recipe?dish_name=Soup"),
        ("get", "/api/sessions/not-a-uuid/"),
        ("get", "/api/sessions/12345/tasks/"),
        ("get", "/api/tasks/%20/"),
        ("post", "/api/tasks/xyz/retry/"),
        ("get", "/api/no-such-endpoint/"),
    ],
)
def test_malformed_ids_and_unknown_paths_are_json_404(api, method, path, enqueued):
    response = getattr(api, method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found.", "code": "not_found"}
    assert ExtractionJob.objects.count() == 0


def test_unknown_session_is_404(api, unknown_id):
    response = api.get(f"/api/sessions/{unknown_id}/")
    assert response.status_code == 404


def test_adding_a_dish_promises_a_recipe_and_a_duplicate_is_409(api, session):
    response = api.post(f"/api/sessions/{session.id}/dishes/", {"name": "Trifle"}, format="json")
    assert response.status_code == 201
    assert response.json()["recipe_status"] == "promised"
    again = api.post(f"/api/sessions/{session.id}/dishes/", {"name": "TRIFLE"}, format="json")
    assert again.status_code == 409
    assert again.json()["code"] == "dish_exists"


def test_upload_answers_202_with_task_id_and_enqueues_only_the_job_id(
    api, session, enqueued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(api, session)
    assert response.status_code == 202
    body = response.json()
    job = ExtractionJob.objects.get()
    assert body["task_id"] == str(job.id)
    assert body["status"] == "pending"
    assert body["status_url"].endswith(f"/api/tasks/{job.id}/")
    assert body["websocket_url"] == f"ws://testserver/ws/{session.id}"
    assert body["estimated_seconds"] > 0 and body["message"]
    assert response["Location"] == body["status_url"]
    assert enqueued == [str(job.id)]
    assert job.mime_type == "text/plain" and job.size == len(RECIPE_TEXT.encode())
    assert job.file.name == f"jobs/{job.id}"
    assert job.dish.name == "Pancakes" and job.dish.recipe_status == Dish.Status.EXTRACTING


def test_upload_path_with_a_trailing_slash_works_too(api, session, enqueued):
    response = api.post(
        f"/api/sessions/{session.id}/upload-recipe/?dish_name=Soup",
        {"file": make_upload()},
        format="multipart",
    )
    assert response.status_code == 202


def test_upload_into_an_existing_dish_matches_its_name_in_any_case(api, session, enqueued):
    assert upload(api, session, dish_name="SOUP").status_code == 202
    assert Dish.objects.filter(session=session).count() == 1


def test_a_dish_name_with_pattern_characters_matches_only_itself(api, session, enqueued):
    # A lookup written as LIKE would let "_" and "%" match any character.
    assert upload(api, session, dish_name="S_up").status_code == 202
    assert upload(api, session, dish_name="%25").status_code == 202
    names = sorted(Dish.objects.filter(session=session).values_list("name", flat=True))
    assert names == ["%", "S_up", "Soup"]
    assert upload(api, session, dish_name="s_UP").status_code == 202
    assert Dish.objects.filter(session=session).count() == 3


def test_client_filename_never_reaches_the_file_system(api, session, enqueued):
    file = make_upload(name="../../etc/passwd.txt")
    assert upload(api, session, file=file).status_code == 202
    job = ExtractionJob.objects.get()
    assert job.original_filename == "passwd.txt"
    assert job.file.name == f"jobs/{job.id}"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("recipe.txt", RECIPE_TEXT)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("dish_name", "file", "status", "code"),
    [
        (None, make_upload(), 400, "dish_name_required"),
        ("x" * 121, make_upload(), 400, "dish_name_too_long"),
        ("Soup", make_upload(b""), 400, "empty_file"),
        ("Soup", make_upload(b"   \n\t  "), 400, "empty_file"),
        (
            "Soup",
            make_upload(_zip_bytes(), name="recipe.pdf", content_type="application/pdf"),
            415,
            "unsupported_type",
        ),
        (
            "Soup",
            make_upload(b"MZ\x90\x00" + bytes(range(256)) * 8, name="recipe.txt"),
            415,
            "unsupported_type",
        ),
        (
            "Soup",
            make_upload(b"GIF89a" + b"\x00" * 64, name="photo.jpg", content_type="image/jpeg"),
            415,
            "unsupported_type",
        ),
    ],
    ids=[
        "missing-dish-name",
        "long-dish-name",
        "empty-file",
        "blank-file",
        "zip-spoofed-as-pdf",
        "exe-as-txt",
        "gif-spoofed-as-jpeg",
    ],
)
def test_bad_uploads_get_a_json_error_and_leave_nothing_behind(
    api, session, enqueued, dish_name, file, status, code
):
    response = upload(api, session, dish_name=dish_name, file=file)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert ExtractionJob.objects.count() == 0
    assert enqueued == []


def test_upload_without_a_file_is_400(api, session, enqueued):
    response = api.post(f"/api/sessions/{session.id}/upload-recipe?dish_name=Soup", {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "file_required"


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_oversized_upload_is_413_from_its_content_length(api, session, enqueued):
    response = api.post(
        f"/api/sessions/{session.id}/upload-recipe?dish_name=Soup",
        {"file": make_upload(b"a" * 40_000)},
        format="multipart",
    )
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert ExtractionJob.objects.count() == 0


@override_settings(MAX_UPLOAD_BYTES=1024)
def test_oversized_upload_is_413_while_streaming_when_the_length_lies(api, session, enqueued):
    # Within the multipart allowance by Content-Length, but the file part itself is over the limit.
    response = api.post(
        f"/api/sessions/{session.id}/upload-recipe?dish_name=Soup",
        {"file": make_upload(b"a" * 4000)},
        format="multipart",
    )
    assert response.status_code == 413
    assert ExtractionJob.objects.count() == 0


def test_uploads_over_the_rate_limit_are_429(api, session, enqueued, settings):
    settings.UPLOAD_THROTTLE_RATE = "2/minute"
    from django.core.cache import cache

    cache.clear()
    statuses = [upload(api, session, dish_name=f"Dish {n}").status_code for n in range(3)]
    assert statuses == [202, 202, 429]
    assert ExtractionJob.objects.count() == 2


def test_uploads_over_the_jobs_in_flight_cap_are_429(api, session, enqueued, settings):
    settings.MAX_JOBS_IN_FLIGHT = 1
    assert upload(api, session, dish_name="One").status_code == 202
    response = upload(api, session, dish_name="Two")
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_jobs"


def test_the_jobs_in_flight_count_stops_at_its_bound(api, session, enqueued, user):
    for number in range(3):
        assert upload(api, session, dish_name=f"Dish {number}").status_code == 202
    assert selectors.jobs_in_flight_count(user=user) == 3
    assert selectors.jobs_in_flight_count(user=user, up_to=2) == 2
    assert selectors.jobs_in_flight_count(user=user, up_to=5) == 3


def test_task_status_shows_the_job_and_is_404_for_others(api, session, other_user, enqueued):
    task_id = upload(api, session).json()["task_id"]
    body = api.get(f"/api/tasks/{task_id}/").json()
    assert body["status"] == "pending" and body["dish_name"] == "Pancakes"
    assert body["ingredients"] is None and body["ingredient_count"] == 0
    assert make_client(other_user).get(f"/api/tasks/{task_id}/").status_code == 404
    assert make_client(other_user).post(f"/api/tasks/{task_id}/cancel/").status_code == 404


def test_session_tasks_are_listed_newest_first(api, session, enqueued):
    first = upload(api, session, dish_name="A").json()["task_id"]
    second = upload(api, session, dish_name="B").json()["task_id"]
    listed = [job["task_id"] for job in api.get(f"/api/sessions/{session.id}/tasks/").json()]
    assert listed == [second, first]


def test_cancel_then_retry_a_job(api, session, enqueued, django_capture_on_commit_callbacks):
    task_id = upload(api, session).json()["task_id"]
    cancelled = api.post(f"/api/tasks/{task_id}/cancel/")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert api.post(f"/api/tasks/{task_id}/cancel/").json()["code"] == "not_cancellable"
    with django_capture_on_commit_callbacks(execute=True):
        retried = api.post(f"/api/tasks/{task_id}/retry/")
    assert retried.status_code == 202 and retried.json()["status"] == "pending"
    assert enqueued.count(task_id) == 1
    assert api.post(f"/api/tasks/{task_id}/retry/").status_code == 409


def test_openapi_schema_is_served(api):
    response = api.get("/api/schema/")
    assert response.status_code == 200
    assert b"upload-recipe" in response.content


def test_task_status_of_a_completed_job_runs_a_fixed_number_of_queries(
    api, session, enqueued, django_assert_num_queries
):
    from sessions_app.tasks import extract_recipe_job

    task_id = upload(api, session).json()["task_id"]
    extract_recipe_job(task_id)
    # The token and its user, the job with its dish, the recipe source, its ingredients: however many.
    with django_assert_num_queries(4):
        body = api.get(f"/api/tasks/{task_id}/").json()
    assert body["status"] == "completed" and body["ingredient_count"] == len(body["ingredients"]) == 5


@pytest.mark.parametrize(
    "dish_name, statements",
    [
        # The token and its user, the session, then in one transaction (a savepoint here): the jobs in
        # flight, the dish, a new dish created already extracting, the job, the event number and the event.
        ("Pancakes", 10),
        # A promised dish is looked up and set extracting.
        ("Soup", 10),
    ],
)
def test_an_upload_runs_a_fixed_number_of_statements(
    api, session, enqueued, django_assert_num_queries, dish_name, statements
):
    with django_assert_num_queries(statements):
        assert upload(api, session, dish_name=dish_name).status_code == 202
    # Another upload for a dish already extracting leaves the dish row alone: one statement fewer.
    with django_assert_num_queries(statements - 1):
        assert upload(api, session, dish_name=dish_name).status_code == 202
    assert Dish.objects.get(session=session, name=dish_name).recipe_status == "extracting"
