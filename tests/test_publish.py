"""When a job's task is published (DESIGN §7): after commit and after the response, once; a lost one is swept.

The database transactions here are real (`transaction=True`), so on_commit callbacks run when Django runs
them and not when a test chooses to.
"""

import asyncio
import threading
import uuid

import pytest
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from sessions_app import services
from sessions_app.models import ExtractionJob
from sessions_app.tasks import extract_recipe_job, sweep_stuck_jobs
from tests.conftest import RECIPE_TEXT, make_upload

pytestmark = pytest.mark.django_db(transaction=True)


def upload(api, session):
    url = f"/api/sessions/{session.id}/upload-recipe?dish_name=Pancakes"
    return api.post(url, {"file": make_upload()}, format="multipart")


def multipart_body() -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="pancakes.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\n{RECIPE_TEXT}\r\n--{boundary}--\r\n"
    ).encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_the_202_is_sent_before_the_publish_runs_and_a_slow_publish_does_not_hold_it(
    monkeypatch, session, user
):
    from asgiref.sync import async_to_sync
    from rest_framework.authtoken.models import Token

    from recipeplanner.asgi import application

    token = Token.objects.create(user=user).key
    sent: list[dict] = []
    published: list[tuple[str, list[str]]] = []
    release = threading.Event()

    def blocking_publish(args, task_id):
        # What the server had been given by the time the publish began.
        published.append((args[0], [message["type"] for message in sent]))
        assert release.wait(10), "the test never let the publish finish"

    monkeypatch.setattr(extract_recipe_job, "apply_async", blocking_publish)
    body, content_type = multipart_body()
    path = f"/api/sessions/{session.id}/upload-recipe"
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"dish_name=Pancakes",
        "root_path": "",
        "headers": [
            (b"host", b"localhost"),
            (b"authorization", f"Token {token}".encode()),
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }

    async def scenario():
        messages = iter([{"type": "http.request", "body": body, "more_body": False}])

        async def receive():
            try:
                return next(messages)
            except StopIteration:
                await asyncio.Future()  # the client stays until Django is done with the request

        async def send(message):
            sent.append(message)

        served = asyncio.ensure_future(application(scope, receive, send))
        for _ in range(500):  # the whole 202, while the publish is still blocked
            if any(m["type"] == "http.response.body" and not m.get("more_body") for m in sent):
                break
            await asyncio.sleep(0.01)
        else:
            raise AssertionError(f"no complete response while the publish was blocked: {sent}")
        assert sent[0]["status"] == 202
        release.set()
        await asyncio.wait_for(served, 10)

    async_to_sync(scenario)()
    job = ExtractionJob.objects.get()
    assert published == [(str(job.id), ["http.response.start", "http.response.body"])]


def test_an_upload_through_the_test_client_is_published_once_when_the_response_is_closed(
    api, session, monkeypatch
):
    from django.core.signals import request_finished

    from sessions_app.api import UploadRecipeView

    order: list[str] = []
    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: order.append(args[0]))
    post = UploadRecipeView.post

    def noted_post(self, request, *args, **kwargs):
        response = post(self, request, *args, **kwargs)
        order.append("view returned")
        return response

    monkeypatch.setattr(UploadRecipeView, "post", noted_post)

    def finished(**kwargs):
        order.append("request_finished")

    request_finished.connect(finished)
    try:
        response = upload(api, session)
    finally:
        request_finished.disconnect(finished)
    assert response.status_code == 202
    assert order == ["view returned", response.json()["task_id"], "request_finished"]


def test_a_rolled_back_upload_publishes_nothing(session, monkeypatch):
    published = []
    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: published.append(args[0]))

    with pytest.raises(RuntimeError), transaction.atomic():
        services.job_create(
            session=session, dish_name="Pancakes", upload=make_upload(), mime_type="text/plain"
        )
        raise RuntimeError("something after the job failed")

    assert not ExtractionJob.objects.exists()
    assert published == []


def test_outside_a_request_the_job_is_published_at_commit(session, monkeypatch):
    published = []
    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: published.append(args[0]))

    job = services.job_create(
        session=session, dish_name="Pancakes", upload=make_upload(), mime_type="text/plain"
    )

    assert published == [str(job.id)]


def test_a_failed_publish_is_logged_and_leaves_a_pending_job_that_the_sweeper_enqueues(
    api, session, monkeypatch, settings, caplog
):
    def broker_down(args, task_id):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(extract_recipe_job, "apply_async", broker_down)
    response = upload(api, session)

    assert response.status_code == 202
    job = ExtractionJob.objects.get()
    assert response.json()["task_id"] == str(job.id)
    assert job.status == ExtractionJob.Status.PENDING
    assert f"enqueue of job {job.id} failed" in caplog.text

    published = []
    monkeypatch.setattr(extract_recipe_job, "apply_async", lambda args, task_id: published.append(task_id))
    assert sweep_stuck_jobs() == 0  # within its lease the job is left alone
    past = timezone.now() - timezone.timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS + 5)
    ExtractionJob.objects.filter(pk=job.pk).update(created_at=past)
    assert sweep_stuck_jobs() == 1
    assert published == [str(job.id)]
    job.refresh_from_db()
    assert job.status == ExtractionJob.Status.PENDING


def test_work_left_after_the_response_is_over_runs_at_once():
    """A client that hung up while the view ran: its commit comes after the response is over."""
    from recipeplanner import after_response

    ran = []
    with after_response.collecting() as collection:
        after_response.run_after_response(lambda: ran.append("kept"))
        assert ran == []
        after_response.run_all(collection.close())
        assert ran == ["kept"]
        after_response.run_after_response(lambda: ran.append("late"))
        assert ran == ["kept", "late"]
    after_response.run_after_response(lambda: ran.append("outside a request"))
    assert ran == ["kept", "late", "outside a request"]
