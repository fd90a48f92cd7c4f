from django.contrib import admin, messages

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
        "file",
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
        "timings",
        "created_at",
        "started_at",
        "finished_at",
        "heartbeat_at",
    ]
    actions = ["retry_jobs", "cancel_jobs"]

    def has_add_permission(self, request):
        return False

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
