"""Planning sessions, their dishes, recipe sources, ingredients and extraction jobs (DESIGN §3)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower


class PlanningSession(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_sessions"
    )
    title = models.CharField(max_length=200)
    event_date = models.DateField(null=True, blank=True)
    guest_count = models.PositiveIntegerField(null=True, blank=True)
    # The seq of the session's newest event; bumped under the row lock when an event is recorded.
    last_event_seq = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Dish(models.Model):
    class Status(models.TextChoices):
        PROMISED = "promised"
        EXTRACTING = "extracting"
        READY = "ready"
        FAILED = "failed"

    session = models.ForeignKey(PlanningSession, on_delete=models.CASCADE, related_name="dishes")
    name = models.CharField(max_length=settings.MAX_DISH_NAME_LENGTH)
    recipe_status = models.CharField(max_length=16, choices=Status.choices, default=Status.PROMISED)
    # How many portions the host wants of this dish; null means the session's guest count. Kept on the
    # dish rather than its recipe source because a new upload replaces the source.
    portions = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name_plural = "dishes"
        constraints = [
            models.UniqueConstraint(Lower("name"), "session", name="dish_name_unique_per_session_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class ExtractionJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        PROCESSING = "processing"
        COMPLETED = "completed"
        FAILED = "failed"
        CANCELLED = "cancelled"

    IN_FLIGHT = (Status.PENDING, Status.PROCESSING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(PlanningSession, on_delete=models.CASCADE, related_name="jobs")
    dish = models.ForeignKey(Dish, on_delete=models.CASCADE, related_name="jobs")
    file = models.FileField(upload_to="jobs/", max_length=255, blank=True)
    original_filename = models.CharField(max_length=255)
    mime_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    stage = models.CharField(max_length=16, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_filename} ({self.status})"


class RecipeSource(models.Model):
    class SourceType(models.TextChoices):
        USER_UPLOAD = "user_upload"
        MANUAL = "manual"

    dish = models.OneToOneField(Dish, on_delete=models.CASCADE, related_name="recipe_source")
    source_type = models.CharField(max_length=16, choices=SourceType.choices, default=SourceType.USER_UPLOAD)
    title = models.CharField(max_length=300, blank=True)
    # The yield as printed ("Serves 4–6") and as a number of servings when one can be read (5).
    yields = models.CharField(max_length=100, blank=True)
    servings = models.FloatField(null=True, blank=True)
    confirmed = models.BooleanField(default=False)
    job = models.ForeignKey(ExtractionJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title or f"Recipe for {self.dish}"


class Ingredient(models.Model):
    recipe_source = models.ForeignKey(RecipeSource, on_delete=models.CASCADE, related_name="ingredients")
    position = models.PositiveIntegerField()
    # The sub-recipe heading the line sits under ("For the sauce"); empty when none.
    group = models.CharField(max_length=200, blank=True, default="")
    raw_text = models.TextField()
    quantity = models.FloatField(null=True, blank=True)
    quantity_max = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=64, blank=True)
    name = models.CharField(max_length=300, blank=True)
    preparation = models.CharField(max_length=300, blank=True)
    comment = models.CharField(max_length=300, blank=True)
    confidence = models.FloatField(default=0.0)
    # The food in USDA FDC terms (ingredient-parser-nlp's foundation foods), "|"-separated when the line
    # names several ("salt and pepper"); empty when not computed. Read by the shopping list only.
    food = models.CharField(max_length=500, blank=True, default="")
    food_category = models.CharField(max_length=200, blank=True, default="")
    # The size of one package when the line counts packages: 400 gram for "2 x 400 g tins".
    pack_quantity = models.FloatField(null=True, blank=True)
    pack_unit = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["recipe_source", "position"], name="ingredient_position_unique"),
        ]

    def __str__(self) -> str:
        return self.raw_text


class ShoppingList(models.Model):
    """A session's shopping list settings (the list itself is computed from the ingredients)."""

    class Units(models.TextChoices):
        METRIC = "metric"
        US = "us"

    session = models.OneToOneField(
        PlanningSession, on_delete=models.CASCADE, primary_key=True, related_name="shopping_list"
    )
    hide_staples = models.BooleanField(default=False)
    # Empty: the default read from the recipes' units.
    units = models.CharField(max_length=8, choices=Units.choices, blank=True)

    def __str__(self) -> str:
        return f"Shopping list of {self.session}"


class ShoppingListTick(models.Model):
    """An item ticked off, by its list key; a tick stays while the food is on the list."""

    session = models.ForeignKey(PlanningSession, on_delete=models.CASCADE, related_name="shopping_ticks")
    key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "key"], name="shopping_tick_unique")]

    def __str__(self) -> str:
        return self.key


class ShoppingListItem(models.Model):
    """An item a person added to the list by hand (napkins, wine)."""

    KEY_PREFIX = "added-"

    session = models.ForeignKey(PlanningSession, on_delete=models.CASCADE, related_name="shopping_items")
    text = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def key(self) -> str:
        return f"{self.KEY_PREFIX}{self.pk}"
