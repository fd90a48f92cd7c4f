"""Decide a file's type from its bytes alone, against the allowlist."""

from __future__ import annotations

import re

import puremagic

from .errors import EmptyFile, UnsupportedFileType
from .textfile import bom_encoding, decode_text

PDF = "application/pdf"
TEXT = "text/plain"
HTML = "text/html"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"

ALLOWED_MIME_TYPES = frozenset({PDF, TEXT, HTML, JPEG, PNG, WEBP})

# How much of a file the decision needs; the upload view sniffs only this prefix.
SNIFF_BYTES = 64 * 1024

_HTML_MARKERS = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article|section|h[1-6]|ul|ol|br|span)[\s>/]",
    re.IGNORECASE,
)
# Text formats that are not plain text even though they decode as text.
_OTHER_TEXT_FORMATS = re.compile(r"^(?:\{\\rtf|<svg[\s>]|%!PS)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def sniff_mime(data: bytes) -> str:
    """The MIME type of a file judged from its bytes (a 64 KiB prefix is enough)."""
    data = data[:SNIFF_BYTES]
    if not data.strip():
        raise EmptyFile()
    binary = _binary_type(data)
    if binary:
        return binary
    if bom_encoding(data) is None and b"\x00" in data:
        raise UnsupportedFileType(_unsupported_message(data))
    text = decode_text(data)
    if _CONTROL.search(text[:4096]) and len(_CONTROL.findall(text)) > max(2, len(text) // 1000):
        raise UnsupportedFileType(_unsupported_message(data))
    head = text.lstrip("\ufeff \t\r\n")
    if not head.strip():
        raise EmptyFile()
    if head.startswith("<?xml") and re.search(r"<svg[\s>]", head[:2048]):
        raise UnsupportedFileType()
    if _OTHER_TEXT_FORMATS.match(head):
        raise UnsupportedFileType()
    if head.startswith("<") and _HTML_MARKERS.search(head[:8192].encode("utf-8", "ignore")):
        return HTML
    if _looks_like_html_anywhere(head):
        return HTML
    return TEXT


def _binary_type(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    # PDF readers accept the header anywhere in the first kilobyte.
    if b"%PDF-" in data[:1024]:
        return PDF
    return None


def _looks_like_html_anywhere(text: str) -> bool:
    """A page saved with some text before its markup still has a document skeleton."""
    sample = text[:SNIFF_BYTES].lower()
    return "<html" in sample and ("<body" in sample or "<head" in sample)


def _unsupported_message(data: bytes) -> str | None:
    try:
        kind = puremagic.from_string(data)
    except (puremagic.PureError, ValueError):
        return None
    if kind:
        return (
            f"Files of this type ({kind}) are not supported. Please upload a PDF, a photo "
            "(JPEG, PNG or WebP), a text file or a saved web page."
        )
    return None
