"""Saved web pages: the page's own schema.org Recipe data first, its visible text otherwise."""

from __future__ import annotations

import logging
import re
import warnings as python_warnings

import lxml.html
from bs4 import UnicodeDammit
from lxml import etree

from .errors import CorruptFile, reraise_interrupt
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
    "label", "fieldset", "legend", "address", "details", "summary", "td", "th", "caption",
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
        return recipe
    text = visible_text(root)
    return SourceText(
        text=text,
        title=(recipe.title if recipe else "") or page_title,
        yields=recipe.yields if recipe else "",
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
    for xpath in ('//meta[@property="og:title"]/@content', "//h1", "//title"):
        for found in root.xpath(xpath):
            text = found if isinstance(found, str) else found.text_content()
            text = " ".join(text.split())
            if text:
                return text
    return ""


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


def _field(getter):
    try:
        return getter()
    except Exception as exc:  # noqa: BLE001 - a missing field is normal
        reraise_interrupt(exc)
        return None


def visible_text(root: lxml.html.HtmlElement) -> str:
    """The page's text as a reader sees it, one block element per line, page furniture left out."""
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
            element.tail = " " + (element.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _drop(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is None:
        return
    element.drop_tree()
