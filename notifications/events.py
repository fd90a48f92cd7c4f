"""The session event vocabulary, the event log and the broadcast helper (DESIGN §5).

Every change a session's watchers hear about passes here: a service builds the event with one of the typed
builders below, `event_record` writes it in the same transaction as the change it announces, numbered
under a lock on the session row so that `seq` follows commit order, and `event_broadcast` sends it to the
session's channel group after commit.
"""

import asyncio
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal, NotRequired, TypedDict

from asgiref.sync import SyncToAsync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from notifications.models import SessionEvent
from sessions_app.models import PlanningSession

logger = logging.getLogger(__name__)

EXTRACTION_STARTED = "extraction_started"
EXTRACTION_PROGRESS = "extraction_progress"
EXTRACTION_COMPLETE = "extraction_complete"
SESSION_UPDATED = "session_updated"

Stage = Literal["reading", "ocr", "parsing", "saving"]
Change = Literal[
    "session_edited",
    "dish_added",
    "dish_renamed",
    "dish_removed",
    "upload_queued",
    "job_retried",
    "job_cancelled",
    "shopping_list_changed",
]


class JobRef(TypedDict):
    """Which job and dish an extraction event is about; `task_id` is the job's uuid as a string."""

    task_id: str
    dish_name: str


class ExtractionStartedPayload(JobRef):
    stage: Stage
    progress: int
    attempt: int


class ExtractionProgressPayload(JobRef):
    stage: Stage
    progress: int  # 0–100


class ExtractionCompletePayload(JobRef):
    success: bool
    # success: true
    ingredient_count: NotRequired[int]
    ingredients: NotRequired[list[dict]]
    recipe_title: NotRequired[str]
    # success: false
    error: NotRequired[str]
    code: NotRequired[str]


class SessionUpdatedPayload(TypedDict):
    change: Change
    task_id: NotRequired[str]
    dish_name: NotRequired[str]
    old_name: NotRequired[str]


@dataclass(frozen=True)
class Event:
    """An event not yet recorded: its DESIGN §5 type and its payload (everything but `type`/`event_id`)."""

    type: str
    payload: dict


def extraction_started(*, task_id: uuid.UUID | str, dish_name: str, attempt: int) -> Event:
    """A worker claimed the job; `attempt` counts from 1."""
    payload = ExtractionStartedPayload(
        task_id=str(task_id), dish_name=dish_name, stage="reading", progress=0, attempt=attempt
    )
    return Event(EXTRACTION_STARTED, dict(payload))


def extraction_progress(*, task_id: uuid.UUID | str, dish_name: str, stage: Stage, progress: int) -> Event:
    """A running job reached `stage`, `progress` percent (0–100) of the way."""
    payload = ExtractionProgressPayload(
        task_id=str(task_id), dish_name=dish_name, stage=stage, progress=progress
    )
    return Event(EXTRACTION_PROGRESS, dict(payload))


def extraction_succeeded(
    *, task_id: uuid.UUID | str, dish_name: str, recipe_title: str, ingredients: list[dict]
) -> Event:
    """`extraction_complete` with success: the dish's new ingredient list (DESIGN §6 ingredient dicts)."""
    payload = ExtractionCompletePayload(
        task_id=str(task_id),
        dish_name=dish_name,
        success=True,
        ingredient_count=len(ingredients),
        ingredients=ingredients,
        recipe_title=recipe_title,
    )
    return Event(EXTRACTION_COMPLETE, dict(payload))


def extraction_failed(*, task_id: uuid.UUID | str, dish_name: str, error: str, code: str) -> Event:
    """`extraction_complete` without success: `error` is the sentence shown to the person."""
    payload = ExtractionCompletePayload(
        task_id=str(task_id), dish_name=dish_name, success=False, error=error, code=code
    )
    return Event(EXTRACTION_COMPLETE, dict(payload))


def session_updated(
    *,
    change: Change,
    task_id: uuid.UUID | str | None = None,
    dish_name: str | None = None,
    old_name: str | None = None,
) -> Event:
    """Any other change to the session; the optional fields say which job or dish it touched."""
    payload = SessionUpdatedPayload(change=change)
    if task_id is not None:
        payload["task_id"] = str(task_id)
    if dish_name is not None:
        payload["dish_name"] = dish_name
    if old_name is not None:
        payload["old_name"] = old_name
    return Event(SESSION_UPDATED, dict(payload))


class SessionStateMessage(TypedDict):
    """The snapshot a client gets on connecting without `last_event_id`; not stored, never replayed."""

    type: Literal["session_state"]
    last_event_id: int
    pending_tasks: list[dict]


def session_state(*, last_event_id: int, pending_tasks: list[dict]) -> SessionStateMessage:
    """The `session_state` snapshot: the newest event number and the jobs pending or processing."""
    return SessionStateMessage(type="session_state", last_event_id=last_event_id, pending_tasks=pending_tasks)


def group_name(session_id: uuid.UUID | str) -> str:
    """The channel group of one planning session."""
    return f"session.{session_id}"


def event_record(*, session_id: uuid.UUID, event: Event) -> SessionEvent:
    """Write the session's next event inside the current transaction; broadcast it after commit.

    Raises RuntimeError outside a transaction: an event must commit with the change it announces.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("event_record must run inside the transaction of the change it announces")
    # The UPDATE holds the session row's lock until commit, so concurrent writers take turns.
    seq = _next_seq(session_id)
    row = SessionEvent.objects.create(session_id=session_id, seq=seq, type=event.type, payload=event.payload)
    transaction.on_commit(lambda: event_broadcast(event=row))
    return row


# Longest a broadcast may hold up the job or request that sent it; the event log repairs a missed one.
BROADCAST_TIMEOUT_SECONDS = 10

_loop_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_loop_pid: int | None = None


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the server whose request this thread is running (daphne's), else None."""
    threadlocal = SyncToAsync.threadlocal
    if getattr(threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    loop = getattr(threadlocal, "main_event_loop", None)
    # A thread keeps the loop of the last async caller it served, which may have ended since.
    return loop if loop is not None and loop.is_running() else None


def _broadcast_loop() -> asyncio.AbstractEventLoop:
    """This process's own event loop for broadcasts, on a daemon thread; made anew in a forked child."""
    global _loop, _loop_pid
    with _loop_lock:
        if _loop is None or _loop_pid != os.getpid():
            _loop = asyncio.new_event_loop()
            _loop_pid = os.getpid()
            threading.Thread(target=_loop.run_forever, name="event-broadcast", daemon=True).start()
        return _loop


def _next_seq(session_id: uuid.UUID) -> int:
    """Add one to the session's last_event_seq and return the new value (in one statement where it can)."""
    if (
        not connection.features.can_return_columns_from_insert
    ):  # the same SQLite 3.35 gives UPDATE ... RETURNING
        PlanningSession.objects.filter(pk=session_id).update(last_event_seq=F("last_event_seq") + 1)
        return PlanningSession.objects.filter(pk=session_id).values_list("last_event_seq", flat=True).get()
    meta = PlanningSession._meta
    quote = connection.ops.quote_name
    column = quote(meta.get_field("last_event_seq").column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(meta.db_table)} SET {column} = {column} + 1 WHERE {quote(meta.pk.column)} = %s "
            f"RETURNING {column}",
            [meta.pk.get_db_prep_value(session_id, connection)],
        )
        found = cursor.fetchone()
    if found is None:
        raise PlanningSession.DoesNotExist(f"no planning session {session_id}")
    return found[0]


def event_broadcast(*, event: SessionEvent) -> None:
    """Send a committed event to everyone watching its session; a miss is repaired by replay.

    In a request the send is handed to daphne's loop and not waited for; elsewhere (workers, commands) it
    is waited for. Either way it is given at most BROADCAST_TIMEOUT_SECONDS, and never raises.
    """
    message = {"type": "session.event", "event": event.as_message()}
    group = group_name(event.session_id)
    try:
        server_loop = _server_loop()
        if server_loop is not None:
            # In a request, on daphne's own loop, without waiting: each daphne process runs its requests on
            # one thread, which would otherwise sit idle through the channel layer's Redis round trips.
            future = asyncio.run_coroutine_threadsafe(_group_send_bounded(group, message), server_loop)
            future.add_done_callback(lambda done: _log_failed_broadcast(done, event))
        else:
            # Outside a server (Celery workers, commands), async_to_sync would make an event loop per call,
            # and channels-redis a new Redis connection per loop: a connect and a handshake per event.
            # One long-lived loop keeps the channel layer's connections open between events.
            future = asyncio.run_coroutine_threadsafe(
                get_channel_layer().group_send(group, message), _broadcast_loop()
            )
            try:
                future.result(timeout=BROADCAST_TIMEOUT_SECONDS)
            except BaseException:
                future.cancel()
                raise
    except Exception:
        # Clients catch up from the event log on their next message or reconnect.
        logger.warning("broadcast of event %s/%s failed", event.session_id, event.seq, exc_info=True)


async def _group_send_bounded(group: str, message: dict) -> None:
    await asyncio.wait_for(get_channel_layer().group_send(group, message), BROADCAST_TIMEOUT_SECONDS)


def _log_failed_broadcast(done, event: SessionEvent) -> None:
    if not done.cancelled() and done.exception() is not None:
        logger.warning(
            "broadcast of event %s/%s failed", event.session_id, event.seq, exc_info=done.exception()
        )


def events_after(*, session_id: uuid.UUID, after: int, upto: int | None = None) -> list[dict]:
    """Stored events with seq > after (and <= upto), in order, as wire messages."""
    rows = SessionEvent.objects.filter(session_id=session_id, seq__gt=after)
    if upto is not None:
        rows = rows.filter(seq__lte=upto)
    return [row.as_message() for row in rows.order_by("seq")]


def events_prune() -> int:
    """Delete events older than RETENTION_DAYS; returns how many were deleted."""
    cutoff = timezone.now() - timedelta(days=settings.RETENTION_DAYS)
    deleted, _ = SessionEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted
