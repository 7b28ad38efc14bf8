"""Decoding input bytes: encodings, byte-order marks, line ends, and what is not text."""

from __future__ import annotations

import codecs

import pytest

from framing.read.textio import NotText, decode_bytes


def test_utf8_is_read_as_is():
    decoded = decode_bytes("Kosovo’s border — Milanović".encode(), "a.txt")
    assert (decoded.text, decoded.encoding, decoded.note) == ("Kosovo’s border — Milanović", "utf-8", "")


def test_utf8_byte_order_mark_is_dropped():
    decoded = decode_bytes(codecs.BOM_UTF8 + b"Title\nBody", "a.txt")
    assert decoded.text == "Title\nBody"


def test_utf16_with_byte_order_mark_is_read():
    decoded = decode_bytes("Title\r\nBody".encode("utf-16"), "a.txt")
    assert decoded.text == "Title\nBody"


def test_windows_1252_falls_back_with_a_note():
    decoded = decode_bytes("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "a.txt")
    assert decoded.text == "Café “quoted”"
    assert decoded.encoding == "cp1252"
    assert "cp1252" in decoded.note


def test_crlf_and_lone_cr_become_newlines():
    assert decode_bytes(b"one\r\ntwo\rthree\n", "a.txt").text == "one\ntwo\nthree\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t"])
def test_empty_input_is_not_text(data):
    with pytest.raises(NotText, match="empty"):
        decode_bytes(data, "a.txt")


@pytest.mark.parametrize(
    ("data", "kind"),
    [(b"%PDF-1.7 ...", "PDF"), (b"PK\x03\x04rest", "zip"), (b"\x89PNG\r\n", "PNG"), (b"abc\x00\x01\x02", "binary")],
)
def test_binary_input_says_what_it_looks_like(data, kind):
    with pytest.raises(NotText, match=kind):
        decode_bytes(data, "a.txt")
