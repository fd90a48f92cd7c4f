"""The write path: every change to sessions, dishes, recipes and jobs goes through these functions."""

import dataclasses
import hashlib
import logging
import re
import unicodedata
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from notifications import events
from recipeplanner import rows
from recipeplanner.after_response import run_after_response
from sessions_app import selectors, shopping
from sessions_app.models import (
    Dish,
    ExtractionJob,
    Ingredient,
    PlanningSession,
    RecipeSource,
    ShoppingList,
    ShoppingListItem,
    ShoppingListTick,
)
from sessions_app.tasks import extract_recipe_job as extract_recipe_job_task
from sessions_app.tasks import recipe_match_foods as recipe_match_foods_task

logger = logging.getLogger(__name__)

INTERNAL_ERROR = "Something went wrong on our side while reading this file. Please try again later."
LOST_ERROR = (
    "This file could not be processed: the extraction stopped several times. Please try another copy."
)
TIMEOUT_ERROR = "Reading this file took too long. Please try a smaller or clearer copy."


class ConflictError(Exception):
    """The request does not fit the object's current state (e.g. retrying a completed job)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


class TooManyJobsError(Exception):
    """The owner already has as many jobs pending or processing as allowed; nothing was stored."""


def session_create(
    *,
    owner: AbstractBaseUser,
    title: str,
    event_date: date | None = None,
    guest_count: int | None = None,
    dish_names: list[str] = (),
) -> PlanningSession:
    """Create a planning session with its first dishes (duplicates by case are merged)."""
    with transaction.atomic():
        session = PlanningSession.objects.create(
            owner=owner, title=title, event_date=event_date, guest_count=guest_count
        )
        seen = set()
        for name in dish_names:
            name = name.strip()
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                Dish.objects.create(session=session, name=name)
    return session


def _dish_get_or_create(
    *, session: PlanningSession, name: str, status: str = Dish.Status.PROMISED
) -> tuple[Dish, bool]:
    """The session's dish of that name (any case), or a new one in `status`; and whether it is new."""
    name = name.strip()
    dish = _dish_by_name(session_id=session.id, name=name)
    if dish:
        return dish, False
    return Dish.objects.create(session=session, name=name, recipe_status=status), True


def _dish_by_name(*, session_id: uuid.UUID, name: str) -> Dish | None:
    """The session's dish whose name equals `name` in lower case, as dish_name_unique_per_session_ci compares
    them (so at most one row); None when there is none.

    One plain SELECT on the constraint's own expression (recipeplanner/rows.py): every upload runs it, and
    the ORM took 0.7-0.8 ms of CPU to build it against microseconds for SQLite to run it.
    """
    quote = connection.ops.quote_name
    meta = Dish._meta
    session = meta.get_field("session")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {rows.columns(Dish)} FROM {quote(meta.db_table)} WHERE {quote(session.column)} = %s "
            f"AND LOWER({quote(meta.get_field('name').column)}) = LOWER(%s)",
            [session.get_db_prep_value(session_id, connection), name],
        )
        row = cursor.fetchone()
    return rows.instance(Dish, row) if row else None


def _session_lock(session_id: uuid.UUID) -> None:
    """Hold the session row until commit, so concurrent writers to one session take turns.

    Every write transaction on a session's rows takes this lock first: one lock order (session, then
    dish, job, recipe) means no deadlock on PostgreSQL, and two completions for one dish cannot both
    insert its recipe source.
    """
    if not connection.features.has_select_for_update:
        # SQLite: every transaction begins IMMEDIATE (settings), which already holds the database's one
        # write lock until commit; the SELECT would lock nothing more.
        return
    PlanningSession.objects.select_for_update().filter(pk=session_id).values_list("pk", flat=True).get()


def _job_session_lock(job_id: uuid.UUID | str) -> bool:
    """_session_lock for the session of a job known by its id alone; False when there is no such job.

    One statement where rows are locked: the session row, found through the job (FOR UPDATE OF the session
    only, so the lock order stays session, then job). No statement on SQLite, as for _session_lock: a job
    that does not exist then shows as a claim that updates no row.
    """
    if not connection.features.has_select_for_update:
        return True
    sessions = PlanningSession.objects.select_for_update(of=("self",)).filter(jobs__pk=job_id)
    return bool(sessions.values_list("pk", flat=True)[:1])


def _owner_lock(user_id: int) -> None:
    """Hold the user's row until commit: uploads of one user count their jobs in flight in turn.

    Taken before the session lock (one lock order). On SQLite the IMMEDIATE transaction already holds the
    database's write lock, as for _session_lock.
    """
    if not connection.features.has_select_for_update:
        return
    User = get_user_model()  # noqa: N806 - a model class
    User.objects.select_for_update().filter(pk=user_id).values_list("pk", flat=True).get()


def dish_add(*, session: PlanningSession, name: str) -> Dish:
    """Promise a recipe for a new dish; a dish of that name (any case) must not exist yet."""
    with transaction.atomic():
        _session_lock(session.id)
        dish, created = _dish_get_or_create(session=session, name=name)
        if not created:
            raise ConflictError(f"The dish “{dish.name}” is already in this session.", code="dish_exists")
        events.event_record(
            session_id=session.id, event=events.session_updated(change="dish_added", dish_name=dish.name)
        )
    return dish


def job_create(
    *,
    session: PlanningSession,
    dish_name: str,
    upload: UploadedFile,
    mime_type: str,
    max_in_flight: int | None = None,
) -> ExtractionJob:
    """Store an already validated upload and queue its extraction; row and file are committed together.

    max_in_flight: the most jobs the session's owner may have pending or processing, this one included;
    TooManyJobsError (nothing stored) when they already have that many. Counted under a lock on the owner,
    so uploads arriving at once through several web processes cannot each see room for one more.
    """
    job_id = uuid.uuid4()
    sha256, size = _digest(upload)
    filename = clean_filename(upload.name or "")
    with transaction.atomic():
        if max_in_flight is not None:
            _owner_lock(session.owner_id)
            if selectors.jobs_in_flight_count(user=session.owner_id, up_to=max_in_flight) >= max_in_flight:
                raise TooManyJobsError()
        _session_lock(session.id)
        dish, _ = _dish_get_or_create(session=session, name=dish_name, status=Dish.Status.EXTRACTING)
        job = ExtractionJob(
            id=job_id,
            session=session,
            dish=dish,
            original_filename=filename,
            mime_type=mime_type,
            size=size,
            sha256=sha256,
        )
        upload.seek(0)
        # Named by the job id only: the client's filename never reaches the file system.
        job.file.save(str(job_id), upload, save=False)
        try:
            job.save(force_insert=True)
            if dish.recipe_status != Dish.Status.EXTRACTING:
                # A new dish is created extracting, and one already extracting is left as it is.
                Dish.objects.filter(pk=dish.pk).update(recipe_status=Dish.Status.EXTRACTING)
            events.event_record(
                session_id=session.id,
                event=events.session_updated(change="upload_queued", task_id=job.id, dish_name=dish.name),
            )
        except Exception:
            job.file.delete(save=False)
            raise
        transaction.on_commit(lambda: _enqueue(job.id))
    logger.info("job %s created for session %s (%s, %d bytes)", job.id, session.id, mime_type, size)
    return job


def clean_filename(name: str) -> str:
    """The client's file name as it is shown back: its last path part (either slash), in NFKC form, without
    control or format characters (NUL, escapes, bidi overrides, zero-width), at most 200 characters; never
    empty ("upload"). Files are stored under the job id, so this name never reaches the file system."""
    name = re.split(r"[\\/]", name)[-1]
    name = unicodedata.normalize("NFKC", name)
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    return name.strip(" .")[:200] or "upload"


def _digest(upload: UploadedFile) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _enqueue(job_id: uuid.UUID) -> None:
    """Publish the job's task once its row is committed (call it from on_commit) and the response is sent.

    In a request the publish waits until the 202 has gone out (recipeplanner/after_response.py): it is a
    millisecond or two of Celery and a Redis round trip nobody needs to wait for. The row is already
    committed, so a publish that is lost (a crash in between) or fails is the sweeper's, as an enqueue
    lost between commit and publish always was.
    """
    run_after_response(lambda: _publish(job_id))


def _publish(job_id: uuid.UUID) -> None:
    try:
        # The Celery task id is the job id, so one id finds the job in the API, the admin, Flower and logs.
        extract_recipe_job_task.apply_async(args=[str(job_id)], task_id=str(job_id))
    except Exception:
        # The job row is committed; the sweeper re-enqueues jobs whose message never arrived.
        logger.exception("enqueue of job %s failed; the sweeper will retry it", job_id)


def job_start(*, job_id: uuid.UUID | str, worker: str, redelivered: bool = False) -> ExtractionJob | None:
    """Claim a pending job for this worker; None when it is gone, finished, cancelled or held elsewhere.

    A redelivered message (its worker died mid-job) may also claim the job it left in processing.
    """
    now = timezone.now()
    claimable = [ExtractionJob.Status.PENDING]
    if redelivered:
        claimable.append(ExtractionJob.Status.PROCESSING)
    with transaction.atomic():
        if not _job_session_lock(job_id):
            return None
        claimed = ExtractionJob.objects.filter(pk=job_id, status__in=claimable).update(
            status=ExtractionJob.Status.PROCESSING,
            stage="reading",
            progress=0,
            worker=worker[:200],
            started_at=now,
            heartbeat_at=now,
            error="",
            error_code="",
            attempts=F("attempts") + 1,
        )
        if not claimed:
            return None
        job = ExtractionJob.objects.select_related("dish").get(pk=job_id)
        events.event_record(
            session_id=job.session_id,
            event=events.extraction_started(task_id=job.id, dish_name=job.dish.name, attempt=job.attempts),
        )
    logger.info("job %s started on %s (attempt %d)", job.id, worker, job.attempts)
    return job


def job_progress(*, job: ExtractionJob, stage: str, progress: int) -> None:
    """Record the stage a running job has reached and tell the session."""
    with transaction.atomic():
        _session_lock(job.session_id)
        updated = ExtractionJob.objects.filter(pk=job.pk, status=ExtractionJob.Status.PROCESSING).update(
            stage=stage, progress=progress, heartbeat_at=timezone.now()
        )
        if updated:
            events.event_record(
                session_id=job.session_id,
                event=events.extraction_progress(
                    task_id=job.id, dish_name=job.dish.name, stage=stage, progress=progress
                ),
            )


def job_complete(*, job: ExtractionJob, extraction) -> bool:
    """Make the extraction the dish's current recipe; False when the job was cancelled meanwhile."""
    now = timezone.now()
    with transaction.atomic():
        _session_lock(job.session_id)
        finished = ExtractionJob.objects.filter(pk=job.pk, status=ExtractionJob.Status.PROCESSING).update(
            status=ExtractionJob.Status.COMPLETED,
            stage="saving",
            progress=100,
            finished_at=now,
            heartbeat_at=now,
            timings=extraction.timings,
        )
        if not finished:
            return False
        # One current source per dish: a new upload replaces the old one and its ingredients.
        RecipeSource.objects.filter(dish=job.dish).delete()
        source = RecipeSource.objects.create(
            dish=job.dish,
            source_type=RecipeSource.SourceType.USER_UPLOAD,
            title=(extraction.title or "")[:300],
            yields=(extraction.yields or "")[:100],
            servings=shopping.servings_from_yield(extraction.yields or ""),
            job=job,
        )
        Ingredient.objects.bulk_create(
            Ingredient(
                recipe_source=source,
                position=position,
                raw_text=item.text,
                quantity=item.quantity,
                quantity_max=item.quantity_max,
                unit=item.unit[:64],
                name=item.name[:300],
                preparation=item.preparation[:300],
                comment=item.comment[:300],
                confidence=item.confidence,
                group=item.group[:200],
                pack_quantity=item.pack_quantity,
                pack_unit=item.pack_unit[:64],
            )
            for position, item in enumerate(extraction.ingredients, start=1)
        )
        Dish.objects.filter(pk=job.dish_id).update(recipe_status=Dish.Status.READY)
        events.event_record(
            session_id=job.session_id,
            event=events.extraction_succeeded(
                task_id=job.id,
                dish_name=job.dish.name,
                recipe_title=extraction.title or "",
                ingredients=[dataclasses.asdict(item) for item in extraction.ingredients],
            ),
        )
        if settings.FOUNDATION_FOODS:
            # Registered after the event, so its broadcast goes first: on_commit callbacks run in order,
            # and this publish (a few ms of Celery) would otherwise hold up the person's completion.
            transaction.on_commit(lambda: _enqueue_food_matching(source.id))
    logger.info("job %s completed with %d ingredients", job.id, len(extraction.ingredients))
    return True


def job_fail(*, job: ExtractionJob, error: str, code: str) -> bool:
    """End a running job as failed with a reason the person can act on."""
    now = timezone.now()
    with transaction.atomic():
        _session_lock(job.session_id)
        failed = ExtractionJob.objects.filter(pk=job.pk, status=ExtractionJob.Status.PROCESSING).update(
            status=ExtractionJob.Status.FAILED,
            error=error,
            error_code=code,
            finished_at=now,
            heartbeat_at=now,
        )
        if not failed:
            return False
        _dish_settle(job.dish_id, failed=True)
        events.event_record(
            session_id=job.session_id,
            event=events.extraction_failed(task_id=job.id, dish_name=job.dish.name, error=error, code=code),
        )
    logger.info("job %s failed: %s", job.id, code)
    return True


def job_release(*, job: ExtractionJob) -> None:
    """Put a running job back in the queue after a transient error (the caller re-sends the message)."""
    ExtractionJob.objects.filter(pk=job.pk, status=ExtractionJob.Status.PROCESSING).update(
        status=ExtractionJob.Status.PENDING, stage="", progress=0
    )


def _dish_settle(dish_id: int, *, failed: bool) -> None:
    """After a job ends without a new recipe: keep a dish's earlier recipe, or mark it failed/promised."""
    has_recipe = RecipeSource.objects.filter(dish_id=dish_id).exists()
    busy = ExtractionJob.objects.filter(dish_id=dish_id, status__in=ExtractionJob.IN_FLIGHT).exists()
    if busy:
        return
    if has_recipe:
        status = Dish.Status.READY
    else:
        status = Dish.Status.FAILED if failed else Dish.Status.PROMISED
    Dish.objects.filter(pk=dish_id).update(recipe_status=status)


def job_retry(*, job: ExtractionJob) -> ExtractionJob:
    """Queue a failed or cancelled job again, with a fresh attempt budget."""
    with transaction.atomic():
        _session_lock(job.session_id)
        retried = ExtractionJob.objects.filter(
            pk=job.pk, status__in=[ExtractionJob.Status.FAILED, ExtractionJob.Status.CANCELLED]
        ).update(
            status=ExtractionJob.Status.PENDING,
            stage="",
            progress=0,
            attempts=0,
            error="",
            error_code="",
            started_at=None,
            finished_at=None,
            created_at=timezone.now(),
        )
        if not retried:
            raise ConflictError("Only a failed or cancelled job can be retried.", code="not_retryable")
        if not job.file or not job.file.storage.exists(job.file.name):
            raise ConflictError(
                "The uploaded file is no longer kept; please upload it again.", code="file_gone"
            )
        Dish.objects.filter(pk=job.dish_id).update(recipe_status=Dish.Status.EXTRACTING)
        events.event_record(
            session_id=job.session_id,
            event=events.session_updated(change="job_retried", task_id=job.id, dish_name=job.dish.name),
        )
        transaction.on_commit(lambda: _enqueue(job.id))
    job.refresh_from_db()
    return job


def job_cancel(*, job: ExtractionJob) -> ExtractionJob:
    """Cancel a waiting or running job; a running worker discards its result."""
    with transaction.atomic():
        _session_lock(job.session_id)
        cancelled = ExtractionJob.objects.filter(pk=job.pk, status__in=ExtractionJob.IN_FLIGHT).update(
            status=ExtractionJob.Status.CANCELLED, finished_at=timezone.now()
        )
        if not cancelled:
            raise ConflictError("Only a pending or running job can be cancelled.", code="not_cancellable")
        _dish_settle(job.dish_id, failed=False)
        events.event_record(
            session_id=job.session_id,
            event=events.session_updated(change="job_cancelled", task_id=job.id, dish_name=job.dish.name),
        )
    job.refresh_from_db()
    return job


def jobs_sweep_stuck() -> int:
    """Re-enqueue jobs whose message or worker was lost; fail those out of attempts. Returns the count."""
    lease = timedelta(seconds=settings.EXTRACTION_LEASE_SECONDS)
    cutoff = timezone.now() - lease
    stuck = ExtractionJob.objects.filter(
        Q(status=ExtractionJob.Status.PENDING, created_at__lt=cutoff)
        | Q(status=ExtractionJob.Status.PROCESSING, heartbeat_at__lt=cutoff)
    ).select_related("dish")
    count = 0
    for job in stuck:
        if job.status == ExtractionJob.Status.PROCESSING and job.attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            job_fail(job=job, error=LOST_ERROR, code="attempts_exhausted")
        else:
            with transaction.atomic():
                # created_at restarts the lease of a re-sent pending job.
                ExtractionJob.objects.filter(pk=job.pk, status=job.status).update(
                    status=ExtractionJob.Status.PENDING, stage="", progress=0, created_at=timezone.now()
                )
                transaction.on_commit(lambda job_id=job.id: _enqueue(job_id))
        count += 1
        logger.warning("job %s was stuck in %s; swept", job.id, job.status)
    return count


def job_files_prune() -> int:
    """Delete the stored files of jobs finished more than RETENTION_DAYS ago; returns how many."""
    cutoff = timezone.now() - timedelta(days=settings.RETENTION_DAYS)
    files = 0
    old_jobs = ExtractionJob.objects.filter(finished_at__lt=cutoff).exclude(file="")
    for job in old_jobs.exclude(status__in=ExtractionJob.IN_FLIGHT):
        job.file.delete(save=False)
        ExtractionJob.objects.filter(pk=job.pk).update(file="")
        files += 1
    return files


def _enqueue_food_matching(source_id: int) -> None:
    try:
        recipe_match_foods_task.delay(source_id)
    except Exception:
        # Only the aisles of unusual foods depend on it; the list works without.
        logger.warning("food matching of recipe %s was not queued", source_id, exc_info=True)


def recipe_source_match_foods(*, source_id: int) -> bool:
    """Store each ingredient's USDA FDC food and category (ingredient-parser-nlp's foundation foods) and
    tell the session its shopping list changed. False when the recipe was replaced or deleted meanwhile.

    Idempotent: a second run writes the same values again.
    """
    from extraction.parsing import line_details

    source = RecipeSource.objects.select_related("dish").filter(pk=source_id).first()
    if source is None:
        return False
    ingredients = list(source.ingredients.all())
    # About 75 ms a line (and 10–30 s to load the data once per process): outside the transaction.
    details = [line_details(ingredient.raw_text, foundation_foods=True) for ingredient in ingredients]
    with transaction.atomic():
        _session_lock(source.dish.session_id)
        if not RecipeSource.objects.filter(pk=source_id).exists():
            return False
        for ingredient, detail in zip(ingredients, details, strict=True):
            ingredient.food = detail.food[:500]
            ingredient.food_category = detail.food_category[:200]
        Ingredient.objects.bulk_update(ingredients, ["food", "food_category"])
        _shopping_list_changed(source.dish.session, dish_name=source.dish.name)
    logger.info("recipe %s: foods matched for %d lines", source_id, len(ingredients))
    return True


def _shopping_list_changed(session: PlanningSession, *, dish_name: str | None = None) -> None:
    events.event_record(
        session_id=session.id,
        event=events.session_updated(change="shopping_list_changed", dish_name=dish_name),
    )


def shopping_list_update(
    *, session: PlanningSession, hide_staples: bool | None = None, units: str | None = None
) -> ShoppingList:
    """Set the list's settings; a None argument keeps its value. units: "metric" | "us"."""
    with transaction.atomic():
        _session_lock(session.id)
        settings_row, _ = ShoppingList.objects.get_or_create(session=session)
        if hide_staples is not None:
            settings_row.hide_staples = hide_staples
        if units is not None:
            settings_row.units = units
        settings_row.save()
        _shopping_list_changed(session)
    return settings_row


class NotOnListError(Exception):
    """The key names no item of the session's shopping list."""


def _ticks_set(session: PlanningSession, ticks: dict[str, bool], item_keys: dict[str, list[str]]) -> None:
    """Tick (True) or untick (False) items by key; unticking clears a tick under any of the row's keys."""
    for key, checked in ticks.items():
        if checked:
            ShoppingListTick.objects.get_or_create(session=session, key=key)
        else:
            ShoppingListTick.objects.filter(session=session, key__in=item_keys[key]).delete()


def shopping_item_check(*, session: PlanningSession, key: str, checked: bool) -> None:
    """Tick an item off (or on again), computed or added by hand. Raises NotOnListError."""
    item_keys = selectors.shopping_item_keys(session=session)
    if key not in item_keys:
        raise NotOnListError(key)
    with transaction.atomic():
        _session_lock(session.id)
        _ticks_set(session, {key: checked}, item_keys)
        _shopping_list_changed(session)


def shopping_items_check(*, session: PlanningSession, checked: set[str], shown: set[str]) -> None:
    """Set the ticks of the shown items at once (a form posting the whole list): ticked when in checked.
    Keys no longer on the list are ignored."""
    item_keys = selectors.shopping_item_keys(session=session)
    with transaction.atomic():
        _session_lock(session.id)
        _ticks_set(session, {key: key in checked for key in shown if key in item_keys}, item_keys)
        _shopping_list_changed(session)


def shopping_item_add(*, session: PlanningSession, text: str) -> ShoppingListItem:
    """Add an item by hand ("2 bottles of red wine"); it is kept as written."""
    with transaction.atomic():
        _session_lock(session.id)
        item = ShoppingListItem.objects.create(session=session, text=text.strip())
        _shopping_list_changed(session)
    return item


def shopping_item_remove(*, session: PlanningSession, key: str) -> None:
    """Remove an item added by hand. Raises NotOnListError, or ConflictError for a computed item."""
    if key not in selectors.shopping_item_keys(session=session):
        raise NotOnListError(key)
    if not key.startswith(ShoppingListItem.KEY_PREFIX):
        raise ConflictError(
            "Only items added by hand can be removed; tick this one off instead.", code="not_manual"
        )
    with transaction.atomic():
        _session_lock(session.id)
        item_id = key.removeprefix(ShoppingListItem.KEY_PREFIX)
        ShoppingListItem.objects.filter(session=session, pk=item_id).delete()
        ShoppingListTick.objects.filter(session=session, key=key).delete()
        _shopping_list_changed(session)


def dish_portions_set(*, dish: Dish, portions: int | None) -> Dish:
    """Set how many portions of a dish the list is scaled to; None goes back to the guest count."""
    with transaction.atomic():
        _session_lock(dish.session_id)
        Dish.objects.filter(pk=dish.pk).update(portions=portions)
        dish.portions = portions
        _shopping_list_changed(dish.session, dish_name=dish.name)
    return dish


def session_update(
    *, session: PlanningSession, title: str, event_date: date | None, guest_count: int | None
) -> PlanningSession:
    """Change a session's title, date and guest count, and tell its watchers."""
    with transaction.atomic():
        _session_lock(session.id)
        PlanningSession.objects.filter(pk=session.pk).update(
            title=title, event_date=event_date, guest_count=guest_count, updated_at=timezone.now()
        )
        events.event_record(session_id=session.id, event=events.session_updated(change="session_edited"))
    session.refresh_from_db()
    return session


def _files_delete_on_commit(names: list[str]) -> None:
    """Remove stored upload files once the rows that named them are gone for good."""
    from django.core.files.storage import default_storage

    def delete() -> None:
        for name in names:
            try:
                default_storage.delete(name)
            except OSError:
                logger.warning("could not delete stored file %s", name, exc_info=True)

    transaction.on_commit(delete)


def session_delete(*, session: PlanningSession) -> None:
    """Delete a session with its dishes, recipes, jobs, events and stored files."""
    with transaction.atomic():
        _session_lock(session.id)
        names = [name for name in session.jobs.values_list("file", flat=True) if name]
        PlanningSession.objects.filter(pk=session.pk).delete()
        _files_delete_on_commit(names)
    logger.info("session %s deleted", session.id)


def dish_rename(*, dish: Dish, name: str) -> Dish:
    """Give a dish a new name; another dish of the session must not have it already (any case)."""
    name = name.strip()
    with transaction.atomic():
        _session_lock(dish.session_id)
        taken = Dish.objects.filter(session_id=dish.session_id, name__iexact=name).exclude(pk=dish.pk)
        if taken.exists():
            raise ConflictError(f"The dish “{name}” is already in this session.", code="dish_exists")
        old_name = dish.name
        Dish.objects.filter(pk=dish.pk).update(name=name)
        events.event_record(
            session_id=dish.session_id,
            event=events.session_updated(change="dish_renamed", dish_name=name, old_name=old_name),
        )
    dish.refresh_from_db()
    return dish


def dish_remove(*, dish: Dish) -> None:
    """Take a dish off the session with its recipe and uploads; a running extraction of it is dropped."""
    with transaction.atomic():
        _session_lock(dish.session_id)
        names = [name for name in dish.jobs.values_list("file", flat=True) if name]
        Dish.objects.filter(pk=dish.pk).delete()
        events.event_record(
            session_id=dish.session_id,
            event=events.session_updated(change="dish_removed", dish_name=dish.name),
        )
        _files_delete_on_commit(names)
