"""Decide a file's type from its bytes alone, against the allowlist."""

from __future__ import annotations

import re

import puremagic

from .errors import EmptyFile, UnsupportedFileType
from .filetypes import (
    ALLOWED_MIME_TYPES,
    HEIC,
    HTML,
    JPEG,
    PDF,
    PNG,
    SNIFF_BYTES,
    TEXT,
    WEBP,
    unsupported_sentence,
)
from .textfile import bom_encoding, decode_text

__all__ = ["ALLOWED_MIME_TYPES", "SNIFF_BYTES", "sniff_mime"]

# The ISO base media "ftyp" brands of HEIC/HEIF still images (iPhone photos). "mif1"/"msf1" are the
# generic HEIF brands, shared with AVIF, which is told apart by its own brand among the compatible ones.
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}

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
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        box_size = int.from_bytes(data[:4], "big")
        brands = data[16 : max(16, min(box_size, 256))]
        if b"avif" not in brands or data[8:12] not in (b"mif1", b"msf1"):
            return HEIC
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
    return unsupported_sentence(kind) if kind else None
