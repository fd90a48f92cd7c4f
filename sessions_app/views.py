"""Server-rendered pages: the list of a host's sessions and one session's planning page."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sessions_app import selectors, services, shopping
from sessions_app.models import ExtractionJob


class SessionForm(forms.Form):
    title = forms.CharField(max_length=200)
    event_date = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    guest_count = forms.IntegerField(required=False, min_value=0, max_value=10000)
    dishes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One dish per line."
    )

    def dish_names(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["dishes"].splitlines()]
        return [name[: settings.MAX_DISH_NAME_LENGTH] for name in names if name]


@login_required
@require_http_methods(["GET", "POST"])
def home(request):
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
    session = selectors.session_get_owned_detail(user=request.user, id=session_id)
    jobs = selectors.session_jobs(session_id=session.id)[:20]
    context = {
        "session": session,
        "jobs": jobs,
        "in_flight": ExtractionJob.IN_FLIGHT,
        **_shopping_context(session),
        "max_upload_mib": settings.MAX_UPLOAD_BYTES / (1024 * 1024),
    }
    return render(request, "sessions/session.html", context)


def _shopping_context(session) -> dict:
    data = selectors.shopping_list_get(session=session)
    return {
        "session": session,
        "shopping": data,
        "shopping_aisles": [
            (shopping.aisle_title(aisle), items) for aisle, items in shopping.by_aisle(data["items"])
        ],
    }


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
