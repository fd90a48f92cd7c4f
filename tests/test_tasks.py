"""The Celery task and the services it drives (DESIGN §7), called directly with the real pipeline."""

import io
import resource
from pathlib import Path

import pytest
from celery.exceptions import Retry
from django.db import OperationalError
from django.utils import timezone
from PIL import Image

from extraction.errors import FileTooComplex
from notifications.models import SessionEvent
from sessions_app import services, tasks
from sessions_app.models import Dish, ExtractionJob, Ingredient, RecipeSource
from sessions_app.tasks import JobFailed, extract_recipe_job, sweep_stuck_jobs
from tests.conftest import make_upload

pytestmark = pytest.mark.django_db


def make_job(session, content=None, *, dish_name="Pancakes", name="pancakes.txt", mime_type="text/plain"):
    upload = make_upload(content, name=name) if content is not None else make_upload()
    return services.job_create(session=session, dish_name=dish_name, upload=upload, mime_type=mime_type)


def event_types(session) -> list[str]:
    return list(SessionEvent.objects.filter(session=session).order_by("seq").values_list("type", flat=True))


def assert_no_gaps(session):
    seqs = list(SessionEvent.objects.filter(session=session).order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_text_recipe_becomes_the_dishs_ingredients(session, enqueued, monkeypatch):
    monkeypatch.setattr(tasks, "PROGRESS_INTERVAL_SECONDS", 3600)  # read quicker than a bar could move
    job = make_job(session)
    extract_recipe_job(str(job.id))
    job.refresh_from_db()
    assert job.status == "completed" and job.progress == 100 and job.attempts == 1
    source = RecipeSource.objects.get(dish=job.dish)
    assert source.title == "Pancakes"
    lines = list(source.ingredients.values_list("raw_text", flat=True))
    assert lines[:3] == ["200 g plain flour", "2 large eggs", "300 ml milk"]
    flour = source.ingredients.get(position=1)
    assert (flour.quantity, flour.unit, flour.name) == (200.0, "gram", "plain flour")
    assert Dish.objects.get(pk=job.dish_id).recipe_status == "ready"
    types = event_types(session)
    assert types[0] == "session_updated" and types[1] == "extraction_started"
    # Read within PROGRESS_INTERVAL_SECONDS: no progress event, not even "saving", between the two.
    assert types[2:] == ["extraction_complete"]
    complete = SessionEvent.objects.filter(session=session).last()
    assert complete.payload["success"] is True
    assert complete.payload["ingredient_count"] == len(lines) == 5
    assert complete.payload["task_id"] == str(job.id) and complete.payload["dish_name"] == "Pancakes"
    assert_no_gaps(session)


def test_second_run_keeps_one_ingredient_list_and_no_duplicate_events(session, enqueued):
    job = make_job(session)
    extract_recipe_job(str(job.id))
    events_before = SessionEvent.objects.count()
    extract_recipe_job(str(job.id))  # a redelivered message
    assert Ingredient.objects.count() == 5
    assert SessionEvent.objects.count() == events_before


def test_a_new_upload_replaces_the_dishs_recipe(session, enqueued):
    extract_recipe_job(str(make_job(session).id))
    second = make_job(session, b"Ingredients\n1 cup rice\n2 cups water\n\nMethod\nBoil.\n", name="rice.txt")
    extract_recipe_job(str(second.id))
    assert RecipeSource.objects.filter(dish__session=session).count() == 1
    assert list(Ingredient.objects.values_list("raw_text", flat=True)) == ["1 cup rice", "2 cups water"]


@pytest.mark.parametrize(
    ("content", "name", "mime_type", "code"),
    [
        (b"%PDF-1.7\n% this is not really a pdf\n", "broken.pdf", "application/pdf", "corrupt_file"),
        (
            b"Dear all, the party starts at eight. Bring a smile.\n",
            "note.txt",
            "text/plain",
            "no_ingredients",
        ),
    ],
    ids=["corrupt-pdf", "text-without-a-recipe"],
)
def test_bad_files_fail_at_once_with_a_sentence_for_the_user(
    session, enqueued, content, name, mime_type, code
):
    job = make_job(session, content, name=name, mime_type=mime_type)
    with pytest.raises(JobFailed, match=code):  # Flower counts it as a failed task
        extract_recipe_job(str(job.id))
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == code and job.attempts == 1
    assert job.error[-1] in ".?" and "Traceback" not in job.error
    assert Dish.objects.get(pk=job.dish_id).recipe_status == "failed"
    complete = SessionEvent.objects.filter(session=session).last()
    assert complete.type == "extraction_complete"
    assert complete.payload == {
        "task_id": str(job.id),
        "dish_name": "Pancakes",
        "success": False,
        "error": job.error,
        "code": code,
    }


def test_a_failed_new_upload_keeps_the_dishs_earlier_recipe(session, enqueued):
    extract_recipe_job(str(make_job(session).id))
    bad = make_job(session, b"%PDF-1.4 broken", name="x.pdf", mime_type="application/pdf")
    with pytest.raises(JobFailed):
        extract_recipe_job(str(bad.id))
    assert Dish.objects.get(name="Pancakes").recipe_status == "ready"
    assert Ingredient.objects.count() == 5


def test_a_transient_error_puts_the_job_back_and_retries(session, enqueued, monkeypatch):
    from extraction import pipeline

    def database_gone(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(pipeline, "extract", database_gone)
    job = make_job(session)
    with pytest.raises(Retry):
        extract_recipe_job.apply(args=[str(job.id)], throw=True)
    job.refresh_from_db()
    assert job.status == "pending" and job.attempts == 1


def test_a_transient_error_on_the_last_attempt_fails_the_job(session, enqueued, monkeypatch, settings):
    from extraction import pipeline

    settings.EXTRACTION_MAX_ATTEMPTS = 1
    monkeypatch.setattr(pipeline, "extract", lambda *a, **k: (_ for _ in ()).throw(OperationalError("gone")))
    job = make_job(session)
    with pytest.raises(JobFailed):
        extract_recipe_job(str(job.id))
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == "attempts_exhausted"


def test_an_unexpected_error_fails_the_job_as_internal(session, enqueued, monkeypatch):
    from extraction import pipeline

    monkeypatch.setattr(pipeline, "extract", lambda *a, **k: 1 / 0)
    job = make_job(session)
    with pytest.raises(JobFailed, match="internal_error"):
        extract_recipe_job(str(job.id))
    job.refresh_from_db()
    assert job.status == "failed" and job.error == services.INTERNAL_ERROR


def test_a_job_past_the_memory_cap_fails_as_too_large_and_the_process_lives_on(session, enqueued):
    # A 36-megapixel photo (under the pixel cap) decodes to over 100 MiB; this process may map 48 MiB more
    # than it has while the job runs, as WORKER_MEMORY_LIMIT_MB caps a pool process.
    photo = io.BytesIO()
    Image.new("RGB", (6000, 6000), "white").save(photo, format="PNG")
    job = make_job(session, photo.getvalue(), name="huge.png", mime_type="image/png")
    import cv2  # noqa: F401 - loaded before the cap, as a pool process that has read a photo has it

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    mapped = int(Path("/proc/self/statm").read_text().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (mapped + 48 * 2**20, hard))
    try:
        with pytest.raises(JobFailed, match="too_complex"):
            extract_recipe_job(str(job.id))
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == "too_complex", (job.status, job.error_code, job.error)
    assert job.error == FileTooComplex().message


def test_a_cancelled_job_is_not_started(session, enqueued):
    job = make_job(session)
    services.job_cancel(job=job)
    extract_recipe_job(str(job.id))
    job.refresh_from_db()
    assert job.status == "cancelled"
    assert Dish.objects.get(pk=job.dish_id).recipe_status == "promised"
    assert not RecipeSource.objects.exists()


def test_a_job_cancelled_while_running_discards_its_result(session, enqueued, monkeypatch):
    from extraction import pipeline

    real_extract = pipeline.extract
    job = make_job(session)

    def cancel_midway(*args, **kwargs):
        services.job_cancel(job=ExtractionJob.objects.get(pk=job.pk))
        return real_extract(*args, **kwargs)

    monkeypatch.setattr(pipeline, "extract", cancel_midway)
    extract_recipe_job(str(job.id))
    job.refresh_from_db()
    assert job.status == "cancelled" and not Ingredient.objects.exists()


def test_a_missing_job_is_skipped(db, enqueued):
    extract_recipe_job("00000000-0000-0000-0000-000000000000")


def test_sweeper_requeues_a_job_whose_worker_died(session, enqueued, settings):
    job = make_job(session)
    services.job_start(job_id=job.id, worker="lost-worker")
    past = timezone.now() - timezone.timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS + 5)
    ExtractionJob.objects.filter(pk=job.pk).update(heartbeat_at=past)
    enqueued.clear()

    assert sweep_stuck_jobs() == 1
    job.refresh_from_db()
    assert job.status == "pending"


def test_sweeper_fails_a_job_out_of_attempts(session, enqueued, settings):
    job = make_job(session)
    services.job_start(job_id=job.id, worker="w")
    ExtractionJob.objects.filter(pk=job.pk).update(
        attempts=settings.EXTRACTION_MAX_ATTEMPTS, heartbeat_at=timezone.now() - timezone.timedelta(hours=1)
    )
    sweep_stuck_jobs()
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == "attempts_exhausted"


def test_sweeper_leaves_fresh_jobs_alone(session, enqueued):
    make_job(session)
    assert sweep_stuck_jobs() == 0


def test_progress_only_moves_forward_and_ends_at_saving(session, enqueued, monkeypatch):
    monkeypatch.setattr(tasks, "PROGRESS_INTERVAL_SECONDS", 0)  # as if every stage took long
    job = make_job(session)
    extract_recipe_job(str(job.id))
    progress = [
        event.payload["progress"]
        for event in SessionEvent.objects.filter(session=session, type="extraction_progress").order_by("seq")
    ]
    assert progress == sorted(progress) and progress[-1] == 90
    assert SessionEvent.objects.filter(session=session).last().payload["success"] is True


def test_a_redelivered_message_reclaims_the_job_its_dead_worker_left_processing(session, enqueued):
    job = make_job(session)
    services.job_start(job_id=job.id, worker="killed-worker")
    assert services.job_start(job_id=job.id, worker="other") is None  # a duplicate, not a redelivery
    reclaimed = services.job_start(job_id=job.id, worker="other", redelivered=True)
    assert reclaimed is not None and reclaimed.attempts == 2 and reclaimed.worker == "other"


def test_claiming_a_job_runs_a_fixed_number_of_statements(session, enqueued, django_assert_num_queries):
    job = make_job(session)
    # In one transaction (a savepoint here): the claim, the job with its dish, the event number and the
    # event. On SQLite no statement finds the job's session first: its transaction holds the write lock.
    with django_assert_num_queries(6):
        assert services.job_start(job_id=job.id, worker="w") is not None


def test_a_job_that_is_gone_is_not_claimed(session, enqueued):
    job = make_job(session)
    ExtractionJob.objects.filter(pk=job.pk).delete()
    assert services.job_start(job_id=job.id, worker="w") is None
    assert services.job_start(job_id=job.id, worker="w", redelivered=True) is None


def test_a_file_that_keeps_killing_its_worker_fails_after_the_attempt_cap(session, enqueued, settings):
    job = make_job(session)
    ExtractionJob.objects.filter(pk=job.pk).update(
        status="processing", attempts=settings.EXTRACTION_MAX_ATTEMPTS, heartbeat_at=timezone.now()
    )
    extract_recipe_job.push_request(delivery_info={"redelivered": True}, hostname="w")
    try:
        with pytest.raises(JobFailed):
            extract_recipe_job.run(str(job.id))
    finally:
        extract_recipe_job.pop_request()
    job.refresh_from_db()
    assert job.status == "failed" and job.error_code == "attempts_exhausted"
    assert not Ingredient.objects.exists()
