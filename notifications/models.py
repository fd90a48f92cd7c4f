"""The persisted event log: the source of truth for what a WebSocket client may have missed."""

from django.db import models


class SessionEvent(models.Model):
    session = models.ForeignKey(
        "sessions_app.PlanningSession", on_delete=models.CASCADE, related_name="events"
    )
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "seq"], name="event_seq_unique_per_session")
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.type}"

    def as_message(self) -> dict:
        """The event as it goes over the wire."""
        return {**self.payload, "type": self.type, "event_id": self.seq}
