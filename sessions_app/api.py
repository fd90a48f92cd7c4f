"""REST API views (DESIGN §4): each parses input, calls one service, formats output."""

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import APIException, NotFound, ParseError, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from extraction.filetypes import estimated_seconds
from sessions_app import selectors, services, shopping, uploads
from sessions_app import serializers as s
from sessions_app.models import Dish


def exception_handler(exc, context):
    """Every error is JSON with a `detail` sentence and a machine-readable `code`."""
    if isinstance(exc, Http404):
        exc = NotFound("Not found.")
    elif isinstance(exc, SuspiciousOperation):
        # Too many query fields, a malformed multipart body and the like: the client's fault, said in JSON.
        exc = ParseError("The request could not be read.", code="bad_request")
    elif isinstance(exc, services.NotOnListError):
        exc = NotFound("No item with this key is on the shopping list.", code="not_on_list")
    elif isinstance(exc, services.ConflictError):
        exc = APIException(detail=str(exc), code=exc.code)
        exc.status_code = status.HTTP_409_CONFLICT
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, ValidationError):
        response.data = {"detail": "The request is not valid.", "code": "invalid", "errors": response.data}
    elif isinstance(exc, APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        response.data = {"detail": str(exc.detail), "code": code}
    return response


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    """Schema entries for error answers: each is ErrorSerializer's `{detail, code}` (400 adds `errors`)."""
    return {code: OpenApiResponse(s.ErrorSerializer) for code in codes}


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
def not_found(request, *args, **kwargs):
    """Any path under /api/ that names no endpoint, or an id that is not a uuid: JSON 404."""
    raise NotFound("Not found.")


def job_detail_response(job, *, status_code: int = status.HTTP_200_OK) -> Response:
    """A job as JSON (JobDetailSerializer), with its recipe's ingredients once it has completed."""
    context = {"recipe_source": selectors.job_recipe_source(job=job)}
    return Response(s.JobDetailSerializer(job, context=context).data, status=status_code)


class SessionListView(APIView):
    @extend_schema(responses={200: s.SessionListSerializer(many=True), **errors(401)})
    def get(self, request):
        sessions = selectors.sessions_owned(user=request.user)
        return Response(s.SessionListSerializer(sessions, many=True).data)

    @extend_schema(request=s.SessionInputSerializer, responses={201: s.SessionSerializer, **errors(400, 401)})
    def post(self, request):
        data = s.SessionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = services.session_create(
            owner=request.user,
            title=data.validated_data["title"],
            event_date=data.validated_data.get("event_date"),
            guest_count=data.validated_data.get("guest_count"),
            dish_names=data.validated_data["dishes"],
        )
        session = selectors.session_get_owned_detail(user=request.user, id=session.pk)
        return Response(s.SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailView(APIView):
    @extend_schema(responses={200: s.SessionSerializer, **errors(401, 404)})
    def get(self, request, session_id):
        session = selectors.session_get_owned_detail(user=request.user, id=session_id)
        return Response(s.SessionSerializer(session).data)


class DishCreateView(APIView):
    @extend_schema(
        request=s.DishInputSerializer, responses={201: s.DishSerializer, **errors(400, 401, 404, 409)}
    )
    def post(self, request, session_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        data = s.DishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dish = services.dish_add(session=session, name=data.validated_data["name"])
        return Response(s.DishSerializer(dish).data, status=status.HTTP_201_CREATED)


# A dish name as the upload accepts it: not blank, at most MAX_DISH_NAME_LENGTH characters.
DISH_NAME_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": settings.MAX_DISH_NAME_LENGTH,
    "pattern": r"\S",
}


class UploadRecipeView(APIView):
    """Accept a recipe file for a dish and queue its extraction; the work happens in a worker."""

    parser_classes = [MultiPartParser]
    throttle_classes = [uploads.UploadRateThrottle]

    def initial(self, request, *args, **kwargs):
        # Before authentication: the CSRF check of a cookie user already reads the body.
        uploads.check_content_length(request.META)
        request._request.upload_handlers.insert(0, uploads.SizeLimitUploadHandler(request._request))
        super().initial(request, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter("session_id", OpenApiTypes.UUID, OpenApiParameter.PATH),
            OpenApiParameter(
                "dish_name",
                DISH_NAME_SCHEMA,
                required=True,
                description="The dish the recipe is for; created when the session has none of that name.",
            ),
        ],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        responses={
            202: s.UploadAcceptedSerializer,
            **errors(400, 401, 404, 413, 415, 429),
        },
    )
    def post(self, request, session_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        dish_name = uploads.validate_dish_name(
            request.query_params.get("dish_name") or request.data.get("dish_name")
        )
        mime_type = uploads.validate_upload(request.FILES.get("file"))
        try:
            job = services.job_create(
                session=session,
                dish_name=dish_name,
                upload=request.FILES["file"],
                mime_type=mime_type,
                # Counted once, under a lock on the owner, by job_create (under ASGI the body is already
                # read when the view runs, so an earlier check would save no reading).
                max_in_flight=settings.MAX_JOBS_IN_FLIGHT,
            )
        except services.TooManyJobsError:
            raise uploads.too_many_jobs() from None
        status_url = request.build_absolute_uri(reverse("api-task-detail", kwargs={"task_id": job.id}))
        scheme = "wss" if request.is_secure() else "ws"
        body = {
            "task_id": str(job.id),
            "status": job.status,
            "message": f"Reading the recipe for “{job.dish.name}”.",
            "estimated_seconds": estimated_seconds(mime_type),
            "status_url": status_url,
            "websocket_url": f"{scheme}://{request.get_host()}/ws/{session.id}",
        }
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": status_url})


@extend_schema(exclude=True)
class UploadRecipeSlashedView(UploadRecipeView):
    """The same upload at the path with a trailing slash; the schema documents it once, without."""


class TaskDetailView(APIView):
    @extend_schema(responses={200: s.JobDetailSerializer, **errors(401, 404)})
    def get(self, request, task_id):
        return job_detail_response(selectors.job_get_owned(user=request.user, id=task_id))


class SessionTasksView(APIView):
    @extend_schema(responses={200: s.JobSummarySerializer(many=True), **errors(401, 404)})
    def get(self, request, session_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        jobs = selectors.session_jobs(session_id=session.id)
        return Response(s.JobSummarySerializer(jobs, many=True).data)


class TaskRetryView(APIView):
    @extend_schema(request=None, responses={202: s.JobDetailSerializer, **errors(401, 404, 409)})
    def post(self, request, task_id):
        job = services.job_retry(job=selectors.job_get_owned(user=request.user, id=task_id))
        return job_detail_response(job, status_code=status.HTTP_202_ACCEPTED)


class TaskCancelView(APIView):
    @extend_schema(request=None, responses={200: s.JobDetailSerializer, **errors(401, 404, 409)})
    def post(self, request, task_id):
        job = services.job_cancel(job=selectors.job_get_owned(user=request.user, id=task_id))
        return job_detail_response(job)


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", shopping.shopping_list_csv, "csv"),
    "text": ("text/plain; charset=utf-8", shopping.shopping_list_text, "txt"),
}


class ShoppingListView(APIView):
    """The merged list (DESIGN §4) as JSON, or exported with ?format=csv|text; PATCH sets its settings."""

    def perform_content_negotiation(self, request, force=False):
        # ?format= names an export here, not a renderer: answer JSON (errors too) and export in get().
        if "format" in request.query_params:
            return JSONRenderer(), JSONRenderer.media_type
        return super().perform_content_negotiation(request, force)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["json", "csv", "text"])],
        responses={
            (200, "application/json"): s.ShoppingListSerializer,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "text/plain"): OpenApiTypes.STR,
            **errors(400, 401, 404),
        },
    )
    def get(self, request, session_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        export = request.query_params.get("format", "json")
        if export not in ("json", *EXPORTS):
            raise ValidationError({"format": ["Must be json, csv or text."]}, code="invalid_format")
        data = selectors.shopping_list_get(session=session)
        if export == "json":
            return Response(data)
        content_type, write, extension = EXPORTS[export]
        response = HttpResponse(write(data), content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="shopping-list.{extension}"'
        return response

    @extend_schema(
        request=s.ShoppingListSettingsInputSerializer,
        responses={200: s.ShoppingListSerializer, **errors(400, 401, 404)},
    )
    def patch(self, request, session_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        data = s.ShoppingListSettingsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.shopping_list_update(session=session, **data.validated_data)
        return Response(selectors.shopping_list_get(session=session))


def _shopping_item(session, key: str) -> dict:
    items = selectors.shopping_list_get(session=session, show_staples=True)["items"]
    return next(item for item in items if item["key"] == key)


class ShoppingItemsView(APIView):
    """POST an item added by hand `{"text": "2 bottles of red wine"}` → 201 with the item as the list has it."""

    @extend_schema(
        request=s.ShoppingItemAddInputSerializer,
        responses={201: s.ShoppingItemSerializer, **errors(400, 401, 404)},
    )
    def post(self, request, session_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        data = s.ShoppingItemAddInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.shopping_item_add(session=session, text=data.validated_data["text"])
        return Response(_shopping_item(session, item.key), status=status.HTTP_201_CREATED)


class ShoppingItemView(APIView):
    """PATCH `{"checked": bool}` ticks any item by its key; DELETE removes an item added by hand (409 for a
    computed one); a key not on the list is 404 `not_on_list`."""

    @extend_schema(
        request=s.ShoppingItemCheckInputSerializer,
        responses={200: s.ShoppingItemSerializer, **errors(400, 401, 404)},
    )
    def patch(self, request, session_id, key):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        data = s.ShoppingItemCheckInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.shopping_item_check(session=session, key=key, checked=data.validated_data["checked"])
        return Response(_shopping_item(session, key))

    @extend_schema(request=None, responses={204: None, **errors(401, 404, 409)})
    def delete(self, request, session_id, key):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        services.shopping_item_remove(session=session, key=key)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DishDetailView(APIView):
    """PATCH `{"portions": n}` (1–10000; null: the guest count) sets how many portions the list scales to."""

    @extend_schema(
        request=s.DishPortionsInputSerializer,
        responses={200: s.DishSerializer, **errors(400, 401, 404)},
    )
    def patch(self, request, session_id, dish_id):
        session = selectors.session_get_owned(user=request.user, id=session_id)
        dish = selectors.dish_get(session=session, id=dish_id)
        data = s.DishPortionsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dish = services.dish_portions_set(dish=dish, portions=data.validated_data["portions"])
        dish = Dish.objects.select_related("recipe_source").get(pk=dish.pk)
        return Response(s.DishSerializer(dish).data)
