"""The allowlist of file kinds: one table that the sniffer, the pipeline and the upload view all read.

Each kind names its MIME type, how a person calls it (for the "not supported" sentence), the reader that
turns its bytes into text, and a rough figure of the seconds extraction takes (returned by the upload
API so a client can show a sensible wait).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .results import SourceText

ProgressCallback = Callable[[str, int], None]
Reader = Callable[[bytes, "ProgressCallback | None"], SourceText]

PDF = "application/pdf"
TEXT = "text/plain"
HTML = "text/html"
JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
HEIC = "image/heic"

# How much of a file the type decision needs; the upload view reads only this prefix.
SNIFF_BYTES = 64 * 1024


def _read_pdf(data: bytes, on_progress: ProgressCallback | None = None) -> SourceText:
    from .pdf import read_pdf
    from .pipeline import holds_whole_ingredient_list

    return read_pdf(data, on_progress, enough=holds_whole_ingredient_list)


def _read_text(data: bytes, on_progress: ProgressCallback | None = None) -> SourceText:
    from .textfile import read_text

    return read_text(data)


def _read_html(data: bytes, on_progress: ProgressCallback | None = None) -> SourceText:
    from .webpage import read_html

    return read_html(data)


def _read_image(data: bytes, on_progress: ProgressCallback | None = None) -> SourceText:
    # Imported when called: the image reader needs the block finder, which needs nothing of this table.
    from .pipeline import read_image

    return read_image(data, on_progress)


@dataclass(frozen=True)
class FileKind:
    """One allowed kind of upload.

    mime_type: what the sniffer returns for it; label: the name people know it by ("a PDF"); reader:
    bytes and an optional progress callback in, SourceText out (raises ExtractionError subclasses);
    estimated_seconds: typical whole-extraction time on one worker core, rounded up (measured with
    bench/extraction.py, docs/benchmarks.md).
    """

    mime_type: str
    label: str
    reader: Reader
    estimated_seconds: int


# Images are OCR'd (about 1-2 s a card); a PDF may hold scanned pages (a few seconds each).
KINDS: tuple[FileKind, ...] = (
    FileKind(PDF, "a PDF", _read_pdf, 5),
    FileKind(JPEG, "a JPEG photo", _read_image, 15),
    FileKind(PNG, "a PNG image", _read_image, 15),
    FileKind(WEBP, "a WebP image", _read_image, 15),
    FileKind(HEIC, "an iPhone photo (HEIC/HEIF)", _read_image, 15),
    FileKind(TEXT, "a text file", _read_text, 2),
    FileKind(HTML, "a saved web page (HTML)", _read_html, 3),
)
BY_MIME_TYPE: dict[str, FileKind] = {kind.mime_type: kind for kind in KINDS}
ALLOWED_MIME_TYPES = frozenset(BY_MIME_TYPE)
# For a MIME type the table does not hold (never sniffed; kept for callers that pass one in).
DEFAULT_ESTIMATED_SECONDS = 15


def estimated_seconds(mime_type: str) -> int:
    """Rough seconds extraction of a file of this MIME type takes, for the upload API's answer."""
    kind = BY_MIME_TYPE.get(mime_type)
    return kind.estimated_seconds if kind else DEFAULT_ESTIMATED_SECONDS


def unsupported_sentence(found: str = "") -> str:
    """The sentence that tells a person their file's type is not supported and what to upload instead.

    found: what the file seems to be (".mp4"), named in the sentence when known.
    """
    labels = [kind.label for kind in KINDS]
    listed = ", ".join(labels[:-1]) + " or " + labels[-1]
    kind = f" ({found})" if found else ""
    return f"This kind of file{kind} is not supported. Please upload {listed}."
