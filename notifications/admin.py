from django.contrib import admin

from notifications.models import SessionEvent


@admin.register(SessionEvent)
class SessionEventAdmin(admin.ModelAdmin):
    list_display = ["session", "seq", "type", "created_at"]
    list_filter = ["type"]
    search_fields = ["session__id", "session__title"]
    readonly_fields = ["session", "seq", "type", "payload", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
