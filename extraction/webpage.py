"""Saved web pages: the page's own schema.org Recipe data first, its visible text otherwise."""

from __future__ import annotations

import logging
import re
import warnings as python_warnings
from html import unescape

import lxml.html
from bs4 import UnicodeDammit
from lxml import etree

from .errors import CorruptFile, reraise_interrupt
from .lines import clean_line, is_end_heading, is_ingredient_heading
from .results import SourceText

logger = logging.getLogger(__name__)

# Elements whose text a reader never sees as part of the recipe.
_INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "option",
    "textarea",
    "head",
)
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "tbody", "thead", "section", "article",
    "main", "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "blockquote", "pre", "figure", "figcaption",
    "label", "fieldset", "legend", "address", "details", "summary", "caption",
}  # fmt: skip
# Class or id words of page furniture (matched against whole words only, never on html/body/main).
_FURNITURE_HINT = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-list|sidebar|related-posts?|related|share|sharing|social|newsletter|"
    r"advertisement|ad-container|adsbygoogle|breadcrumbs?|popup|modal|cookie-banner|cookie-notice)(?:$|[\s_-])"
)
_NEVER_DROPPED = {"html", "body", "main", "article"}
_PLACEHOLDER_URL = "https://recipe.invalid/"


def read_html(data: bytes) -> SourceText:
    """Read a saved web page."""
    html = UnicodeDammit(data, is_html=True).unicode_markup
    if not html or not html.strip():
        raise CorruptFile("This web page could not be read.")
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as error:
        raise CorruptFile("This web page could not be read.") from error
    page_title = _page_title(root)
    recipe = _schema_recipe(html, _page_url(root))
    if recipe is not None and recipe.ingredients:
        return _with_other_parts(recipe, html, page_title)
    positioned = positioned_text(root)
    headings = frozenset() if positioned is not None else _heading_lines(root)
    text = positioned if positioned is not None else visible_text(root)
    if positioned is not None:
        # A converted PDF's <title> is the PDF's file name or producer, not the recipe's name.
        page_title = ""
    return SourceText(
        text=text,
        title=(recipe.title if recipe else "") or page_title,
        yields=recipe.yields if recipe else "",
        styled_headings=headings,
    )


_HEADINGS = ".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"


def _heading_lines(root: lxml.html.HtmlElement) -> frozenset[str]:
    """The text of the headings (<h1>-<h6>) of the page's content, as the lines of its visible text read
    them: a part's name over its list ("Dipping sauce") is a heading whatever its capitals.

    The content is the <article> or <main> that holds the page's <h1> when there is one: the headings of
    menus and of "related recipes" around it name no part of the recipe.
    """
    body = root.find("body")
    scope = body if body is not None else root
    for heading in scope.xpath(".//h1"):
        content = next(heading.iterancestors("article", "main"), None)
        if content is not None:
            scope = content
            break
    headings = scope.xpath(_HEADINGS)
    return frozenset(
        filter(None, (clean_line(" ".join(heading.text_content().split())) for heading in headings))
    )


def _page_url(root: lxml.html.HtmlElement) -> str | None:
    """The page's own address, from its canonical link or Open Graph data (an upload has no URL)."""
    for href in root.xpath(
        '//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href'
        ' | //meta[@property="og:url"]/@content'
    ):
        href = href.strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _page_title(root: lxml.html.HtmlElement) -> str:
    """The recipe's name: the page's one main heading, else its Open Graph title, else its <title> without
    the site's name ("Best Chili | Kitchen Blog")."""
    site = " ".join(" ".join(root.xpath('//meta[@property="og:site_name"]/@content')).split())
    headings = [" ".join(h.text_content().split()) for h in root.xpath("//body//h1")]
    headings = [h for h in headings if h and not _NOT_A_TITLE.match(h)]
    if len(headings) == 1:
        return headings[0]
    for xpath in ('//meta[@property="og:title"]/@content', "//title"):
        for found in root.xpath(xpath):
            text = found if isinstance(found, str) else found.text_content()
            text = " ".join(text.split())
            if text:
                if not headings:
                    named = _content_heading_named_by(root, text)
                    if named:
                        return named
                return _without_site_name(text, site)
    return headings[0] if headings else ""


def _content_heading_named_by(root: lxml.html.HtmlElement, title: str) -> str:
    """On a page without an <h1>, the <h2>/<h3> of its content that names the recipe: the one the page
    title repeats, else the first, when the title opens with the site's name (the text of a link to the
    home page: "Wok Notes – Easy weeknight cooking"); "" when neither. Section headings ("Ingredients")
    and the headings of a masthead, menu or footer are none."""
    headings = [
        " ".join(heading.text_content().split())
        for heading in root.xpath("//body//*[self::h2 or self::h3]")
        if not any(ancestor.tag in _MASTHEAD_TAGS for ancestor in heading.iterancestors())
    ]
    headings = [
        heading
        for heading in headings
        if heading
        and not _NOT_A_TITLE.match(heading)
        and not is_ingredient_heading(heading)
        and not is_end_heading(heading)
    ]
    if not headings:
        return ""
    parts = [part.lower() for part in _TITLE_SEPARATOR.split(title) if part]
    repeated = next((heading for heading in headings if heading.lower() in parts), "")
    if repeated:
        return repeated
    home_links = {
        " ".join(link.text_content().split()).lower()
        for link in root.xpath('//body//a[@href="/" or @href="./" or @href="index.html"]')
    }
    return headings[0] if parts and parts[0] in home_links else ""


_MASTHEAD_TAGS = {"header", "nav", "footer", "aside"}


# Headings that name no recipe: a site's own masthead words, "Jump to recipe", a search box.
_NOT_A_TITLE = re.compile(r"^(?:jump to recipe|skip to content|search|menu|home|recipes?)$", re.IGNORECASE)
_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")


def _without_site_name(title: str, site: str = "") -> str:
    """A page title without the site's name its template adds after (or, with site given, before) a
    separator: "Best Chili | Kitchen Blog" is "Best Chili"."""
    parts = [part for part in _TITLE_SEPARATOR.split(title) if part]
    if len(parts) < 2:
        return title
    named = [part for part in parts if not site or part.lower() != site.lower()]
    return named[0] if named else parts[0]


def _schema_recipe(html: str, url: str | None) -> SourceText | None:
    """Recipe fields through recipe-scrapers: the site's own scraper when the page names a known site."""
    from recipe_scrapers import scrape_html

    with python_warnings.catch_warnings():
        python_warnings.simplefilter("ignore")
        scraper = None
        if url:
            try:
                scraper = scrape_html(html, org_url=url, supported_only=False)
            except Exception as exc:  # noqa: BLE001 - third-party scrapers raise anything on odd pages
                reraise_interrupt(exc)
                logger.debug("recipe-scrapers found no recipe for the page's own URL", exc_info=True)
        if scraper is None:
            try:
                scraper = scrape_html(html, org_url=_PLACEHOLDER_URL, supported_only=False)
            except Exception as exc:  # noqa: BLE001
                reraise_interrupt(exc)
                return None
        ingredients = _field(scraper.ingredients) or []
        if not ingredients and url:
            # A site scraper that fails on this copy of the page: try the page's generic data.
            try:
                fallback = scrape_html(html, org_url=_PLACEHOLDER_URL, supported_only=False)
                ingredients = _field(fallback.ingredients) or []
                scraper = fallback if ingredients else scraper
            except Exception as exc:  # noqa: BLE001
                reraise_interrupt(exc)
        lines = [" ".join(str(line).split()) for line in ingredients if isinstance(line, str)]
        lines = [line for line in lines if line]
        return SourceText(
            text="\n".join(lines),
            title=" ".join(str(_field(scraper.title) or "").split()),
            yields=str(_field(scraper.yields) or ""),
            ingredients=lines,
        )


# A page that declares more recipes than this is a collection ("10 easy soups"), not one dish in parts;
# one dish's sub-recipes (a broth, a sauce, a topping) come in twos to fives.
MAX_RECIPE_PARTS = 6
# Cheap test before the page's data is read a second time: how the page names a schema.org Recipe.
_RECIPE_TYPE = re.compile(
    r"""["']@type["']\s*:\s*\[?\s*["'](?:https?://schema\.org/)?Recipe["']|schema\.org/Recipe\b"""
)


def _with_other_parts(recipe: SourceText, html: str, page_title: str) -> SourceText:
    """The page's recipe, or, when the page declares several (JSON-LD scripts, an @graph, microdata
    items), the lines of all of them, each under its recipe's name: one dish made of sub-recipes."""
    if len(_RECIPE_TYPE.findall(html)) < 2:
        return recipe
    parts = _declared_recipes(html)
    if len(parts) < 2:
        return recipe
    if len(parts) > MAX_RECIPE_PARTS:
        return SourceText(
            text=recipe.text,
            title=recipe.title,
            yields=recipe.yields,
            ingredients=recipe.ingredients,
            warnings=[f"This page holds {len(parts)} recipes; only the first was taken."],
        )
    lines: list[str] = []
    groups: list[str] = []
    for name, ingredients in parts:
        lines.extend(ingredients)
        groups.extend([name] * len(ingredients))
    return SourceText(
        text="\n".join(lines),
        title=page_title or recipe.title,
        yields=recipe.yields,
        ingredients=lines,
        ingredient_groups=groups,
    )


def _declared_recipes(html: str) -> list[tuple[str, list[str]]]:
    """The name and ingredient lines of each schema.org Recipe a page declares, in page order, each once."""
    import extruct

    try:
        data = extruct.extract(html, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception as exc:  # noqa: BLE001 - malformed data on a page is normal
        reraise_interrupt(exc)
        return []
    found: list[tuple[str, list[str]]] = []
    stack = [*data.get("json-ld", []), *data.get("microdata", [])][::-1]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
            continue
        if not isinstance(node, dict):
            continue
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        ingredients = node.get("recipeIngredient") or node.get("ingredients")
        if "Recipe" in kinds and isinstance(ingredients, list):
            lines = [" ".join(unescape(line).split()) for line in ingredients if isinstance(line, str)]
            lines = [line for line in lines if line]
            name = " ".join(str(node.get("name") or "").split())
            if lines and not any(_same_recipe((name, lines), other) for other in found):
                found.append((name, lines))
            continue
        stack.extend(reversed([value for value in node.values() if isinstance(value, (dict, list))]))
    return found


# A declared recipe whose words are this much another's is a copy of it (the same recipe in JSON-LD and in
# microdata, or a second copy with its lines run together or reworded). Parts of one dish share their
# seasonings' words ("salt to taste", "garlic"): on the bench pages and the cases, under half.
REPEATED_RECIPE_SHARE = 0.8
_WORD = re.compile(r"[^\W\d_]+")


def _same_recipe(one: tuple[str, list[str]], other: tuple[str, list[str]]) -> bool:
    """Whether two declared recipes are copies of one: the same name, or either's words mostly the other's."""
    (name, lines), (other_name, other_lines) = one, other
    if name and name.lower() == other_name.lower():
        return True
    words, other_words = (set(_WORD.findall(" ".join(group).lower())) for group in (lines, other_lines))
    shared = len(words & other_words)
    return shared >= REPEATED_RECIPE_SHARE * min(len(words), len(other_words))


def _field(getter):
    try:
        return getter()
    except Exception as exc:  # noqa: BLE001 - a missing field is normal
        reraise_interrupt(exc)
        return None


def visible_text(root: lxml.html.HtmlElement) -> str:
    """The page's text as a reader sees it, one block element per line, page furniture left out; the cells
    of a table row on one line, parted by tabs, so that a table is read across (tables.py, columns.py)."""
    for element in root.xpath("//*[" + " or ".join(f"self::{tag}" for tag in _INVISIBLE_TAGS) + "]"):
        _drop(element)
    for element in root.xpath("//*[@hidden or @aria-hidden='true']"):
        _drop(element)
    for element in root.xpath("//*[@class or @id]"):
        hint = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if element.tag in _NEVER_DROPPED or "recipe" in hint or "ingredient" in hint:
            continue
        if _FURNITURE_HINT.search(hint):
            _drop(element)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
            if element.tag in ("li", "p", "div", "tr") or element.tag.startswith("h"):
                element.text = "\n" + (element.text or "")
        elif isinstance(element.tag, str) and element.tag in ("td", "th"):
            element.tail = "\t" + (element.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    lines = (
        "\t".join(" ".join(cell.split()) for cell in line.split("\t")).strip() for line in text.splitlines()
    )
    return "\n".join(line for line in lines if line)


# A page whose text is placed piece by piece at absolute positions (a PDF converted to HTML) has at least
# this many positioned pieces; ordinary pages position a handful of boxes.
MIN_POSITIONED_PIECES = 6
POSITIONED_SHARE = 0.6
# Pieces whose tops are this close (CSS pixels, or the page's own unit) sit on one printed row.
ROW_TOLERANCE = 3.0
_LENGTH = r"(-?[\d.]+)(?:px|pt)?"
_STYLE_LEFT = re.compile(rf"(?:^|;)\s*left\s*:\s*{_LENGTH}", re.IGNORECASE)
_STYLE_TOP = re.compile(rf"(?:^|;)\s*top\s*:\s*{_LENGTH}", re.IGNORECASE)
_STYLE_BOTTOM = re.compile(rf"(?:^|;)\s*bottom\s*:\s*{_LENGTH}", re.IGNORECASE)
_STYLE_SIZE = re.compile(rf"(?:^|;)\s*font-size\s*:\s*{_LENGTH}", re.IGNORECASE)
# pdf2htmlEX writes positions as classes (".x1f{left:72.0px;}", ".y3a{bottom:640.5px;}").
_CLASS_RULE = re.compile(r"\.([xy][0-9a-f]+)\s*\{\s*(left|bottom)\s*:\s*(-?[\d.]+)px;?\s*\}")


def positioned_text(root: lxml.html.HtmlElement) -> str | None:
    """The text of a page converted from a PDF, rebuilt from where each piece is placed, or None when
    the page is not one.

    Converters (pdf2htmlEX, pdftohtml, online tools) place each line, word or glyph run at its own
    position and draw the spaces between words as offsets (an empty span, a margin) rather than as space
    characters. Read in document order, the words run together ("2cupsflour") and columns mix. Here the
    pieces are set on rows by their vertical position and left to right by their horizontal one, with a
    space between pieces and three where a wide blank separates columns.
    """
    class_positions: dict[str, tuple[str, float]] = {}
    for style in root.xpath("//style/text()"):
        for name, side, value in _CLASS_RULE.findall(style):
            class_positions[name] = (side, float(value))
    pieces: list[tuple[int, float, float, float, str]] = []
    pages: dict[int, int] = {}
    for element in root.xpath("//body//*[@style or @class]"):
        position = _position(element, class_positions)
        if position is None:
            continue
        text = _own_text(element)
        if text:
            pieces.append((_page_of(element, pages), *position, text))
    placed = sum(len(text) for *_, text in pieces)
    body = root.find("body")
    everything = len("".join((body if body is not None else root).text_content().split()))
    # Most of the page's text must be placed piece by piece; a page with a few positioned boxes is not
    # a converted PDF.
    if len(pieces) < MIN_POSITIONED_PIECES or placed < POSITIONED_SHARE * everything:
        return None
    rows: list[list[tuple[int, float, float, float, str]]] = []
    for piece in sorted(pieces, key=lambda item: (item[0], item[1], item[2])):
        if rows and rows[-1][0][0] == piece[0] and abs(rows[-1][0][1] - piece[1]) <= ROW_TOLERANCE:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda item: item[2])
        line = ""
        right = None
        for _, _, left, size, text in row:
            if line:
                # Glyphs are about half an em wide; a blank of two ems is a gap between columns.
                line += "   " if right is not None and left - right > 2 * size else " "
            line += text
            right = left + 0.5 * size * len(text)
        lines.append(line)
    return "\n".join(lines)


def _position(element, class_positions: dict[str, tuple[str, float]]) -> tuple[float, float, float] | None:
    """(top, left, font size) of an element placed at an absolute position, top growing downwards."""
    style = element.get("style", "")
    left = _STYLE_LEFT.search(style)
    top = _STYLE_TOP.search(style)
    bottom = _STYLE_BOTTOM.search(style)
    size = _STYLE_SIZE.search(style)
    font_size = float(size.group(1)) if size else 12.0
    x = float(left.group(1)) if left else None
    y = float(top.group(1)) if top else (-float(bottom.group(1)) if bottom else None)
    for name in element.get("class", "").split():
        side, value = class_positions.get(name, ("", 0.0))
        if side == "left":
            x = value
        elif side == "bottom":
            y = -value
    return (y, x, font_size) if x is not None and y is not None else None


def _own_text(element) -> str:
    """An element's text with the spaces a converter drew as empty spans or offsets put back."""
    return " ".join(_text_with_spacers(element).split())


def _text_with_spacers(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            style = child.get("style", "")
            if _STYLE_LEFT.search(style) or _STYLE_TOP.search(style):
                parts.append(" ")  # a positioned piece of its own, read separately
            else:
                inner = _text_with_spacers(child)
                # pdf2htmlEX's spacer: an empty <span class="_ _3">, whose width is the space.
                parts.append(inner if inner.strip() else " ")
        parts.append(child.tail or "")
    return "".join(parts)


_PAGE_BOX = re.compile(r"^(?:pf[0-9a-f]*|page\d*(?:-div)?)$", re.IGNORECASE)


def _page_of(element, pages: dict) -> int:
    """The number of the converted page an element sits on (its coordinates start again on each page)."""
    for ancestor in element.iterancestors():
        names = [ancestor.get("id", ""), *ancestor.get("class", "").split()]
        if any(_PAGE_BOX.match(name) for name in names if name):
            return pages.setdefault(id(ancestor), len(pages))
    return 0


def _drop(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    element.drop_tree()
