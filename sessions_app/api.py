"""REST API views (DESIGN §4): each parses input, calls one service, formats output."""

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from extraction.filetypes import estimated_seconds
from sessions_app import serializers as s
from sessions_app import services, uploads
from sessions_app.models import Dish, ExtractionJob, PlanningSession, RecipeSource
from sessions_app.shopping import shopping_list


def exception_handler(exc, context):
    """Every error is JSON with a `detail` sentence and a machine-readable `code`."""
    if isinstance(exc, Http404):
        exc = NotFound("Not found.")
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


def owned_session(request: Request, session_id) -> PlanningSession:
    """The user's own session, or 404 for anyone else's and for unknown ids alike."""
    return get_object_or_404(PlanningSession, pk=session_id, owner=request.user)


def owned_job(request: Request, task_id) -> ExtractionJob:
    return get_object_or_404(
        ExtractionJob.objects.select_related("dish"), pk=task_id, session__owner=request.user
    )


def session_queryset(user):
    sources = RecipeSource.objects.prefetch_related("ingredients")
    dishes = Dish.objects.prefetch_related(Prefetch("recipe_source", queryset=sources))
    return PlanningSession.objects.filter(owner=user).prefetch_related(Prefetch("dishes", queryset=dishes))


class SessionListView(APIView):
    @extend_schema(responses=s.SessionListSerializer(many=True))
    def get(self, request):
        sessions = PlanningSession.objects.filter(owner=request.user).prefetch_related("dishes")
        return Response(s.SessionListSerializer(sessions, many=True).data)

    @extend_schema(request=s.SessionInputSerializer, responses={201: s.SessionSerializer})
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
        session = session_queryset(request.user).get(pk=session.pk)
        return Response(s.SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailView(APIView):
    @extend_schema(responses=s.SessionSerializer)
    def get(self, request, session_id):
        session = get_object_or_404(session_queryset(request.user), pk=session_id)
        return Response(s.SessionSerializer(session).data)


class DishCreateView(APIView):
    @extend_schema(request=s.DishInputSerializer, responses={201: s.DishSerializer, 409: s.ErrorSerializer})
    def post(self, request, session_id):
        session = owned_session(request, session_id)
        data = s.DishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dish = services.dish_add(session=session, name=data.validated_data["name"])
        return Response(s.DishSerializer(dish).data, status=status.HTTP_201_CREATED)


class UploadRecipeView(APIView):
    """Accept a recipe file for a dish and queue its extraction; the work happens in a worker."""

    parser_classes = [MultiPartParser]
    throttle_classes = [uploads.UploadRateThrottle]
    serializer_class = s.UploadAcceptedSerializer  # for the schema only

    @extend_schema(
        parameters=[
            OpenApiParameter("session_id", OpenApiTypes.UUID, OpenApiParameter.PATH),
            OpenApiParameter("dish_name", str, required=True, description="The dish the recipe is for."),
        ],
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        },
        responses={
            202: s.UploadAcceptedSerializer,
            **{code: OpenApiResponse(s.ErrorSerializer) for code in (400, 404, 413, 415, 429)},
        },
    )
    def initial(self, request, *args, **kwargs):
        # Before authentication: the CSRF check of a cookie user already reads the body.
        uploads.check_content_length(request.META)
        request._request.upload_handlers.insert(0, uploads.SizeLimitUploadHandler(request._request))
        super().initial(request, *args, **kwargs)

    def post(self, request, session_id):
        session = owned_session(request, session_id)
        if services.jobs_in_flight(user=request.user) >= settings.MAX_JOBS_IN_FLIGHT:
            raise uploads.UploadError(
                "Too many of your recipes are still being read. Wait for some to finish, then try again.",
                "too_many_jobs",
                status.HTTP_429_TOO_MANY_REQUESTS,
            )
        dish_name = uploads.validate_dish_name(
            request.query_params.get("dish_name") or request.data.get("dish_name")
        )
        mime_type = uploads.validate_upload(request.FILES.get("file"))
        job = services.job_create(
            session=session, dish_name=dish_name, upload=request.FILES["file"], mime_type=mime_type
        )
        status_url = request.build_absolute_uri(reverse("api-task-detail", kwargs={"task_id": job.id}))
        scheme = "wss" if request.is_secure() else "ws"
        body = {
            "task_id": str(job.id),
            "status": job.status,
            "message": f"Reading the recipe for “{job.dish.name}”. Watch the WebSocket or poll status_url.",
            "estimated_seconds": estimated_seconds(mime_type),
            "status_url": status_url,
            "websocket_url": f"{scheme}://{request.get_host()}/ws/{session.id}",
        }
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": status_url})


class TaskDetailView(APIView):
    @extend_schema(responses=s.JobDetailSerializer)
    def get(self, request, task_id):
        return Response(s.JobDetailSerializer(owned_job(request, task_id)).data)


class SessionTasksView(APIView):
    @extend_schema(responses=s.JobSummarySerializer(many=True))
    def get(self, request, session_id):
        session = owned_session(request, session_id)
        jobs = session.jobs.select_related("dish").order_by("-created_at")
        return Response(s.JobSummarySerializer(jobs, many=True).data)


class TaskRetryView(APIView):
    @extend_schema(request=None, responses={202: s.JobDetailSerializer, 409: s.ErrorSerializer})
    def post(self, request, task_id):
        job = services.job_retry(job=owned_job(request, task_id))
        return Response(s.JobDetailSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class TaskCancelView(APIView):
    @extend_schema(request=None, responses={200: s.JobDetailSerializer, 409: s.ErrorSerializer})
    def post(self, request, task_id):
        job = services.job_cancel(job=owned_job(request, task_id))
        return Response(s.JobDetailSerializer(job).data)


class ShoppingListView(APIView):
    @extend_schema(responses=s.ShoppingListSerializer)
    def get(self, request, session_id):
        session = get_object_or_404(session_queryset(request.user), pk=session_id)
        return Response({"session_id": str(session.id), "items": shopping_list(session)})
