"""Small PDFs written by hand for tests: a text layer at known places, no PDF library involved."""

import io
import zlib


def pdf_string(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("cp1252")


def make_pdf(contents: list[bytes]) -> bytes:
    """A PDF with one page per content stream, font /F1 Helvetica (WinAnsi) available to each."""
    objects: list[bytes] = []
    font_id = 3 + 2 * len(contents)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(contents)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(contents)} >>".encode())
    for i, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return write_pdf(objects)


def write_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of the given object bodies, numbered from 1 (object 1 the catalog), with its xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def place_text(pieces: list[tuple[float, float, float, str]]) -> bytes:
    """A content stream drawing each (x, y, font size, text) piece where it says, in that order."""
    content = b""
    for x, y, size, text in pieces:
        content += b"BT /F1 %.1f Tf %.1f %.1f Td (" % (size, x, y) + pdf_string(text) + b") Tj ET\n"
    return content


def flate_bomb_pdf(
    inflated_bytes: int, *, image: bool = False, side: int | None = None, text: bytes = b""
) -> bytes:
    """A one-page PDF whose one FlateDecode stream inflates to `inflated_bytes` bytes of blanks.

    The stream is the page's content stream (drawing `text`, a content stream, first), or with image=True
    the data of a greyscale image drawn on the page, declared `side` pixels square (by default about as
    many pixels as it has bytes). The file is about a thousandth of `inflated_bytes`; it is compressed in
    pieces, so building it never holds the inflated bytes.
    """
    compressor = zlib.compressobj(9)
    chunks = [compressor.compress(text)]
    piece = (b"\x00" if image else b" ") * 2**20
    left = inflated_bytes - len(text)
    while left > 0:
        chunks.append(compressor.compress(piece[: min(left, len(piece))]))
        left -= len(piece)
    chunks.append(compressor.flush())
    stream = b"".join(chunks)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << %s >> >>"
    head = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    if not image:
        body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
        return write_pdf([*head, page % b"/Font << /F1 5 0 R >>", body, font])
    side = side or int(inflated_bytes**0.5)
    drawing = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    return write_pdf(
        [
            *head,
            page % b"/XObject << /Im1 5 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(drawing) + drawing + b"\nendstream",
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n"
            % (side, side, len(stream))
            + stream
            + b"\nendstream",
        ]
    )
