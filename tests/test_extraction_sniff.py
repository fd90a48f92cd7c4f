"""Sniffing a file's type from its bytes alone."""

import io
import zipfile

import pytest
from PIL import Image

from extraction.errors import EmptyFile, UnsupportedFileType
from extraction.sniff import ALLOWED_MIME_TYPES, SNIFF_BYTES, sniff_mime

RECIPE = "Crème brûlée\n\nIngredients\n½ cup sugar\n4 egg yolks\n"


def _image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, format=fmt)
    return buffer.getvalue()


def test_allowlist_holds_exactly_the_supported_types():
    assert ALLOWED_MIME_TYPES == {
        "application/pdf",
        "text/plain",
        "text/html",
        "image/jpeg",
        "image/png",
        "image/webp",
        "image/heic",
    }


def test_heic_photo_is_recognised_by_its_ftyp_brand():
    # An ISO base media file: a 24-byte "ftyp" box with the major brand and its compatible brands.
    heic = (24).to_bytes(4, "big") + b"ftypheic" + b"\x00\x00\x00\x00" + b"mif1heic" + b"\x00" * 40
    assert sniff_mime(heic) == "image/heic"
    avif = (24).to_bytes(4, "big") + b"ftypmif1" + b"\x00\x00\x00\x00" + b"avifmiaf" + b"\x00" * 40
    with pytest.raises(UnsupportedFileType):
        sniff_mime(avif)


@pytest.mark.parametrize(
    ("fmt", "mime"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_images_are_recognised_by_their_magic_numbers(fmt, mime):
    assert sniff_mime(_image_bytes(fmt)) == mime


def test_pdf_is_recognised_even_after_leading_junk():
    assert sniff_mime(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj") == "application/pdf"
    assert sniff_mime(b"\r\n  junk\n%PDF-1.4\n") == "application/pdf"


@pytest.mark.parametrize(
    "data",
    [
        RECIPE.encode("utf-8"),
        RECIPE.encode("utf-8-sig"),
        RECIPE.encode("utf-16"),
        RECIPE.encode("cp1252"),
        RECIPE.encode("latin-1"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "cp1252", "latin-1"],
)
def test_plain_text_in_common_encodings_is_text(data):
    assert sniff_mime(data) == "text/plain"


def test_html_is_told_from_text_by_its_markup():
    assert sniff_mime(b"<!DOCTYPE html><html><body><p>hi</p></body></html>") == "text/html"
    assert sniff_mime(b"\n\n  <html>\n<head><title>x</title></head>") == "text/html"
    assert sniff_mime("<!doctype html><title>Crème</title>".encode("utf-16")) == "text/html"


def test_text_mentioning_a_tag_is_still_text():
    assert sniff_mime(b"Use a <b>big</b> bowl.\n2 cups flour\n") == "text/plain"


def test_a_prefix_of_a_large_file_is_enough():
    data = ("1 cup flour, sifted and weighed ¼\n" * 10_000).encode("utf-8")
    assert len(data) > SNIFF_BYTES
    # The cut may fall inside a multi-byte character.
    assert sniff_mime(data[:SNIFF_BYTES]) == "text/plain"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\ufeff  \n".encode("utf-8-sig")])
def test_empty_or_whitespace_only_files_are_empty(data):
    with pytest.raises(EmptyFile) as caught:
        sniff_mime(data)
    assert caught.value.code == "empty_file"


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("recipe.txt", "1 cup flour")
    return buffer.getvalue()


def _docx_like_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        _zip_bytes(),
        _docx_like_bytes(),
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00",
        _image_bytes("GIF"),
        bytes(range(256)) * 64,
        b"{\\rtf1\\ansi Recipe}",
    ],
    ids=["zip", "docx", "exe", "gif", "random-binary", "rtf"],
)
def test_other_file_types_are_unsupported(data):
    with pytest.raises(UnsupportedFileType) as caught:
        sniff_mime(data)
    assert caught.value.code == "unsupported_type"
    assert "not supported" in str(caught.value)
