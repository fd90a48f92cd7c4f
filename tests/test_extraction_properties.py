"""Property tests (hypothesis): sniffing and line parsing never raise unexpectedly, and keep the raw line."""

import pytest
from billiard.exceptions import SoftTimeLimitExceeded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import parsing
from extraction.errors import EmptyFile, UnsupportedFileType
from extraction.parsing import parse_line
from extraction.sniff import ALLOWED_MIME_TYPES, sniff_mime

# Ingredient-like text: amounts, fractions, units and words, with the odd control or wide character.
_pieces = st.sampled_from(
    [
        "2",
        "½",
        "1 1/2",
        "1-2",
        "0.5",
        "cups",
        "g",
        "tbsp",
        "x",
        "400 g",
        "flour",
        "eggs",
        ",",
        "(",
        ")",
        "-",
        "to taste",
        "finely chopped",
        "\t",
        "\u200b",
        "\u202e",
        "é",
        "🍋",
        "or",
        "/",
        "%",
    ]
)
ingredient_lines = st.one_of(
    st.lists(_pieces, min_size=1, max_size=12).map(" ".join),
    st.text(min_size=1, max_size=200),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ingredient_lines)
def test_parsing_any_line_never_raises_and_keeps_the_raw_line(line):
    parsed = parse_line(line)
    assert parsed.text == line
    assert parsed.quantity is None or isinstance(parsed.quantity, float)
    assert 0.0 <= parsed.confidence <= 1.0


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=4096))
def test_sniffing_any_bytes_names_an_allowed_type_or_refuses_them_cleanly(data):
    try:
        mime = sniff_mime(data)
    except (EmptyFile, UnsupportedFileType):
        return
    assert mime in ALLOWED_MIME_TYPES


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x00\x00\x00\x00WEBP", b""]),
    st.binary(max_size=2048),
)
def test_sniffing_a_known_magic_number_followed_by_anything_never_raises_unexpectedly(magic, tail):
    try:
        sniff_mime(magic + tail)
    except (EmptyFile, UnsupportedFileType):
        pass


def test_a_time_limit_raised_while_a_line_is_parsed_is_not_taken_for_an_odd_line(monkeypatch):
    def slow_parser(_text):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(parsing, "_parser", lambda: slow_parser)
    with pytest.raises(SoftTimeLimitExceeded):
        parse_line("2 cups flour")


def test_a_parser_failure_on_an_odd_line_keeps_the_line_as_written(monkeypatch):
    def broken_parser(_text):
        raise ValueError("odd line")

    monkeypatch.setattr(parsing, "_parser", lambda: broken_parser)
    parsed = parse_line("2 cups flour")
    assert parsed.text == "2 cups flour" and parsed.quantity is None
