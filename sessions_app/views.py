"""Server-rendered pages: the host's sessions, one session's planning page and the partials it is built from.

The planning page is assembled from partial templates (`sessions/_*.html`). The same partials are served
alone by the fragment views, which the page's script fetches when an event arrives, so what a live update
shows is exactly what a reload shows.

Every form works without JavaScript (a POST that redirects back with a message); with JavaScript the page
sends the same POST with `Accept: application/json` and gets the message back as JSON instead.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import get_script_prefix, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sessions_app import selectors, services, shopping, uploads
from sessions_app.models import Dish, ExtractionJob, PlanningSession

# The newest uploads the page lists; older ones stay in the API and the admin.
UPLOADS_SHOWN = 50
# A no-JavaScript form may send several files in one body; each is still held to MAX_UPLOAD_BYTES.
MAX_FILES_PER_FORM = 10

STAGE_LABELS = {
    "reading": "Reading the file",
    "ocr": "Reading the text in the image",
    "parsing": "Finding the ingredients",
    "saving": "Saving the recipe",
}


def site_links(request: HttpRequest) -> dict:
    """Template context: the links only staff see in the header."""
    user = getattr(request, "user", None)
    if user is not None and user.is_staff:
        return {"flower_url": settings.FLOWER_URL}
    return {}


class SessionForm(forms.Form):
    """The event's details; on creation also its first dishes, one per line."""

    title = forms.CharField(label="Title", max_length=200)
    event_date = forms.DateField(
        label="Date", required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    guest_count = forms.IntegerField(label="Guests", required=False, min_value=0, max_value=10000)
    dishes = forms.CharField(
        label="Dishes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One dish per line, e.g. Lasagne. You can add more later.",
    )

    def dish_names(self) -> list[str]:
        """The non-empty lines of the dishes field, each cut to the longest dish name allowed."""
        names = [line.strip() for line in self.cleaned_data["dishes"].splitlines()]
        return [name[: settings.MAX_DISH_NAME_LENGTH] for name in names if name]


class SessionEditForm(SessionForm):
    """Title, date and guests of an existing session (its dishes are changed on its page)."""

    dishes = None


class DishNameForm(forms.Form):
    """A dish's name, for adding or renaming one."""

    name = forms.CharField(label="New dish", max_length=settings.MAX_DISH_NAME_LENGTH)


# -- reads ------------------------------------------------------------------------------------------------


def _owned_session(request: HttpRequest, session_id) -> PlanningSession:
    """The user's session with its dishes, recipes and ingredients prefetched; 404 for anyone else's."""
    return selectors.session_get_owned_detail(user=request.user, id=session_id)


def _with_stage_label(job: ExtractionJob | None) -> ExtractionJob | None:
    if job is not None:
        job.stage_label = STAGE_LABELS.get(job.stage, "Waiting for a free worker")
    return job


def _dishes(session: PlanningSession, dish_ids: list[int] | None = None) -> list[Dish]:
    dishes = selectors.dishes_with_latest_job(session=session, dish_ids=dish_ids)
    for dish in dishes:
        _with_stage_label(dish.latest_job)
    return dishes


def _uploads(session: PlanningSession) -> list[ExtractionJob]:
    jobs = selectors.session_jobs(session_id=session.id).defer("timings")[:UPLOADS_SHOWN]
    return [_with_stage_label(job) for job in jobs]


def _shopping_context(session: PlanningSession) -> dict:
    """What `sessions/_shopping_list.html` renders: the session, its list and the list by aisle."""
    data = selectors.shopping_list_get(session=session)
    return {
        "session": session,
        "shopping": data,
        "shopping_aisles": [
            (shopping.aisle_title(aisle), items) for aisle, items in shopping.by_aisle(data["items"])
        ],
    }


def _ws_path(session: PlanningSession) -> str:
    # The WebSocket route is Channels', not Django's, so `reverse` cannot build it; the script prefix keeps
    # it right under a sub-path (FORCE_SCRIPT_NAME).
    return f"{get_script_prefix()}ws/{session.id}"


# -- pages ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def home(request):
    """The person's planning sessions and a form to plan a new one."""
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = services.session_create(
            owner=request.user,
            title=form.cleaned_data["title"],
            event_date=form.cleaned_data["event_date"],
            guest_count=form.cleaned_data["guest_count"],
            dish_names=form.dish_names(),
        )
        return redirect("session-page", session_id=session.id)
    sessions = selectors.sessions_owned(user=request.user)
    return render(request, "sessions/home.html", {"form": form, "sessions": sessions})


@login_required
def session_page(request, session_id):
    """The planning page: the event, its dishes and recipes, the shopping list and the uploads."""
    # The session row (and so last_event_seq) is read before the dishes and jobs: the page shows at least
    # the state of that event, and the socket replays anything after it.
    session = _owned_session(request, session_id)
    context = {
        "session": session,
        "dishes": _dishes(session),
        "jobs": _uploads(session),
        "max_upload_bytes": settings.MAX_UPLOAD_BYTES,
        "max_upload_mib": settings.MAX_UPLOAD_BYTES / (1024 * 1024),
        "ws_path": _ws_path(session),
        "dish_form": DishNameForm(),
        **_shopping_context(session),
    }
    return render(request, "sessions/session.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, session_id):
    """Change the event's title, date and guest count."""
    session = _owned_session(request, session_id)
    initial = {"title": session.title, "event_date": session.event_date, "guest_count": session.guest_count}
    form = SessionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.session_update(
            session=session,
            title=form.cleaned_data["title"],
            event_date=form.cleaned_data["event_date"],
            guest_count=form.cleaned_data["guest_count"],
        )
        messages.success(request, "Saved the event’s details.")
        return redirect("session-page", session_id=session.id)
    return render(request, "sessions/session_edit.html", {"session": session, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def session_delete(request, session_id):
    """Ask before deleting a session; the POST deletes it with everything in it."""
    session = _owned_session(request, session_id)
    if request.method == "POST":
        title = session.title
        services.session_delete(session=session)
        messages.success(request, f"Deleted “{title}”.")
        return redirect("home")
    return render(request, "sessions/session_delete.html", {"session": session})


def _answer(request: HttpRequest, session_id, message: str, *, ok: bool = True, status=200):
    """The end of a page POST: JSON for the page's script, else a message and a redirect to the page."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"message": message, "ok": ok}, status=status if not ok else 200)
    (messages.success if ok else messages.error)(request, message)
    return redirect("session-page", session_id=session_id)


@login_required
@require_POST
def dish_add(request, session_id):
    """Promise a recipe for a new dish."""
    session = _owned_session(request, session_id)
    form = DishNameForm(request.POST)
    if not form.is_valid():
        return _answer(request, session.id, "Type the name of the dish to add.", ok=False, status=400)
    try:
        dish = services.dish_add(session=session, name=form.cleaned_data["name"])
    except services.ConflictError as exc:
        return _answer(request, session.id, str(exc), ok=False, status=409)
    return _answer(request, session.id, f"Added “{dish.name}”.")


def _owned_dish(request: HttpRequest, session_id, dish_id) -> Dish:
    return selectors.dish_get_owned(user=request.user, session_id=session_id, id=dish_id)


@login_required
@require_http_methods(["GET", "POST"])
def dish_rename(request, session_id, dish_id):
    """A small page to give a dish a new name."""
    dish = _owned_dish(request, session_id, dish_id)
    form = DishNameForm(request.POST or None, initial={"name": dish.name})
    form.fields["name"].label = "New name"
    if request.method == "POST" and form.is_valid():
        old_name = dish.name
        try:
            dish = services.dish_rename(dish=dish, name=form.cleaned_data["name"])
        except services.ConflictError as exc:
            form.add_error("name", str(exc))
        else:
            messages.success(request, f"Renamed “{old_name}” to “{dish.name}”.")
            return redirect("session-page", session_id=session_id)
    return render(request, "sessions/dish_rename.html", {"dish": dish, "session": dish.session, "form": form})


@login_required
@require_POST
def dish_remove(request, session_id, dish_id):
    """Take a dish, its recipe and its uploads off the session."""
    dish = _owned_dish(request, session_id, dish_id)
    services.dish_remove(dish=dish)
    return _answer(request, dish.session_id, f"Removed “{dish.name}”.")


def _owned_job(request: HttpRequest, session_id, task_id) -> ExtractionJob:
    job = selectors.job_get_owned(user=request.user, id=task_id)
    if str(job.session_id) != str(session_id):
        raise Http404("No such upload in this session.")
    return job


@login_required
@require_POST
def job_retry(request, session_id, task_id):
    """Read a failed or cancelled upload again."""
    job = _owned_job(request, session_id, task_id)
    try:
        services.job_retry(job=job)
    except services.ConflictError as exc:
        return _answer(request, job.session_id, str(exc), ok=False, status=409)
    return _answer(request, job.session_id, f"Reading “{job.original_filename}” again for {job.dish.name}.")


@login_required
@require_POST
def job_cancel(request, session_id, task_id):
    """Stop reading an upload."""
    job = _owned_job(request, session_id, task_id)
    try:
        services.job_cancel(job=job)
    except services.ConflictError as exc:
        return _answer(request, job.session_id, str(exc), ok=False, status=409)
    return _answer(request, job.session_id, f"Cancelled reading “{job.original_filename}”.")


@csrf_exempt
@login_required
@require_POST
def upload(request, session_id):
    """The upload form without JavaScript: store each file, queue it, and go back to the page.

    The size limit is counted while the body is parsed, so the upload handler goes in before anything reads
    the body, the CSRF check included; the check then runs inside (Django's documented pattern).
    """
    session = _owned_session(request, session_id)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.MAX_UPLOAD_BYTES * MAX_FILES_PER_FORM + uploads.MULTIPART_OVERHEAD:
        return _answer(request, session.id, _too_large_sentence(), ok=False, status=413)
    # The same per-user rate as the API's upload, so the form is no way around it.
    if not uploads.UploadRateThrottle().allow_request(request, None):
        sentence = "You are uploading faster than the limit allows. Wait a minute, then try again."
        return _answer(request, session.id, sentence, ok=False, status=429)
    request.upload_handlers.insert(0, uploads.SizeLimitUploadHandler(request))
    try:
        return _upload_files(request, session)
    except uploads.UploadError as exc:
        return _answer(request, session.id, _upload_sentence(None, exc), ok=False, status=exc.status_code)


def _too_large_sentence() -> str:
    limit = settings.MAX_UPLOAD_BYTES / (1024 * 1024)
    return (
        f"The files are too large: each may be up to {limit:g} MiB, and up to {MAX_FILES_PER_FORM} at once."
    )


def _upload_sentence(filename: str | None, exc: uploads.UploadError) -> str:
    detail = str(exc.detail)
    return f"“{filename}” was not uploaded. {detail}" if filename else f"The upload was refused. {detail}"


@csrf_protect
def _upload_files(request: HttpRequest, session: PlanningSession) -> HttpResponse:
    files = request.FILES.getlist("file")
    if not files:
        return _answer(request, session.id, "Choose a recipe file to upload.", ok=False, status=400)
    try:
        dish_name = uploads.validate_dish_name(request.POST.get("dish_name"))
    except uploads.UploadError:
        return _answer(request, session.id, "Choose a dish or type a new one.", ok=False, status=400)
    accepted, refused = [], []
    for upload in files[:MAX_FILES_PER_FORM]:
        try:
            mime_type = uploads.validate_upload(upload)
            try:
                services.job_create(
                    session=session,
                    dish_name=dish_name,
                    upload=upload,
                    mime_type=mime_type,
                    max_in_flight=settings.MAX_JOBS_IN_FLIGHT,
                )
            except services.TooManyJobsError:
                raise uploads.too_many_jobs() from None
        except uploads.UploadError as exc:
            refused.append(_upload_sentence(upload.name, exc))
            continue
        accepted.append(upload.name)
    for sentence in refused:
        messages.error(request, sentence)
    if accepted:
        names = ", ".join(f"“{name}”" for name in accepted)
        messages.success(request, f"Uploaded {names} for {dish_name}. The recipe is being read now.")
    return redirect("session-page", session_id=session.id)


# -- fragments: the partials of the planning page, alone --------------------------------------------------


@login_required
@require_GET
def fragment(request, session_id, part):
    """One region of the planning page, rendered by the same partial the page includes."""
    session = _owned_session(request, session_id)
    if part == "summary":
        return render(request, "sessions/_summary.html", {"session": session})
    if part == "dishes":
        return render(request, "sessions/_dishes.html", {"session": session, "dishes": _dishes(session)})
    if part == "uploads":
        return render(request, "sessions/_uploads.html", {"session": session, "jobs": _uploads(session)})
    if part == "shopping-list":
        return render(request, "sessions/_shopping_list.html", _shopping_context(session))
    raise Http404("No such part of the page.")


@login_required
@require_GET
def dish_fragment(request, session_id, dish_id):
    """One dish's article, as the planning page renders it."""
    session = _owned_session(request, session_id)
    dishes = _dishes(session, dish_ids=[dish_id])
    if not dishes:
        raise Http404("No such dish.")
    (dish,) = dishes
    return render(request, "sessions/_dish.html", {"session": session, "dish": dish})


# -- the shopping list card's own forms -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def shopping_list_part(request, session_id):
    """The shopping list card alone (the page swaps it in live); a POST of its form saves the ticks."""
    session = selectors.session_get_owned(user=request.user, id=session_id)
    if request.method == "POST":
        services.shopping_items_check(
            session=session,
            checked=set(request.POST.getlist("checked")),
            shown=set(request.POST.getlist("shown")),
        )
        if not request.headers.get("X-Requested-With"):
            return _back_to_list(session)
    return render(request, "sessions/_shopping_list.html", _shopping_context(session))


class ShoppingSettingsForm(forms.Form):
    """The list's switches as the page posts them."""

    hide_staples = forms.BooleanField(required=False)
    units = forms.ChoiceField(choices=[(system, system) for system in shopping.UNIT_SYSTEMS])


class ShoppingItemForm(forms.Form):
    """An item added by hand from the page."""

    text = forms.CharField(max_length=200)


def _back_to_list(session):
    return redirect(f"{reverse('session-page', kwargs={'session_id': session.id})}#shopping-list")


@login_required
@require_http_methods(["POST"])
def shopping_list_settings(request, session_id):
    """The list's switches from the page: hide staples, metric or US units."""
    session = selectors.session_get_owned(user=request.user, id=session_id)
    form = ShoppingSettingsForm(request.POST)
    if form.is_valid():
        services.shopping_list_update(session=session, **form.cleaned_data)
    return _back_to_list(session)


@login_required
@require_http_methods(["POST"])
def shopping_item_add(request, session_id):
    """An item added by hand from the page (napkins, wine)."""
    session = selectors.session_get_owned(user=request.user, id=session_id)
    form = ShoppingItemForm(request.POST)
    if form.is_valid():
        services.shopping_item_add(session=session, text=form.cleaned_data["text"])
    return _back_to_list(session)


@login_required
@require_http_methods(["POST"])
def shopping_item_remove(request, session_id, key):
    """Remove an item added by hand, from the page; a computed item or a gone one is left as it is."""
    session = selectors.session_get_owned(user=request.user, id=session_id)
    try:
        services.shopping_item_remove(session=session, key=key)
    except (services.NotOnListError, services.ConflictError):
        pass  # the list the person sees is redrawn from the database either way
    return _back_to_list(session)


@login_required
def shopping_list_print(request, session_id):
    """The list on one printed page, grouped by aisle, with a box to tick per item."""
    session = selectors.session_get_owned(user=request.user, id=session_id)
    return render(request, "sessions/shopping_list_print.html", _shopping_context(session))
