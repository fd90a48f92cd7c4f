"""The session's shopping list: every ingredient merged by name and by compatible unit."""

import functools
import re
from collections import defaultdict

import pint

from sessions_app.models import PlanningSession

# Sums of convertible units are shown in these, unless all lines already share one unit.
DISPLAY_UNITS = {"[mass]": "gram", "[length] ** 3": "milliliter"}


@functools.cache
def _registry() -> pint.UnitRegistry:
    return pint.UnitRegistry()


def _unit(unit_text: str):
    """A pint unit for the text, or None when it is a count, a vague unit ("pinch", "clove") or unknown."""
    if not unit_text:
        return None
    try:
        unit = _registry().Unit(unit_text.strip().lower().rstrip("."))
    except Exception:
        return None
    return unit if str(unit.dimensionality) in DISPLAY_UNITS else None


def _key(name: str) -> str:
    name = re.sub(r"[^\w\s-]", "", name.lower()).strip()
    return re.sub(r"\s+", " ", name)


def shopping_list(session: PlanningSession) -> list[dict]:
    """Merge the session's current ingredients; lines whose units cannot be added stay separate."""
    groups: dict[tuple, list] = defaultdict(list)
    for dish in session.dishes.all():
        source = getattr(dish, "recipe_source", None)
        if source is None:
            continue
        for ingredient in source.ingredients.all():
            name = ingredient.name or ingredient.raw_text
            unit = _unit(ingredient.unit)
            kind = str(unit.dimensionality) if unit is not None else (ingredient.unit or "").lower()
            groups[(_key(name), kind)].append((dish.name, ingredient, unit))

    items = []
    for (_name, kind), lines in groups.items():
        units = {ingredient.unit.lower() for _, ingredient, _ in lines}
        quantities = [ingredient.quantity for _, ingredient, _ in lines]
        total, unit_text = None, lines[0][1].unit
        if all(q is not None for q in quantities):
            if kind in DISPLAY_UNITS and len(units) > 1:
                target = DISPLAY_UNITS[kind]
                total = sum(
                    (q * unit).to(target).magnitude for q, (_, _, unit) in zip(quantities, lines, strict=True)
                )
                unit_text = target
            else:
                total = sum(quantities)
        items.append(
            {
                "name": lines[0][1].name or lines[0][1].raw_text,
                "quantity": round(total, 3) if total is not None else None,
                "unit": unit_text,
                "dishes": sorted({dish_name for dish_name, _, _ in lines}),
                "lines": [ingredient.raw_text for _, ingredient, _ in lines],
            }
        )
    return sorted(items, key=lambda item: _key(item["name"]))
