"""Plain-text files: decode bytes in whatever common encoding they use."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .results import SourceText

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of data announces, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def decode_text(data: bytes) -> str:
    """Decode text bytes: BOM first, then strict UTF-8, then the best charset-normalizer guess."""
    encoding = bom_encoding(data)
    if encoding:
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A prefix cut in the middle of a multi-byte character is still UTF-8.
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            return data[: error.start].decode("utf-8")
    best = from_bytes(data, cp_isolation=None).best()
    if best is not None and best.encoding not in ("utf_8",):
        # Western recipes are far more often Windows-1252 than the look-alike code pages a short
        # sample can be mistaken for; prefer it whenever it decodes cleanly and the guess is Latin.
        if best.encoding in _LATIN_LOOKALIKES:
            decoded = _try_cp1252(data)
            if decoded is not None:
                return decoded
        return str(best)
    decoded = _try_cp1252(data)
    return decoded if decoded is not None else data.decode("latin-1")


_LATIN_LOOKALIKES = {
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "mac_roman",
    "cp850",
    "cp437",
    "iso8859_9",
    "cp1254",
    "iso8859_10",
    "iso8859_14",
    "iso8859_16",
    "iso8859_3",
    "iso8859_4",
    "cp1257",
    "iso8859_13",
    "mac_latin2",
    "cp1258",
}


def _try_cp1252(data: bytes) -> str | None:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


def read_text(data: bytes) -> SourceText:
    """Read a plain-text file."""
    return SourceText(text=decode_text(data))
