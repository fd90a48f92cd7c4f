"""What the pipeline returns: plain frozen dataclasses, free of Django."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class ParsedIngredient:
    """One ingredient line, as written and split into its parts.

    quantity and quantity_max are numbers in unit (quantity_max only for a range, else None); quantity is
    None when no amount could be read for sure. group is the sub-recipe heading the line sits under
    ("For the sauce"), "" when the recipe has none. pack_quantity/pack_unit are the size of one package
    when the line counts packages ("400", "gram" of "2 x 400 g tins"); None and "" otherwise.
    """

    text: str
    quantity: float | None
    quantity_max: float | None
    unit: str
    name: str
    preparation: str
    comment: str
    confidence: float
    group: str = ""
    pack_quantity: float | None = None
    pack_unit: str = ""


@dataclass(frozen=True)
class Extraction:
    """The recipe found in one file."""

    mime_type: str
    title: str
    yields: str
    ingredients: list[ParsedIngredient]
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready dict of every field."""
        return asdict(self)


@dataclass(frozen=True)
class SourceText:
    """What a reader found in a file: its text and, when the file declares them, recipe fields."""

    text: str
    title: str = ""
    yields: str = ""
    # Ingredient lines the file declares itself (schema.org Recipe data); None when it declares none.
    ingredients: list[str] | None = None
    # The group (sub-recipe) of each declared line, "" when none; None when the file declares no groups.
    ingredient_groups: list[str] | None = None
    from_ocr: bool = False
    warnings: list[str] = field(default_factory=list)
    # The lines the file prints in a heading's style: a PDF's lines in another size, weight or colour than
    # the line under them, a web page's <h1>-<h6>. Empty for plain text and photos, which show no style.
    styled_headings: frozenset[str] = frozenset()
