"""The event log and the broadcast helper: every change a session's watchers hear about passes here.

An event is written in the same transaction as the change it announces, numbered under a lock on the
session row so that `seq` follows commit order, and sent to the session's channel group after commit.
"""

import logging
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.db.models import F

from notifications.models import SessionEvent
from sessions_app.models import PlanningSession

logger = logging.getLogger(__name__)

EXTRACTION_STARTED = "extraction_started"
EXTRACTION_PROGRESS = "extraction_progress"
EXTRACTION_COMPLETE = "extraction_complete"
SESSION_UPDATED = "session_updated"


def group_name(session_id: uuid.UUID | str) -> str:
    """The channel group of one planning session."""
    return f"session.{session_id}"


def event_record(*, session_id: uuid.UUID, type: str, payload: dict) -> SessionEvent:
    """Write the session's next event inside the current transaction; broadcast it after commit."""
    if not connection.in_atomic_block:
        raise RuntimeError("event_record must run inside the transaction of the change it announces")
    # The UPDATE holds the session row's lock until commit, so concurrent writers take turns.
    PlanningSession.objects.filter(pk=session_id).update(last_event_seq=F("last_event_seq") + 1)
    seq = PlanningSession.objects.filter(pk=session_id).values_list("last_event_seq", flat=True).get()
    event = SessionEvent.objects.create(session_id=session_id, seq=seq, type=type, payload=payload)
    transaction.on_commit(lambda: event_broadcast(event=event))
    return event


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
    events = SessionEvent.objects.filter(session_id=session_id, seq__gt=after)
    if upto is not None:
        events = events.filter(seq__lte=upto)
    return [event.as_message() for event in events.order_by("seq")]
