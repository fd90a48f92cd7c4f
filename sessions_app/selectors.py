"""Reads: queries the views, pages and services share, written once."""

from sessions_app import shopping
from sessions_app.models import Dish, PlanningSession, ShoppingList, ShoppingListItem, ShoppingListTick


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
        hide_staples=settings.hide_staples and not show_staples,
        ticked=ticked,
        added=added,
    ) | ({"hide_staples": settings.hide_staples} if show_staples else {})
