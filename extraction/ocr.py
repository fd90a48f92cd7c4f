"""Optical character recognition for uploaded images and scanned PDF pages.

Pure functions over bytes and Pillow images: no Django import. The image is opened with a pixel cap
(decompression bombs are refused before any pixel is decoded), turned upright from its EXIF
orientation, converted to grayscale, evened out (uneven light, low contrast), scaled so text lines are
the height Tesseract reads best, deskewed, and read by Tesseract with line breaks kept.
"""

from __future__ import annotations

import io
import logging
import re
import warnings

import cv2
import numpy as np
import pytesseract
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import CorruptFile, FileTooComplex, NoTextFound

logger = logging.getLogger(__name__)

# 40 megapixels covers phone photos (12-48 MP) and a page at 600 dpi; anything larger is refused.
MAX_PIXELS = 40_000_000
# Tesseract reads best when a capital letter is about 25 px high; measured glyphs are scaled to this.
TARGET_GLYPH_HEIGHT = 25
# Seconds one Tesseract run may take before the image is refused as too complex.
TESSERACT_TIMEOUT = 60
# psm 4: one column of text of varying sizes, read line by line - keeps a card's line structure.
TESSERACT_CONFIG = "--oem 1 --psm 4 -c preserve_interword_spaces=0"
ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_SKEW_DEGREES = 6.0


def image_to_text(data: bytes, *, lang: str = "eng", timeout: float = TESSERACT_TIMEOUT) -> str:
    """Read the text of a JPEG, PNG or WebP file, one output line per printed line."""
    image = _open_image(data)
    image = ImageOps.exif_transpose(image)
    return _recognise(image, lang=lang, timeout=timeout)


def page_image_to_text(image: Image.Image, *, lang: str = "eng", timeout: float = TESSERACT_TIMEOUT) -> str:
    """Read the text of one rendered PDF page."""
    _check_pixels(image.width, image.height)
    return _recognise(image, lang=lang, timeout=timeout)


# ------------------------------------------------------------------------------------------ decoding


def _check_pixels(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise CorruptFile()
    if width * height > MAX_PIXELS:
        raise FileTooComplex()


def _open_image(data: bytes) -> Image.Image:
    """Decode the image, refusing a pixel count over the cap before anything is allocated."""
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check only warns below twice its limit; ours is the one that decides.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS)
            # Image.open reads the header only, so the declared size is known before decoding.
            _check_pixels(*image.size)
            if getattr(image, "n_frames", 1) > 1:
                image.seek(0)  # an animated WebP: the first frame is the picture
            image.load()
    except Image.DecompressionBombError as exc:
        raise FileTooComplex() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptFile() from exc
    return image


# ------------------------------------------------------------------------------------- preparation


def _to_gray(image: Image.Image) -> np.ndarray:
    """Grayscale pixels, with transparent areas made white rather than black."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode == "I;16" or image.mode == "I":
        image = image.point(lambda v: v / 256)
    return np.asarray(image.convert("L"), dtype=np.uint8)


def _even_out(gray: np.ndarray) -> np.ndarray:
    """Divide by the paper's own brightness so shadows and gradients go, then stretch the contrast."""
    height, width = gray.shape
    # The background is smooth, so it is estimated on a half-size copy when the image is large.
    shrink = 2 if min(height, width) > 800 else 1
    small = (
        cv2.resize(gray, (width // shrink, height // shrink), interpolation=cv2.INTER_AREA)
        if shrink > 1
        else gray
    )
    # A closing wider than any glyph stroke but far smaller than the page removes the text, leaving paper.
    size = max(15, min(small.shape) // 40) | 1
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 3)
    if shrink > 1:
        background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    evened = cv2.divide(gray, np.maximum(background, 1), scale=255)
    low, high = np.percentile(evened, (1, 99.5))
    if high - low < 1:
        return evened
    stretched = (evened.astype(np.float32) - low) * (255.0 / (high - low))
    return np.clip(stretched, 0, 255).astype(np.uint8)


def _ink_mask(gray: np.ndarray) -> np.ndarray:
    """Dark-on-light text pixels as 255, by Otsu's threshold."""
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def _glyph_height(mask: np.ndarray) -> float | None:
    """Median height of letter-sized connected components, or None when there are too few."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count < 2:
        return None
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    areas = stats[1:, cv2.CC_STAT_AREA]
    plausible = (heights >= 6) & (heights <= mask.shape[0] / 4) & (widths <= heights * 4) & (areas >= 12)
    if plausible.sum() < 10:
        return None
    # The upper part of the distribution is capitals and ascenders, the height Tesseract is tuned for.
    return float(np.percentile(heights[plausible], 75))


def _skew_angle(mask: np.ndarray) -> float:
    """The rotation (degrees) that makes text rows sharpest in the horizontal projection profile."""
    height, width = mask.shape
    scale = min(1.0, 900 / max(height, width))
    small = cv2.resize(mask, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else mask
    h, w = small.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rotated = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
        profile = rotated.sum(axis=1, dtype=np.float64)
        return float(np.sum(np.diff(profile) ** 2))

    best = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5), key=sharpness)
    best = max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness)
    return float(best)


def _prepare(image: Image.Image) -> np.ndarray:
    gray = _to_gray(image)
    if gray.std() < 2:
        raise NoTextFound()
    gray = _even_out(gray)
    mask = _ink_mask(gray)
    glyph = _glyph_height(mask)
    if glyph is None:
        raise NoTextFound()
    factor = TARGET_GLYPH_HEIGHT / glyph
    # Small scans are enlarged; huge photos are reduced, which also saves time. Near 1, leave it.
    factor = min(max(factor, 0.35), 4.0)
    if factor > 1.15 or factor < 0.75:
        _check_pixels(round(gray.shape[1] * factor), round(gray.shape[0] * factor))
        interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
        gray = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation)
        mask = _ink_mask(gray)
    angle = _skew_angle(mask)
    if abs(angle) >= 0.2:
        h, w = gray.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    return gray


# ------------------------------------------------------------------------------------- recognition


def _recognise(image: Image.Image, *, lang: str, timeout: float) -> str:
    prepared = _prepare(image)
    try:
        raw = pytesseract.image_to_string(prepared, lang=lang, config=TESSERACT_CONFIG, timeout=timeout)
    except RuntimeError as exc:
        # pytesseract signals its timeout as a RuntimeError; a slow image must not hold a worker.
        if "timeout" in str(exc).lower():
            logger.warning("tesseract timed out after %ss on a %dx%d image", timeout, *prepared.shape[::-1])
            raise FileTooComplex() from exc
        raise
    text = _tidy(raw)
    if not re.search(r"\w\w", text):
        raise NoTextFound()
    return text


def _tidy(raw: str) -> str:
    """Trim line ends, drop the page-break character, keep at most one blank line between blocks."""
    lines = [line.rstrip() for line in raw.replace("\f", "\n").splitlines()]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text)
