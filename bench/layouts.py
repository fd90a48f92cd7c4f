"""A development set of recipe cards in many layouts, each as text, PDF, PNG and phone photo, scored per
layout and per form.

Every card of the corpus shares one layout, so rules tuned on it need not carry over to the layouts people
really type or print. This generator lays corpus recipes out in LAYOUTS (numbered lists, checkboxes,
Markdown, two columns, tables, ...), writes each in the four forms under var/bench-layouts/, runs
`manage.py extract_recipe --json` on them and scores every (layout, form) with the corpus's matcher.
Layouts in HELD_OUT were not looked at while tuning; they show whether the rules hold on layouts the
rules were not made on.

    .venv/bin/python bench/layouts.py [--per-layout N] [--skip N] [--forms txt,pdf,png,photo.jpg]
                                      [--layouts a,b] [--jobs 1] [--misses 3]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.pdfs import write_pdf  # noqa: E402  (the repo's own hand-written PDF writer)

# bench/extraction.py (the corpus benchmark) by path: its name is also the package's it measures.
_spec = importlib.util.spec_from_file_location(
    "corpus_bench", Path(__file__).resolve().parent / "extraction.py"
)
corpus_bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus_bench)
DEFAULT_CORPUS, REPO, _font = corpus_bench.DEFAULT_CORPUS, corpus_bench.REPO, corpus_bench._font
_percentile, corpus_ids, extract = corpus_bench._percentile, corpus_bench.corpus_ids, corpus_bench.extract
render_card_photo, seconds_of = corpus_bench.render_card_photo, corpus_bench.seconds_of

OUT = REPO / "var" / "bench-layouts"
FORMS = ("txt", "pdf", "png", "photo.jpg")
# Layouts never looked at while the rules were tuned; their figures show how the rules generalise.
HELD_OUT = ("markdown", "table", "you_will_need", "checkbox")
# Recipes per layout: long enough lists to matter, short enough to fit a page in two columns.
MIN_LINES, MAX_LINES = 4, 24

# ------------------------------------------------------------------------------------------- the card


@dataclass
class Cell:
    """Text at a horizontal place of a row: x is a share of the text width (0 = left margin)."""

    text: str
    x: float = 0.0
    style: str = ""  # "", "title", "bold", "underline", "box" (a drawn checkbox before the text)


@dataclass
class Card:
    """A laid-out recipe: rows of cells top to bottom, and the ingredient lines a reader should find."""

    rows: list[list[Cell]] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)
    title: str = ""

    def line(self, text: str = "", style: str = "", x: float = 0.0) -> None:
        self.rows.append([Cell(text, x, style)] if text else [])


def _recipe(corpus: Path, recipe_id: str) -> dict:
    return json.loads((corpus / "recipes" / f"{recipe_id}.json").read_text(encoding="utf-8"))


def _steps(recipe: dict, count: int = 4) -> list[str]:
    steps = recipe.get("instructions") or []
    if isinstance(steps, str):
        steps = [step for step in steps.split("\n") if step.strip()]
    return [" ".join(step.split()) for step in steps[:count]] or ["Mix everything and bake until done."]


def _groups(recipe: dict) -> list[tuple[str, list[str]]]:
    """The recipe's ingredient groups, or its list cut in two under made-up part names."""
    declared = recipe.get("ingredient_groups") or []
    groups = [(g.get("purpose") or "", list(g.get("ingredients") or [])) for g in declared]
    if len(groups) > 1 and all(name for name, _ in groups):
        return groups
    lines = recipe["ingredients"]
    half = (len(lines) + 1) // 2
    return [("For the base", lines[:half]), ("For the topping", lines[half:])]


_AMOUNT = re.compile(
    r"^((?:about\s+)?[\d¼½¾⅓⅔⅛⅜⅝⅞][\d\s/.,¼½¾⅓⅔⅛⅜⅝⅞-]*(?:\s*(?:cups?|tbsps?|tablespoons?|tsps?|teaspoons?|"
    r"g|grams?|kg|ml|l|oz|ounces?|lbs?|pounds?|cloves?|cans?|pinch(?:es)?|sticks?|large|medium|small)\b\.?)?)\s+(.+)$",
    re.IGNORECASE,
)


def _short(text: str, width: int) -> str:
    """The line cut after its last whole word that fits a narrow column (a card that abridges)."""
    return _wrap_words(text, width)[0] if len(text) > width else text


def _wrap_words(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _method(card: Card, recipe: dict, heading: str = "Method") -> None:
    card.line()
    card.line(heading, "bold")
    for number, step in enumerate(_steps(recipe), 1):
        for part in _wrap_words(f"{number}. {step}", 88):
            card.line(part)


def _header(card: Card, recipe: dict, yields: bool = True) -> None:
    card.title = recipe["title"]
    card.line(recipe["title"], "title")
    if yields and recipe.get("yields"):
        card.line(f"Yield: {recipe['yields']}")
    card.line()


def numbered(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    card.line("Ingredients", "bold")
    mark = rng.choice(("{}.", "{})"))
    for number, item in enumerate(recipe["ingredients"], 1):
        card.line(f"{mark.format(number)} {item}")
    _method(card, recipe)
    return card


def checkbox(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    card.line("Ingredients", "bold")
    glyph = rng.choice(("☐", "□", "▢", "box"))
    for item in recipe["ingredients"]:
        card.rows.append([Cell(item, 0.0, "box")] if glyph == "box" else [Cell(f"{glyph} {item}")])
    _method(card, recipe, "Instructions")
    return card


def bullets(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    card.line("Ingredients", "bold")
    bullet = rng.choice(("•", "-", "*", "–", "·", "‣", "○", "■"))
    for item in recipe["ingredients"]:
        card.line(f"{bullet} {item}")
    _method(card, recipe, "Directions")
    return card


def markdown(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]), title=recipe["title"])
    card.line(f"# {recipe['title']}")
    card.line()
    if recipe.get("yields"):
        card.line(f"*{recipe['yields']}*")
        card.line()
    card.line("### Ingredients")
    card.line()
    groups = _groups(recipe) if rng.random() < 0.5 else [("", recipe["ingredients"])]
    card.expected = [item for _, items in groups for item in items]
    for name, items in groups:
        if name:
            card.line(f"**{name}**")
        for item in items:
            card.line(f"- {item}")
        card.line()
    card.line("### Method")
    card.line()
    for number, step in enumerate(_steps(recipe), 1):
        card.line(f"{number}. {step}")
    return card


def caps_colon(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    card.line(rng.choice(("INGREDIENTS:", "INGREDIENTS :", "Ingredients:")))
    for item in recipe["ingredients"]:
        card.line(item)
    card.line()
    card.line(rng.choice(("METHOD:", "DIRECTIONS:", "PREPARATION:")))
    for step in _steps(recipe):
        for part in _wrap_words(step, 88):
            card.line(part)
    return card


def you_will_need(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    card.line(rng.choice(("You will need", "What you need:", "You'll need:", "YOU WILL NEED")), "bold")
    for item in recipe["ingredients"]:
        card.line(item)
    _method(card, recipe, rng.choice(("How to make it", "What to do", "Method")))
    return card


def no_heading(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    for item in recipe["ingredients"]:
        card.line(item)
    card.line()
    for step in _steps(recipe):
        for part in _wrap_words(step, 88):
            card.line(part)
    return card


def subgroups(recipe: dict, rng: random.Random) -> Card:
    groups = _groups(recipe)
    card = Card(expected=[item for _, items in groups for item in items])
    _header(card, recipe)
    card.line("Ingredients", "bold")
    style = rng.choice(("bold", "underline", "colon"))
    for name, items in groups:
        card.line(f"{name}:" if style == "colon" else name, "" if style == "colon" else style)
        for item in items:
            card.line(item)
    _method(card, recipe)
    return card


def two_columns(recipe: dict, rng: random.Random) -> Card:
    items = recipe["ingredients"]
    card = Card(expected=list(items))
    _header(card, recipe)
    card.line("Ingredients", "bold")
    half = (len(items) + 1) // 2
    for left, right in zip(items[:half], [*items[half:], ""], strict=False):
        card.rows.append([Cell(_short(left, 44), 0.0), *([Cell(_short(right, 44), 0.5)] if right else [])])
    card.expected = [_short(item, 44) for item in items]
    _method(card, recipe)
    return card


def side_by_side(recipe: dict, rng: random.Random) -> Card:
    items = [_short(item, 40) for item in recipe["ingredients"]]
    card = Card(expected=list(items))
    _header(card, recipe)
    card.rows.append([Cell("Ingredients", 0.0, "bold"), Cell("Method", 0.42, "bold")])
    method = [
        part for number, step in enumerate(_steps(recipe), 1) for part in _wrap_words(f"{number}. {step}", 50)
    ]
    for row in range(max(len(items), len(method))):
        cells = []
        if row < len(items):
            cells.append(Cell(items[row], 0.0))
        if row < len(method):
            cells.append(Cell(method[row], 0.42))
        card.rows.append(cells)
    return card


def table(recipe: dict, rng: random.Random) -> Card:
    card = Card()
    _header(card, recipe)
    card.rows.append([Cell("Amount", 0.0, "bold"), Cell("Ingredient", 0.22, "bold")])
    for item in recipe["ingredients"]:
        match = _AMOUNT.match(item)
        amount, name = (match.group(1), match.group(2)) if match else ("", item)
        card.rows.append([*([Cell(amount, 0.0)] if amount else []), Cell(name, 0.22)])
        card.expected.append(f"{amount} {name}".strip())
    _method(card, recipe)
    return card


def amount_above(recipe: dict, rng: random.Random) -> Card:
    card = Card()
    _header(card, recipe)
    card.line("Ingredients", "bold")
    for item in recipe["ingredients"]:
        match = _AMOUNT.match(item)
        if match:
            card.line(match.group(1))
            card.line(match.group(2))
            card.expected.append(f"{match.group(1)} {match.group(2)}")
        else:
            card.line(item)
            card.expected.append(item)
    _method(card, recipe)
    return card


def wrapped(recipe: dict, rng: random.Random) -> Card:
    card = Card(expected=list(recipe["ingredients"]))
    _header(card, recipe)
    card.line("Ingredients", "bold")
    width = rng.choice((26, 30, 34))
    for item in recipe["ingredients"]:
        for index, part in enumerate(_wrap_words(item, width)):
            card.line(part, x=0.02 if index else 0.0)
    _method(card, recipe)
    return card


NUTRITION = ("Nutrition per serving", "Calories 412", "Fat 18 g", "Saturates 7 g", "Carbs 46 g", "Sugars 9 g",
             "Fibre 4 g", "Protein 15 g", "Salt 1.2 g")  # fmt: skip
NOTES = (
    "Notes",
    "Keeps 3 days in the fridge.",
    "Freezes well for a month.",
    "Use gluten-free flour if",
    "needed.",
)


def nutrition_beside(recipe: dict, rng: random.Random) -> Card:
    items = [_short(item, 44) for item in recipe["ingredients"]]
    card = Card(expected=list(items))
    _header(card, recipe)
    panel = NUTRITION if rng.random() < 0.6 else NOTES
    card.rows.append([Cell("Ingredients", 0.0, "bold"), Cell(panel[0], 0.62, "bold")])
    for row in range(max(len(items), len(panel) - 1)):
        cells = []
        if row < len(items):
            cells.append(Cell(items[row], 0.0))
        if row + 1 < len(panel):
            cells.append(Cell(panel[row + 1], 0.62))
        card.rows.append(cells)
    _method(card, recipe)
    return card


LAYOUTS = {
    layout.__name__: layout
    for layout in (
        numbered, checkbox, bullets, markdown, caps_colon, you_will_need, no_heading, subgroups,
        two_columns, side_by_side, table, amount_above, wrapped, nutrition_beside,
    )
}  # fmt: skip

# ------------------------------------------------------------------------------------------- renderers

TEXT_COLUMNS = 96
PAGE_W, PAGE_H, MARGIN_PT = 595.0, 842.0, 50.0
BODY_PT, TITLE_PT, LEADING = 10.0, 16.0, 1.45
PNG_SCALE = 170 / 72  # 170 dpi, as the corpus cards


def to_text(card: Card) -> str:
    """Cells padded with spaces to their columns, as people line columns up in a text file."""
    out = []
    for row in card.rows:
        line = ""
        for cell in row:
            column = round(cell.x * TEXT_COLUMNS)
            text = ("[ ] " if cell.style == "box" else "") + cell.text
            line = (line + " " * max(column - len(line), 3 if line else 0)) + text
        out.append(line.rstrip())
    return "\n".join(out) + "\n"


def _winansi(text: str) -> str:
    """What Helvetica's WinAnsi encoding can print: fraction glyphs outside it written out."""
    for glyph, written in (
        ("⅓", "1/3"),
        ("⅔", "2/3"),
        ("⅛", "1/8"),
        ("⅜", "3/8"),
        ("⅝", "5/8"),
        ("⅞", "7/8"),
    ):
        text = text.replace(glyph, written)
    text = text.replace("☐", "").replace("□", "").replace("▢", "").replace("‣", "•")
    return text.encode("cp1252", "replace").decode("cp1252")


def _pdf_string(text: str) -> bytes:
    return _winansi(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def _placed(card: Card) -> list[tuple[float, float, Cell, float]]:
    """(x, baseline from the top, cell, size) in points for every cell; pages are one long page."""
    width = PAGE_W - 2 * MARGIN_PT
    placed, y = [], MARGIN_PT
    for row in card.rows:
        size = max((TITLE_PT if cell.style == "title" else BODY_PT) for cell in row) if row else BODY_PT
        y += size * LEADING
        for cell in row:
            placed.append(
                (MARGIN_PT + cell.x * width, y, cell, TITLE_PT if cell.style == "title" else BODY_PT)
            )
    return placed


def to_pdf(card: Card) -> bytes:
    placed = _placed(card)
    height = max(PAGE_H, placed[-1][1] + MARGIN_PT if placed else PAGE_H)
    content = b""
    for x, y, cell, size in placed:
        font = b"/F2" if cell.style in ("title", "bold") else b"/F1"
        baseline = height - y
        if cell.style == "box":
            content += b"0.8 w %.1f %.1f %.1f %.1f re S\n" % (x, baseline - 1, size * 0.8, size * 0.8)
            x += size * 1.4
        content += (
            b"BT %s %.1f Tf %.1f %.1f Td (" % (font, size, x, baseline)
            + _pdf_string(cell.text)
            + b") Tj ET\n"
        )
        if cell.style == "underline":
            width = 0.5 * size * len(cell.text)
            content += b"0.6 w %.1f %.1f m %.1f %.1f l S\n" % (x, baseline - 2, x + width, baseline - 2)
    return _pdf([content], height)


def _pdf(contents: list[bytes], height: float) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    count = len(contents)
    fonts = 3 + 2 * count
    objects.append(
        f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(count))}] /Count {count} >>".encode()
    )
    for i, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:.0f} {height:.0f}] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {fonts} 0 R /F2 {fonts + 1} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    for face in (b"Helvetica", b"Helvetica-Bold"):
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /" + face + b" /Encoding /WinAnsiEncoding >>"
        )
    return write_pdf(objects)


def to_png(card: Card, out: Path, seed: int) -> None:
    from PIL import Image, ImageDraw

    serif = seed % 2
    regular = ("DejaVuSerif.ttf",) if serif else ("DejaVuSans.ttf",)
    bold = ("DejaVuSerif-Bold.ttf",) if serif else ("DejaVuSans-Bold.ttf",)
    placed = _placed(card)
    height = (placed[-1][1] + MARGIN_PT) if placed else PAGE_H
    image = Image.new("L", (round(PAGE_W * PNG_SCALE), round(max(PAGE_H, height) * PNG_SCALE)), 255)
    draw = ImageDraw.Draw(image)
    fonts = {}
    for x, y, cell, size in placed:
        key = (cell.style in ("title", "bold"), size)
        if key not in fonts:
            fonts[key] = _font(bold if key[0] else regular, round(size * PNG_SCALE))
        font = fonts[key]
        px, baseline = x * PNG_SCALE, y * PNG_SCALE
        if cell.style == "box":
            side = size * 0.8 * PNG_SCALE
            draw.rectangle((px, baseline - side, px + side, baseline), outline=30, width=2)
            px += size * 1.4 * PNG_SCALE
        draw.text((px, baseline), cell.text, font=font, fill=20, anchor="ls")
        if cell.style == "underline":
            draw.line((px, baseline + 4, px + font.getlength(cell.text), baseline + 4), fill=20, width=2)
    image.save(out, format="PNG", dpi=(170, 170))


# ------------------------------------------------------------------------------------------- the run


def _seed(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def pick_recipes(corpus: Path, per_layout: int, skip: int = 0) -> dict[str, list[str]]:
    """A different, fixed sample of English recipes for each layout, after its first `skip` recipes.

    Each layout's ranking is fixed, so `--skip 4 --per-layout 4` gives the recipes that a run with
    `--per-layout 4` never saw.
    """
    usable = [
        rid
        for rid in corpus_ids(corpus, "en")
        if MIN_LINES <= len(_recipe(corpus, rid)["ingredients"]) <= MAX_LINES
    ]
    chosen = {}
    for layout in LAYOUTS:
        ranked = sorted(usable, key=lambda rid, layout=layout: _seed(f"{layout}/{rid}"))
        chosen[layout] = ranked[skip : skip + per_layout]
    return chosen


def generate(corpus: Path, chosen: dict[str, list[str]], forms: list[str]) -> list[Path]:
    (OUT / "expected").mkdir(parents=True, exist_ok=True)
    files = []
    for layout, ids in chosen.items():
        for rid in ids:
            name = f"{rid}__{layout}"
            seed = _seed(name)
            card = LAYOUTS[layout](_recipe(corpus, rid), random.Random(seed))
            expected = OUT / "expected" / f"{name}.json"
            if not expected.exists():
                expected.write_text(
                    json.dumps({"title": card.title, "ingredients": card.expected}), encoding="utf-8"
                )
            for form in forms:
                path = OUT / f"{name}.{form}"
                files.append(path)
                if path.exists():
                    continue
                if form == "txt":
                    path.write_text(to_text(card), encoding="utf-8")
                elif form == "pdf":
                    path.write_bytes(to_pdf(card))
                elif form == "png":
                    to_png(card, path, seed)
                elif form == "photo.jpg":
                    png = OUT / f"{name}.png"
                    if not png.exists():
                        to_png(card, png, seed)
                    render_card_photo(png, path, seed)
    return files


def _scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(corpus: Path, results: list[Path]) -> tuple[dict, list]:
    """Per (layout, form): matched, expected, extracted, exact documents, documents, seconds."""
    scorer = _scorer(corpus)
    table = defaultdict(lambda: defaultdict(float))
    worst = []
    for path in results:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.startswith("{"):
                continue
            result = json.loads(raw)
            name = Path(result["file"]).name
            form = next(form for form in FORMS if name.endswith("." + form))
            stem = name[: -len(form) - 1]
            layout = stem.rsplit("__", 1)[1]
            expected = json.loads((OUT / "expected" / f"{stem}.json").read_text(encoding="utf-8"))[
                "ingredients"
            ]
            lines = [item["text"] for item in result.get("ingredients") or []]
            matched, missed, extra = scorer.match_count(expected, lines)
            for key in ((layout, form), ("all", form), (layout, "all")):
                row = table[key]
                row["matched"] += matched
                row["expected"] += len(expected)
                row["extracted"] += len(lines)
                row["exact"] += not missed and not extra
                row["documents"] += 1
                row["errors"] += bool(result.get("error"))
            table[(layout, form)].setdefault("seconds", [])
            table[(layout, form)]["seconds"].append(float(result.get("seconds") or 0))
            worst.append((len(missed) + len(extra), name, missed[:3], extra[:3], result.get("error")))
    return table, sorted(worst, reverse=True)


def f1(row) -> float:
    precision = row["matched"] / row["extracted"] if row["extracted"] else 0.0
    recall = row["matched"] / row["expected"] if row["expected"] else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--per-layout", type=int, default=20, help="recipes per layout")
    parser.add_argument(
        "--skip", type=int, default=0, help="leave out each layout's first N recipes (unseen recipes)"
    )
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--layouts", default=",".join(LAYOUTS))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--misses", type=int, default=5, help="worst documents to show")
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--stamp", help="score the results of an earlier run (its time stamp) again")
    args = parser.parse_args(argv)
    forms = [form for form in args.forms.split(",") if form]
    layouts = [layout for layout in args.layouts.split(",") if layout]
    chosen = {
        layout: ids
        for layout, ids in pick_recipes(args.corpus, args.per_layout, args.skip).items()
        if layout in layouts
    }
    files = generate(args.corpus, chosen, forms)
    if args.generate_only:
        return 0
    stamp = args.stamp or time.strftime("%Y%m%d-%H%M%S")
    (OUT / "results").mkdir(exist_ok=True)
    outputs = []
    for form in forms:
        out = OUT / "results" / f"{stamp}.{form}.jsonl"
        if not args.stamp:
            todo = [f for f in files if f.name.endswith("." + form)]
            print(f"extracting {len(todo)} {form} files ...", file=sys.stderr)
            extract(todo, out, args.jobs)
        outputs.append(out)
    table, worst = score(args.corpus, outputs)
    header = f"{'layout':<18}" + "".join(f"{form:>11}" for form in forms) + f"{'all':>9}"
    print(header + "\n" + "-" * len(header))
    for layout in [*layouts, "all"]:
        held = " *" if layout in HELD_OUT else "  "
        cells = "".join(f"{f1(table[(layout, form)]):>11.3f}" for form in forms)
        print(f"{layout + held:<18}{cells}{f1(table[(layout, 'all')]) if layout != 'all' else 0:>9.3f}")
    print("(* held out: not looked at while tuning)")
    print(f"\n{'form':<12}{'docs':>6}{'F1':>7}{'exact':>7}{'held-out F1':>13}{'median s':>10}{'p99 s':>8}")
    for form in forms:
        row = table[("all", form)]
        held = defaultdict(float)
        for layout in HELD_OUT:
            for key in ("matched", "expected", "extracted"):
                held[key] += table[(layout, form)][key]
        seconds = seconds_of(OUT / "results" / f"{stamp}.{form}.jsonl")
        print(
            f"{form:<12}{row['documents']:>6.0f}{f1(row):>7.3f}{row['exact'] / max(row['documents'], 1):>7.3f}"
            f"{f1(held):>13.3f}{statistics.median(seconds) if seconds else 0:>10.3f}{_percentile(seconds, 0.99):>8.3f}"
        )
    if args.misses:
        print("\nworst documents:")
        for count, name, missed, extra, error in worst[: args.misses]:
            print(f"  {count:>3} {name}: {error or ''} missed {missed} extra {extra}")
    print(f"\nresults: {OUT}/results/{stamp}.*.jsonl", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
