"""The session event vocabulary, the event log and the broadcast helper (DESIGN §5).

Every change a session's watchers hear about passes here: a service builds the event with one of the typed
builders below, `event_record` writes it in the same transaction as the change it announces, numbered
under a lock on the session row so that `seq` follows commit order, and `event_broadcast` sends it to the
session's channel group after commit.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal, NotRequired, TypedDict

from asgiref.sync import async_to_sync
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
    PlanningSession.objects.filter(pk=session_id).update(last_event_seq=F("last_event_seq") + 1)
    seq = PlanningSession.objects.filter(pk=session_id).values_list("last_event_seq", flat=True).get()
    row = SessionEvent.objects.create(session_id=session_id, seq=seq, type=event.type, payload=event.payload)
    transaction.on_commit(lambda: event_broadcast(event=row))
    return row


def event_broadcast(*, event: SessionEvent) -> None:
    """Send a committed event to everyone watching its session; a miss is repaired by replay."""
    message = {"type": "session.event", "event": event.as_message()}
    try:
        async_to_sync(get_channel_layer().group_send)(group_name(event.session_id), message)
    except Exception:
        # Clients catch up from the event log on their next message or reconnect.
        logger.warning("broadcast of event %s/%s failed", event.session_id, event.seq, exc_info=True)


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
