"""The admin: sessions, dishes, jobs and recipes for staff, with a permission-checked file download."""

import os

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from sessions_app import services
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


class DishInline(admin.TabularInline):
    model = Dish
    extra = 0
    fields = ["name", "recipe_status"]
    readonly_fields = ["recipe_status"]


class JobInline(admin.TabularInline):
    model = ExtractionJob
    extra = 0
    fields = [
        "id",
        "dish",
        "original_filename",
        "status",
        "stage",
        "progress",
        "attempts",
        "error",
        "created_at",
    ]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PlanningSession)
class PlanningSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "event_date", "guest_count", "created_at"]
    list_filter = ["event_date"]
    search_fields = ["title", "owner__username", "id"]
    readonly_fields = ["id", "last_event_seq", "created_at", "updated_at"]
    inlines = [DishInline, JobInline]


@admin.register(Dish)
class DishAdmin(admin.ModelAdmin):
    """Every session's dishes in one list, by state; dishes are changed on their session's page."""

    list_display = ["name", "session", "recipe_status", "created_at"]
    list_filter = ["recipe_status", "created_at"]
    search_fields = ["name", "session__title", "session__owner__username"]
    list_select_related = ["session"]
    readonly_fields = ["name", "session", "recipe_status", "created_at"]

    def has_add_permission(self, request):
        # Dishes are added and removed on the session's page, where the change is announced to its watchers.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ExtractionJob)
class ExtractionJobAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "original_filename",
        "dish",
        "session",
        "status",
        "stage",
        "progress",
        "attempts",
        "created_at",
        "finished_at",
    ]
    list_filter = ["status", "mime_type", "created_at"]
    search_fields = ["id", "original_filename", "dish__name", "session__title", "sha256", "error"]
    list_select_related = ["dish", "session"]
    readonly_fields = [
        "id",
        "session",
        "dish",
        "stored_file",
        "original_filename",
        "mime_type",
        "size",
        "sha256",
        "status",
        "stage",
        "progress",
        "attempts",
        "error",
        "error_code",
        "worker",
        "stage_timings",
        "created_at",
        "started_at",
        "finished_at",
        "heartbeat_at",
    ]
    exclude = ["file", "timings"]
    actions = ["retry_jobs", "cancel_jobs"]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        download = path(
            "<uuid:job_id>/download/",
            self.admin_site.admin_view(self.download_view),
            name="sessions_app_extractionjob_download",
        )
        return [download, *super().get_urls()]

    def download_view(self, request, job_id):
        """The stored upload, as an attachment, for staff allowed to view jobs; nothing serves it otherwise."""
        job = get_object_or_404(ExtractionJob, pk=job_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        if not job.file or not job.file.storage.exists(job.file.name):
            raise Http404("The stored file was pruned or never kept.")
        # Always an octet-stream attachment with nosniff: an uploaded HTML file must never render here.
        response = FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=os.path.basename(job.original_filename) or str(job.id),
            content_type="application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @admin.display(description="Stored file")
    def stored_file(self, job: ExtractionJob) -> str:
        """A download link when the file is still kept, else why there is none."""
        if not job.file:
            return "Not kept (pruned after the retention period)."
        url = reverse("admin:sessions_app_extractionjob_download", kwargs={"job_id": job.id})
        return format_html('<a href="{}">Download {}</a> ({} bytes)', url, job.original_filename, job.size)

    @admin.display(description="Timings per stage")
    def stage_timings(self, job: ExtractionJob) -> str:
        """Seconds per pipeline stage, one row each, in the order the stages ran, then their total."""
        if not job.timings:
            return "No timings recorded (the job has not completed)."
        timings = dict(job.timings)
        # The pipeline may record its own total; otherwise it is the sum of the stages.
        total = timings.pop("total", None)
        if total is None:
            total = sum(value for value in timings.values() if isinstance(value, int | float))
        rows = [*timings.items(), ("total", total)]
        return format_html(
            "<table>{}</table>",
            format_html_join(
                "",
                "<tr><th scope='row'>{}</th><td>{}</td></tr>",
                (
                    (stage, f"{seconds:.2f} s" if isinstance(seconds, int | float) else seconds)
                    for stage, seconds in rows
                ),
            ),
        )

    @admin.action(description="Retry the selected failed or cancelled jobs")
    def retry_jobs(self, request, queryset):
        self._apply(request, queryset, services.job_retry, "retried")

    @admin.action(description="Cancel the selected pending or running jobs")
    def cancel_jobs(self, request, queryset):
        self._apply(request, queryset, services.job_cancel, "cancelled")

    def _apply(self, request, queryset, service, verb):
        done = 0
        for job in queryset.select_related("dish"):
            try:
                service(job=job)
                done += 1
            except services.ConflictError as exc:
                self.message_user(request, f"{job.id}: {exc}", messages.WARNING)
        if done:
            self.message_user(request, f"{done} job(s) {verb}.", messages.SUCCESS)


class IngredientInline(admin.TabularInline):
    model = Ingredient
    extra = 0
    fields = [
        "position",
        "raw_text",
        "quantity",
        "quantity_max",
        "unit",
        "name",
        "preparation",
        "comment",
        "confidence",
    ]


@admin.register(RecipeSource)
class RecipeSourceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "dish", "source_type", "confirmed", "created_at"]
    list_filter = ["source_type", "confirmed"]
    search_fields = ["title", "dish__name"]
    readonly_fields = ["job", "created_at"]
    inlines = [IngredientInline]


@admin.register(Ingredient)
class IngredientAdmin(admin.ModelAdmin):
    list_display = ["raw_text", "quantity", "unit", "name", "food", "confidence", "recipe_source"]
    search_fields = ["raw_text", "name"]
    list_select_related = ["recipe_source"]


@admin.register(ShoppingList)
class ShoppingListAdmin(admin.ModelAdmin):
    list_display = ["session", "hide_staples", "units"]
    list_select_related = ["session"]


@admin.register(ShoppingListItem)
class ShoppingListItemAdmin(admin.ModelAdmin):
    list_display = ["text", "session", "created_at"]
    search_fields = ["text"]
    list_select_related = ["session"]


@admin.register(ShoppingListTick)
class ShoppingListTickAdmin(admin.ModelAdmin):
    list_display = ["key", "session", "created_at"]
    list_select_related = ["session"]
