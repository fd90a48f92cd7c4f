"""The read path: every query the API, the pages, the consumer and the serializers make goes through here.

Ownership is part of each read: another user's session or job is as absent as an unknown one, so callers
turn `Http404` into their own "not found" (JSON 404, a 404 page, WebSocket close 4404).
"""

import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from recipeplanner import rows
from sessions_app import shopping
from sessions_app.models import (
    Dish,
    ExtractionJob,
    PlanningSession,
    RecipeSource,
    ShoppingList,
    ShoppingListItem,
    ShoppingListTick,
)


def sessions_owned(*, user: AbstractBaseUser) -> QuerySet[PlanningSession]:
    """The user's planning sessions, newest first, each annotated with `dish_count`."""
    return PlanningSession.objects.filter(owner=user).annotate(dish_count=Count("dishes"))


def session_get_owned(*, user: AbstractBaseUser, id: uuid.UUID | str) -> PlanningSession:
    """The user's own session row alone; raises Http404 for anyone else's and for unknown ids.

    One plain SELECT (recipeplanner/rows.py): every upload and most API requests begin with it.
    """
    quote = connection.ops.quote_name
    meta = PlanningSession._meta
    try:
        session_id = meta.pk.get_db_prep_value(meta.pk.to_python(id), connection)
    except ValidationError:
        raise Http404("No PlanningSession matches the given query.") from None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {rows.columns(PlanningSession)} FROM {quote(meta.db_table)} "
            f"WHERE {quote(meta.pk.column)} = %s AND {quote(meta.get_field('owner').column)} = %s",
            [session_id, user.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404("No PlanningSession matches the given query.")
    return rows.instance(PlanningSession, row)


def session_get_owned_detail(*, user: AbstractBaseUser, id: uuid.UUID | str) -> PlanningSession:
    """The user's own session with its dishes, their recipe sources and ingredients prefetched.

    Raises Http404 like `session_get_owned`.
    """
    sources = RecipeSource.objects.prefetch_related("ingredients")
    dishes = Dish.objects.prefetch_related(Prefetch("recipe_source", queryset=sources))
    queryset = PlanningSession.objects.filter(owner=user).prefetch_related(
        Prefetch("dishes", queryset=dishes)
    )
    return get_object_or_404(queryset, pk=id)


def session_is_owned(*, user: AbstractBaseUser, id: uuid.UUID | str) -> bool:
    """Whether the session exists and belongs to the user."""
    return PlanningSession.objects.filter(pk=id, owner=user).exists()


def session_last_event_id(*, session_id: uuid.UUID | str) -> int:
    """The `seq` of the session's newest event (0 before the first)."""
    return PlanningSession.objects.filter(pk=session_id).values_list("last_event_seq", flat=True).get()


def session_jobs(*, session_id: uuid.UUID | str) -> QuerySet[ExtractionJob]:
    """All of a session's jobs, newest first, with their dishes."""
    return ExtractionJob.objects.filter(session_id=session_id).select_related("dish").order_by("-created_at")


def session_jobs_in_flight(*, session_id: uuid.UUID | str) -> QuerySet[ExtractionJob]:
    """The session's pending extraction tasks: jobs `pending` or `processing`, oldest first."""
    return (
        ExtractionJob.objects.filter(session_id=session_id, status__in=ExtractionJob.IN_FLIGHT)
        .select_related("dish")
        .order_by("created_at")
    )


def job_get_owned(*, user: AbstractBaseUser, id: uuid.UUID | str) -> ExtractionJob:
    """One of the user's jobs with its dish; raises Http404 for anyone else's and for unknown ids."""
    return get_object_or_404(ExtractionJob.objects.select_related("dish"), pk=id, session__owner=user)


def job_recipe_source(*, job: ExtractionJob) -> RecipeSource | None:
    """The recipe a completed job produced, with its ingredients; None before completion or once replaced."""
    if job.status != ExtractionJob.Status.COMPLETED:
        return None
    return RecipeSource.objects.filter(job=job).prefetch_related("ingredients").first()


def jobs_in_flight_count(*, user: AbstractBaseUser | int, up_to: int | None = None) -> int:
    """How many of the user's extraction jobs are `pending` or `processing`, across all sessions.

    `user` is the user or their id (a session's `owner_id` saves loading the user).

    With `up_to`, counting stops there (the answer is at most `up_to`): a cap check then reads at most that
    many rows however long the queue behind the workers has grown.
    """
    if up_to is not None:
        return _jobs_in_flight_bounded(getattr(user, "pk", user), up_to)
    return ExtractionJob.objects.filter(session__owner=user, status__in=ExtractionJob.IN_FLIGHT).count()


def _jobs_in_flight_bounded(user_id: int, up_to: int) -> int:
    """jobs_in_flight_count with a bound, as one plain SELECT: every upload runs it, under the owner's lock.

    The ORM took 0.6-0.9 ms of CPU to build this query (the join, the IN, the slice), SQLite microseconds to
    run it; the SQL is the same on SQLite and PostgreSQL, its names taken from the models.
    """
    quote = connection.ops.quote_name
    job_meta, session_meta = ExtractionJob._meta, PlanningSession._meta
    jobs, sessions = quote(job_meta.db_table), quote(session_meta.db_table)
    statuses = [status.value for status in ExtractionJob.IN_FLIGHT]
    sql = (
        f"SELECT 1 FROM {jobs} INNER JOIN {sessions} "
        f"ON {jobs}.{quote(job_meta.get_field('session').column)} = {sessions}.{quote(session_meta.pk.column)} "
        f"WHERE {sessions}.{quote(session_meta.get_field('owner').column)} = %s "
        f"AND {jobs}.{quote(job_meta.get_field('status').column)} IN ({', '.join(['%s'] * len(statuses))}) "
        "LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, *statuses, up_to])
        return len(cursor.fetchall())


def dish_get_owned(*, user: AbstractBaseUser, session_id: uuid.UUID | str, id: int) -> Dish:
    """One dish of the user's session, with its session; raises Http404 for anyone else's and unknown ids."""
    return get_object_or_404(
        Dish.objects.select_related("session"), pk=id, session_id=session_id, session__owner=user
    )


def dishes_with_latest_job(*, session: PlanningSession, dish_ids: list[int] | None = None) -> list[Dish]:
    """The session's dishes (from its prefetched detail), each with `latest_job`: its newest upload or None.

    One query for the jobs, whatever the number of dishes; `dish_ids` narrows the list to those dishes.
    """
    dishes = [dish for dish in session.dishes.all() if dish_ids is None or dish.pk in dish_ids]
    latest: dict[int, ExtractionJob] = {}
    jobs = ExtractionJob.objects.filter(dish__in=[dish.pk for dish in dishes]).defer("timings")
    for job in jobs.order_by("dish_id", "-created_at"):
        latest.setdefault(job.dish_id, job)
    for dish in dishes:
        dish.latest_job = latest.get(dish.pk)
    return dishes


def dish_get(*, session: PlanningSession, id: int) -> Dish:
    """One dish of a session (already known to be the user's); raises Http404 for any other id."""
    return get_object_or_404(Dish, pk=id, session=session)


def shopping_lines(*, session: PlanningSession) -> list[shopping.Line]:
    """Every ingredient line of the session's current recipes, with its dish's scale factor."""
    dishes = (
        Dish.objects.filter(session=session, recipe_source__isnull=False)
        .select_related("recipe_source")
        .prefetch_related("recipe_source__ingredients")
    )
    lines = []
    for dish in dishes:
        source = dish.recipe_source
        portions = dish.portions or session.guest_count
        factor = shopping.scale_factor(servings=source.servings, portions=portions)
        for ingredient in source.ingredients.all():
            lines.append(
                shopping.Line(
                    dish=dish.name,
                    text=ingredient.raw_text,
                    quantity=ingredient.quantity,
                    quantity_max=ingredient.quantity_max,
                    unit=ingredient.unit,
                    name=ingredient.name,
                    food=ingredient.food,
                    food_category=ingredient.food_category,
                    pack_quantity=ingredient.pack_quantity,
                    pack_unit=ingredient.pack_unit,
                    factor=factor if factor is not None else 1.0,
                    scalable=factor is not None,
                )
            )
    return lines


def shopping_list_get(*, session: PlanningSession, show_staples: bool = False) -> dict:
    """The session's shopping list as DESIGN §4 shapes it (five queries, whatever the session's size).

    show_staples: include staples even while the session hides them (to check a key exists).
    """
    settings = ShoppingList.objects.filter(session=session).first() or ShoppingList(session=session)
    ticked = set(ShoppingListTick.objects.filter(session=session).values_list("key", flat=True))
    added = [
        shopping.AddedItem(key=item.key, text=item.text)
        for item in ShoppingListItem.objects.filter(session=session)
    ]
    return shopping.shopping_list_build(
        session_id=str(session.id),
        lines=shopping_lines(session=session),
        guest_count=session.guest_count,
        units=settings.units or None,
        hide_staples=settings.hide_staples,
        show_staples=show_staples,
        ticked=ticked,
        added=added,
    )


def shopping_item_keys(*, session: PlanningSession) -> dict[str, list[str]]:
    """Each item key on the session's list, staples too, with every key a tick of it may be stored under
    (a row's earlier keys, from before a new wording joined it); an item added by hand has its own only."""
    keys = {row.key: row.keys for row in shopping.merge(shopping_lines(session=session))}
    for item in ShoppingListItem.objects.filter(session=session):
        keys[item.key] = [item.key]
    return keys
