"""Image files written byte by byte for tests, where Pillow would refuse to make them."""

import struct
import zlib


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def declared_png(width: int, height: int, *, bit_depth: int = 8) -> bytes:
    """A grayscale PNG whose header declares width x height pixels over a few hundred bytes of data:
    a decompression bomb when the size is large."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + _png_chunk(b"IEND", b"")
    )
