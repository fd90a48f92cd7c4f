"""PDF files: the text layer page by page, OCR for pages that only hold a picture of text."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pypdfium2 as pdfium

from .errors import CorruptFile, EncryptedFile, FileTooComplex, NoTextFound
from .results import SourceText

logger = logging.getLogger(__name__)

MAX_PAGES = 200  # a recipe is a few pages; more than this is not a recipe upload
MAX_TEXT_PAGES = 30  # pages whose text layer is read
MAX_OCR_PAGES = 5  # scanned pages sent to OCR (seconds each)
OCR_DPI = 300
# A page with fewer visible characters than this is treated as a scan.
MIN_PAGE_CHARS = 20
# Pdfium's error code for a missing or wrong password.
_PDFIUM_PASSWORD_ERROR = 4

ProgressCallback = Callable[[str, int], None]


def read_pdf(data: bytes, on_progress: ProgressCallback | None = None) -> SourceText:
    """Read a PDF: the text layer, with scanned pages rendered and OCR'd (within the page caps)."""
    document = _open(data)
    try:
        page_count = len(document)
        if page_count == 0:
            raise CorruptFile("This PDF has no pages.")
        if page_count > MAX_PAGES:
            raise FileTooComplex(
                f"This PDF has {page_count} pages, more than the {MAX_PAGES} we can read. "
                "Please upload only the pages with the recipe."
            )
        warnings: list[str] = []
        if page_count > MAX_TEXT_PAGES:
            warnings.append(f"Only the first {MAX_TEXT_PAGES} of {page_count} pages were read.")
        pages: list[str] = []
        ocr_pages = 0
        used_ocr = False
        for index in range(min(page_count, MAX_TEXT_PAGES)):
            page = document[index]
            try:
                text = _page_text(page)
                if len("".join(text.split())) < MIN_PAGE_CHARS and _has_images(page):
                    if ocr_pages >= MAX_OCR_PAGES:
                        if ocr_pages == MAX_OCR_PAGES:
                            warnings.append(f"Only the first {MAX_OCR_PAGES} scanned pages were read.")
                        ocr_pages += 1
                        continue
                    if on_progress:
                        on_progress("ocr", 10 + int(60 * index / max(page_count, 1)))
                    try:
                        text = _ocr_page(page)
                    except NoTextFound:
                        text = ""
                    ocr_pages += 1
                    used_ocr = True
            finally:
                page.close()
            pages.append(text)
            if on_progress and not used_ocr:
                on_progress("reading", 10 + int(40 * (index + 1) / max(page_count, 1)))
    finally:
        document.close()
    text = "\n\n".join(pages)
    if not text.strip():
        raise NoTextFound("We could not find any text in this PDF.")
    return SourceText(text=text, from_ocr=used_ocr, warnings=warnings)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        # Pdfium tries the empty user password itself, so owner-locked PDFs open as usual.
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == _PDFIUM_PASSWORD_ERROR or "password" in str(error).lower():
            raise EncryptedFile() from error
        raise CorruptFile("This PDF seems to be damaged and could not be opened.") from error


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")


def _has_images(page: pdfium.PdfPage) -> bool:
    import pypdfium2.raw as pdfium_c

    return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _ocr_page(page: pdfium.PdfPage) -> str:
    from .ocr import page_image_to_text

    width, height = page.get_size()
    # Keep huge pages within a sane pixel budget.
    scale = min(OCR_DPI / 72, (30_000_000 / max(width * height, 1)) ** 0.5)
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        image = bitmap.to_pil()
        return page_image_to_text(image)
    finally:
        bitmap.close()
