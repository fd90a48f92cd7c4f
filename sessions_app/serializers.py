"""Input and output shapes of the REST API."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.urls import reverse
from rest_framework import serializers

from sessions_app import selectors, shopping, shopping_words
from sessions_app.models import Dish, ExtractionJob, Ingredient, PlanningSession, RecipeSource


class IngredientSerializer(serializers.ModelSerializer):
    text = serializers.CharField(source="raw_text")

    class Meta:
        model = Ingredient
        fields = [
            "position",
            "text",
            "quantity",
            "quantity_max",
            "unit",
            "name",
            "preparation",
            "comment",
            "confidence",
        ]


class RecipeSourceSerializer(serializers.ModelSerializer):
    ingredients = IngredientSerializer(many=True, read_only=True)
    task_id = serializers.UUIDField(source="job_id", allow_null=True)

    class Meta:
        model = RecipeSource
        fields = [
            "source_type",
            "title",
            "yields",
            "servings",
            "confirmed",
            "task_id",
            "created_at",
            "ingredients",
        ]


class DishSerializer(serializers.ModelSerializer):
    recipe_source = serializers.SerializerMethodField()

    class Meta:
        model = Dish
        fields = ["id", "name", "recipe_status", "portions", "recipe_source"]

    def get_recipe_source(self, dish: Dish) -> dict | None:
        source = getattr(dish, "recipe_source", None)
        return RecipeSourceSerializer(source).data if source else None


# What a name must hold once trimmed: a visible character, and no NUL (which DRF refuses). As a validator it
# is also the `pattern` of the field in /api/schema/, so the schema says what the server accepts.
NOT_BLANK = RegexValidator(r"^[^\x00]*\S[^\x00]*$", "This field may not be blank.")


class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers and booleans instead of turning them into text, as the schema's
    `type: string` says."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def name_field(max_length: int) -> serializers.CharField:
    """A required, trimmed, non-blank text of at most `max_length` characters."""
    return StrictCharField(max_length=max_length, validators=[NOT_BLANK])


class DishInputSerializer(serializers.Serializer):
    name = name_field(settings.MAX_DISH_NAME_LENGTH)


class SessionInputSerializer(serializers.Serializer):
    title = name_field(200)
    event_date = serializers.DateField(required=False, allow_null=True)
    guest_count = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10000)
    dishes = serializers.ListField(
        child=name_field(settings.MAX_DISH_NAME_LENGTH),
        required=False,
        default=list,
        max_length=200,
    )


class JobSummarySerializer(serializers.ModelSerializer):
    """A job as listed: the API's job lists, `pending_extraction_tasks` and the `session_state` snapshot."""

    task_id = serializers.UUIDField(source="id")
    dish_name = serializers.CharField(source="dish.name")
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ExtractionJob
        fields = [
            "task_id",
            "dish_name",
            "status",
            "stage",
            "progress",
            "attempts",
            "error",
            "error_code",
            "original_filename",
            "mime_type",
            "size",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
        ]

    def get_status_url(self, job: ExtractionJob) -> str:
        return reverse("api-task-detail", kwargs={"task_id": job.id})


class JobDetailSerializer(JobSummarySerializer):
    """One job with its result; pass the job's recipe source (or None) as context["recipe_source"]."""

    ingredient_count = serializers.SerializerMethodField()
    ingredients = serializers.SerializerMethodField()
    recipe_title = serializers.SerializerMethodField()

    class Meta(JobSummarySerializer.Meta):
        fields = [
            *JobSummarySerializer.Meta.fields,
            "heartbeat_at",
            "worker",
            "timings",
            "ingredient_count",
            "recipe_title",
            "ingredients",
        ]

    def _source(self, job: ExtractionJob) -> RecipeSource | None:
        return self.context["recipe_source"]

    def get_ingredient_count(self, job: ExtractionJob) -> int:
        source = self._source(job)
        return len(source.ingredients.all()) if source else 0

    def get_recipe_title(self, job: ExtractionJob) -> str:
        source = self._source(job)
        return source.title if source else ""

    def get_ingredients(self, job: ExtractionJob) -> list[dict] | None:
        source = self._source(job)
        return IngredientSerializer(source.ingredients.all(), many=True).data if source else None


class SessionSerializer(serializers.ModelSerializer):
    dishes = DishSerializer(many=True, read_only=True)
    recipe_promises = serializers.SerializerMethodField()
    pending_extraction_tasks = serializers.SerializerMethodField()

    class Meta:
        model = PlanningSession
        fields = [
            "id",
            "title",
            "event_date",
            "guest_count",
            "created_at",
            "updated_at",
            "last_event_seq",
            "dishes",
            "recipe_promises",
            "pending_extraction_tasks",
        ]

    def get_recipe_promises(self, session: PlanningSession) -> list[str]:
        return [dish.name for dish in session.dishes.all() if dish.recipe_status == Dish.Status.PROMISED]

    def get_pending_extraction_tasks(self, session: PlanningSession) -> list[dict]:
        return JobSummarySerializer(selectors.session_jobs_in_flight(session_id=session.id), many=True).data


class SessionListSerializer(serializers.ModelSerializer):
    dish_count = serializers.IntegerField(read_only=True)  # annotated by selectors.sessions_owned

    class Meta:
        model = PlanningSession
        fields = ["id", "title", "event_date", "guest_count", "created_at", "dish_count"]


class UploadAcceptedSerializer(serializers.Serializer):
    task_id = serializers.UUIDField()
    status = serializers.CharField()
    message = serializers.CharField()
    estimated_seconds = serializers.IntegerField()
    status_url = serializers.CharField()
    websocket_url = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    """Every error answer: a sentence, a machine-readable code, and for invalid input the fields' errors."""

    detail = serializers.CharField()
    code = serializers.CharField()
    errors = serializers.DictField(required=False, help_text="Per field, what is wrong (400 only).")


class ShoppingItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    quantity = serializers.FloatField(allow_null=True)
    quantity_max = serializers.FloatField(allow_null=True)
    unit = serializers.CharField(allow_null=True)
    display = serializers.CharField(allow_blank=True)
    aisle = serializers.ChoiceField(choices=shopping_words.AISLES)
    dishes = serializers.ListField(child=serializers.CharField())
    lines = serializers.ListField(child=serializers.CharField())
    scaled = serializers.BooleanField()
    checked = serializers.BooleanField()
    manual = serializers.BooleanField()


class ShoppingListSerializer(serializers.Serializer):
    session_id = serializers.UUIDField()
    guest_count = serializers.IntegerField(allow_null=True)
    hide_staples = serializers.BooleanField()
    units = serializers.ChoiceField(choices=shopping.UNIT_SYSTEMS)
    items = ShoppingItemSerializer(many=True)


class StrictBooleanField(serializers.BooleanField):
    """true or false only: "yes" or 1 are more likely a client's mistake than a choice."""

    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            return data
        self.fail("invalid")


class ShoppingListSettingsInputSerializer(serializers.Serializer):
    hide_staples = StrictBooleanField(required=False)
    units = serializers.ChoiceField(choices=shopping.UNIT_SYSTEMS, required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send hide_staples, units or both.", code="nothing_to_change")
        return attrs


class ShoppingItemCheckInputSerializer(serializers.Serializer):
    checked = StrictBooleanField()


class ShoppingItemAddInputSerializer(serializers.Serializer):
    text = name_field(200)


class DishPortionsInputSerializer(serializers.Serializer):
    portions = serializers.IntegerField(min_value=1, max_value=10000, allow_null=True)
