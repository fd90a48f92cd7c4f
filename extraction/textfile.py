"""Plain-text files: decode bytes in whatever common encoding they use."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from .results import SourceText
from .vocabulary import CHAT_STAMP, MAIL_HEADER, MAIL_QUOTE_INTRO, MAIL_SENDER, MAIL_SIGNATURE

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
    return SourceText(text=without_message_framing(decode_text(data)))


# A signature is this many lines at most, its "-- " line with them: a "--" above more is a separator.
MAX_SIGNATURE_LINES = 8
# A chat export stamps at least this share of its non-empty lines with a date, a time and a sender.
CHAT_STAMPED_SHARE = 0.6


def without_message_framing(text: str) -> str:
    """text without what a chat or mail export wraps a recipe in: each message's date, time and sender
    ("[02/02/2025, 09:12:40] Mum: 1 egg" is "1 egg"), a mail's header lines (two or more together, one of
    them the sender's), the line a reply or forward puts over what it quotes ("On ... wrote:"), and the
    signature from its "-- " line or a "Sent from my iPhone" on. Quote marks ("> ") are bullets to the
    line reader already. Text that is neither comes back unchanged."""
    lines = text.splitlines()
    filled = [line for line in lines if line.strip()]
    if filled and sum(bool(CHAT_STAMP.match(line)) for line in filled) >= CHAT_STAMPED_SHARE * len(filled):
        lines = [CHAT_STAMP.sub("", line) for line in lines]
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if (
            MAIL_SIGNATURE.match(line)
            and sum(bool(rest.strip()) for rest in lines[index:]) <= MAX_SIGNATURE_LINES
        ):
            break
        run = index
        while run < len(lines) and MAIL_HEADER.match(lines[run].strip()):
            run += 1
        if run - index >= 2 and any(MAIL_SENDER.match(lines[i].strip()) for i in range(index, run)):
            index = run
            continue
        if not MAIL_QUOTE_INTRO.match(line.lstrip("> ")):
            kept.append(lines[index])
        index += 1
    return "\n".join(kept)
