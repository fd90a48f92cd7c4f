"""OCR of uploaded images: images are drawn here with Pillow so each case shows what it exercises."""

import io
import struct
import time
import zlib

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extraction import ocr
from extraction.errors import CorruptFile, FileTooComplex, NoTextFound

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CARD = [
    "Pancakes",
    "",
    "Ingredients",
    "200 g plain flour",
    "2 large eggs",
    "300 ml milk",
    "1 tbsp sunflower oil",
    "",
    "Method",
    "Whisk everything into a smooth batter.",
]


def _card(lines=CARD, *, size: int = 28, width: int = 900) -> Image.Image:
    font = ImageFont.truetype(FONT, size)
    step = round(size * 1.5)
    image = Image.new("L", (width, 2 * step + step * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((size * 2, step + index * step), line, font=font, fill=0)
    return image


def _encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def test_clean_card_is_read_line_by_line():
    text = ocr.image_to_text(_encode(_card()))

    assert _lines(text) == [line for line in CARD if line]


def test_photo_turned_sideways_is_put_upright_from_its_exif_orientation():
    # Orientation 6: the camera stored the picture a quarter turn anticlockwise of how it is viewed.
    stored = _card().convert("RGB").rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6

    text = ocr.image_to_text(_encode(stored, "JPEG", quality=90, exif=exif))

    assert "200 g plain flour" in _lines(text)
    assert "Whisk everything into a smooth batter." in _lines(text)


def test_slightly_skewed_photo_is_straightened_before_reading():
    skewed = _card().rotate(3, resample=Image.BICUBIC, expand=True, fillcolor=255)

    text = ocr.image_to_text(_encode(skewed))

    assert _lines(text)[2:6] == ["200 g plain flour", "2 large eggs", "300 ml milk", "1 tbsp sunflower oil"]


def test_small_low_contrast_shadowed_photo_is_still_read():
    card = np.asarray(_card(size=16, width=450), dtype=np.float32)
    # Grey ink on paper that darkens towards one side, blurred and noisy as a phone photo.
    shade = np.linspace(1.0, 0.55, card.shape[1], dtype=np.float32)[None, :]
    pixels = (90 + card * (150 / 255)) * shade
    pixels += np.random.default_rng(1).normal(0, 6, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))

    text = ocr.image_to_text(_encode(photo.convert("RGB"), "JPEG", quality=70))

    assert {"200 g plain flour", "2 large eggs"} <= set(_lines(text))


def test_vulgar_fraction_glyphs_are_read_as_fractions():
    lines = ["Ingredients", "\u00bd cup sugar", "1\u00bc cups milk", "\u00be teaspoon salt", "2 eggs"]

    text = ocr.image_to_text(_encode(_card(lines)))

    assert [line.lower() for line in _lines(text)] == [line.lower() for line in lines]


def test_lines_of_one_block_are_not_separated_by_blank_lines():
    text = ocr.image_to_text(_encode(_card()))

    assert "Ingredients\n200 g plain flour\n2 large eggs\n300 ml milk" in text


def test_webp_with_transparent_background_is_read_as_dark_text_on_white():
    card = _card()
    rgba = Image.new("RGBA", card.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(card, lambda v: 255 - v))

    text = ocr.image_to_text(_encode(rgba, "WEBP", lossless=True))

    assert "2 large eggs" in _lines(text)


def test_rendered_pdf_page_is_read_without_file_decoding():
    text = ocr.page_image_to_text(_card().convert("RGB"))

    assert "Ingredients" in _lines(text)


def test_blank_image_has_no_text():
    with pytest.raises(NoTextFound):
        ocr.image_to_text(_encode(Image.new("RGB", (800, 600), (250, 250, 250))))


def test_picture_without_lettering_has_no_text():
    image = Image.new("L", (800, 600), 255)
    ImageDraw.Draw(image).ellipse((200, 100, 600, 500), fill=40)

    with pytest.raises(NoTextFound):
        ocr.image_to_text(_encode(image))


def test_truncated_image_is_corrupt():
    data = _encode(_card())

    with pytest.raises(CorruptFile):
        ocr.image_to_text(data[: len(data) // 2])


def test_bytes_that_are_no_image_are_corrupt():
    with pytest.raises(CorruptFile):
        ocr.image_to_text(b"%PDF-1.7 not an image at all")


def test_decompression_bomb_is_refused_quickly_without_decoding():
    # A 100 000 x 100 000 px PNG header: ten gigapixels declared in a few dozen bytes.
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _png_chunk(b"IEND", b"")
    )

    started = time.monotonic()
    with pytest.raises(FileTooComplex):
        ocr.image_to_text(bomb)
    assert time.monotonic() - started < 1


def test_image_just_over_the_pixel_cap_is_refused(monkeypatch):
    monkeypatch.setattr(ocr, "MAX_PIXELS", 100 * 100)

    with pytest.raises(FileTooComplex):
        ocr.image_to_text(_encode(Image.new("L", (101, 100), 255)))


def test_reading_that_overruns_its_time_budget_is_refused_as_too_complex():
    with pytest.raises(FileTooComplex):
        ocr.image_to_text(_encode(_card()), timeout=0.01)
