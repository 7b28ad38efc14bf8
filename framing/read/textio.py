"""Turn the bytes of an input into text: encoding, byte-order marks, newlines.

Offsets everywhere in framing point into the text returned here: decoded,
without a byte-order mark, with every line end turned into ``\\n``.

>>> decode_bytes("Caf\\u00e9\\r\\nbar".encode("cp1252"), "x.txt")
DecodedText(text='Café\\nbar', encoding='cp1252', note='not valid UTF-8; read as Windows-1252 (cp1252)')
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

__all__ = ["DecodedText", "NotText", "binary_kind", "decode_bytes", "normalize_newlines", "without_nuls"]

#: Byte-order marks, longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (or a .docx / .xlsx file)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office file",
    b"\x1f\x8b": "a gzip archive",
    b"{\\rtf": "an RTF document",
}


class DecodedText(NamedTuple):
    """The decoded text, the encoding used, and a note when it was not plain UTF-8."""

    text: str
    encoding: str
    note: str


class NotText(ValueError):
    """The bytes are not readable text; the message says what they look like."""


def normalize_newlines(text: str) -> str:
    """Turn ``\\r\\n`` and lone ``\\r`` into ``\\n``.

    >>> normalize_newlines("a\\r\\nb\\rc")
    'a\\nb\\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def without_nuls(text: str) -> tuple[str, str]:
    """``text`` without NUL characters (no text holds them; a table cell or file with some was damaged or saved
    in another encoding), and a note saying how many were removed (``""`` when none).

    >>> without_nuls("Rain\\x00 fell.")
    ('Rain fell.', '1 NUL character removed from the text')
    """
    count = text.count("\x00")
    if not count:
        return text, ""
    return text.replace("\x00", ""), f"{count} NUL character{'s' if count > 1 else ''} removed from the text"


def binary_kind(head: bytes) -> str:
    """What the first bytes of a file show it to be when it is not plain text (``""`` when it may be).

    >>> binary_kind(b"%PDF-1.7"), binary_kind(b"Plain words.")
    ('a PDF file, not plain text', '')
    """
    for signature, kind in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            return f"{kind}, not plain text"
    if b"\x00" in head[:8192]:
        return "a binary file, not plain text"
    return ""


def decode_bytes(data: bytes, name: str, *, keep_newlines: bool = False) -> DecodedText:
    """Decode ``data`` (the contents of ``name``) to text with ``\\n`` line ends.

    UTF-8 (with or without a byte-order mark) and UTF-16 and UTF-32 with a
    byte-order mark are read as such; anything else that is not valid UTF-8
    is read as Windows-1252, the usual encoding of text saved on Windows, and
    the note says so.  NUL characters are removed, and the note says so.
    Raises :class:`NotText` for empty or binary data.  ``keep_newlines``
    leaves line ends as they are (for a CSV reader, which knows quoted ones).

    >>> decode_bytes("Rain.".encode("utf-32"), "x.txt")
    DecodedText(text='Rain.', encoding='utf-32', note='')
    """
    decoded = _decode(data)
    text, removed = without_nuls(decoded.text)
    text = text if keep_newlines else normalize_newlines(text)
    return DecodedText(text, decoded.encoding, "; ".join(note for note in (decoded.note, removed) if note))


def _decode(data: bytes) -> DecodedText:
    if not data.strip():
        raise NotText("is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding, "")
            except UnicodeDecodeError:
                text = data.decode(encoding, errors="replace")
                return DecodedText(
                    text, encoding, f"has a {encoding.upper()} byte-order mark but invalid bytes; they became U+FFFD"
                )
    kind = binary_kind(data)
    if kind:
        raise NotText(f"is {kind}; save it as a .txt file first")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return DecodedText(data[3:].decode("utf-8"), "utf-8-sig", "")
        except UnicodeDecodeError:
            text = data[3:].decode("utf-8", errors="replace")
            note = "has a UTF-8 byte-order mark but invalid UTF-8 bytes; they became U+FFFD"
            return DecodedText(text, "utf-8-sig", note)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8", "")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
        note = "not valid UTF-8; read as Windows-1252 (cp1252)"
        return DecodedText(text, "cp1252", note)
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        note = "not valid UTF-8 or Windows-1252; read as Latin-1, check accented letters"
        return DecodedText(text, "latin-1", note)
