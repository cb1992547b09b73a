"""Bytes to text: encoding detection, newline normalisation, format sniffing.

The decoded text (after CRLF/CR → LF) is what every span in a Report indexes.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from typing import TYPE_CHECKING, Final, NamedTuple

from .errors import BinaryInputError, DecodeError
from .pattern_cache import compiled
from .records import Issue
from .rules import HAN

if TYPE_CHECKING:
    from .report_data import InputFormat

# The encodings govreport tries, in this order, when none is declared or forced.
CANDIDATES = ("utf-8", "gb18030", "big5")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Magic numbers of files that are certainly not text pages.
# file signatures, with what the file is and what to do with it
_BINARY_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document: convert it to text first (e.g. pdftotext -layout FILE)"),
    (b"PK\x03\x04", "a zip archive (or a Word .docx / Excel .xlsx / WPS file, which are zip archives): unpack it, "
                    "or convert the document to text first"),
    (b"\xd0\xcf\x11\xe0", "an old Word .doc / Excel .xls / WPS file: convert it to text first "
                          "(e.g. libreoffice --headless --convert-to txt FILE)"),
    (b"{\\rtf", "an RTF document: convert it to text first"),
    (b"Rar!", "a RAR archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
    (b"\x1f\x8b", "a gzip file: decompress it first (gunzip)"),
    (b"BZh", "a bzip2 file: decompress it first (bunzip2)"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"\x7fELF", "a program (ELF), not text"),
    (b"MZ", "a Windows program, not text"),
)
_BINARY_MAGIC = tuple(magic for magic, _ in _BINARY_KINDS)


# Characters that are frequent in both simplified and traditional official prose; the
# share of decoded characters among them tells a right decoding from mojibake.
_COMMON = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点"
    "从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原"
    "又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革"
    "位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强"
    "放决西被干做必战先回则任取据处府研务市县局委省镇村企项目服督查治依规范监执审批"
    "這個們為來時說對會發過動產種後學經實現體機當點從業將開還與關間樣長頭問題黨員區決據處務縣監執審"
)

_HTML_SNIFF = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*+(?:<!doctype\s+html|<html|<head|<meta|<body|<!--|<div|<p[\s>]|<table|<title)",
    re.IGNORECASE,
)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]{2,20})""", re.I)
_NEWLINES = compiled(r"\r\n?+")


TRUNCATED: Final = -1
"""What ``decode`` reports as replaced for bytes cut inside their last character (one U+FFFD at the end):
a truncated page, not an undecodable one."""


class Source(NamedTuple):
    """A decoded input: the text that spans index, and how it was obtained."""

    text: str
    """Decoded text with CRLF/CR normalised to LF."""
    encoding: str
    """The codec that decoded the bytes (``utf-8``, ``gb18030``, ``big5``, ``utf-16`` …)."""
    sha256: str
    """SHA-256 of the raw bytes, hex."""
    format: InputFormat
    """``"text"`` or ``"html"``: what the bytes were before rendering."""
    issues: tuple[Issue, ...] = ()
    """What decoding noticed (``decoding_issues``): the decode stage's warnings."""


def decoding_issues(text: str, replaced: int, suspect: str | None = None,
                    rendering: tuple[Issue, ...] = ()) -> tuple[Issue, ...]:
    """The warnings of decoding ``text`` (the text spans index), in this order: U+FFFD replacements
    (``replaced`` of them, or ``TRUNCATED``: the bytes stop inside their last character, which the text
    ends with), no text at all, a forced encoding (``suspect``) that lost every Chinese character, then
    those of the HTML rendering."""
    issues: list[Issue] = []
    if replaced == TRUNCATED:
        end = len(text)
        issues.append(Issue("decode-truncated", "The input stops inside its last character (a cut page); "
                                                "it became one U+FFFD.", (end - 1, end)))
    elif replaced:
        issues.append(Issue("decode-replaced", f"{replaced} undecodable byte sequences became U+FFFD.", None))
    if not text.strip():
        issues.append(Issue("empty-input", "The input holds no text.", None))
    if suspect:
        issues.append(Issue("encoding-suspect", f"The forced encoding {suspect} leaves no Chinese character in a "
                                                "page of non-ASCII bytes; drop --encoding to detect it.", None))
    return (*issues, *rendering)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def normalize_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return _NEWLINES.sub("\n", text)


def looks_like_html(data: bytes, name: str | None = None) -> bool:
    """True for ``.html``/``.htm`` names, or bytes that open like an HTML page."""
    if name and name.lower().endswith((".html", ".htm", ".shtml", ".xhtml")):
        return True
    head = data[:1024]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = head.decode("utf-16").encode("utf-8", "replace")
        except UnicodeDecodeError:
            return False
    return _HTML_SNIFF.match(head) is not None


def check_binary(data: bytes) -> None:
    """Raise BinaryInputError for bytes that are plainly not a text page."""
    if data.startswith(_BINARY_MAGIC):
        what = next(kind for magic, kind in _BINARY_KINDS if data.startswith(magic))
        raise BinaryInputError(f"this is {what}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return
    sample = data[:8192]
    nuls = sample.count(0)
    if nuls and (nuls > len(sample) // 100 or sample.strip(b"\x00") == b""):
        if utf16_without_bom(data) is not None:
            return
        raise BinaryInputError("the file holds NUL bytes, so it is binary, not text; pass a text or HTML page")


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the bytes are UTF-16 text without a byte-order mark
    (an odd length is a page cut in its last character: the last byte is left out)."""
    if len(data) < 4:
        return None
    data = data[:len(data) - len(data) % 2]
    for name in ("utf-16-le", "utf-16-be"):
        text = _try(data[:8192], name)
        if not text or "\x00" in text:
            continue
        plain = text.isascii() and all(ch.isprintable() or ch.isspace() for ch in text[:2000])
        if plain or _common_share(text) >= 0.3:
            return name
    return None


def _common_share(text: str) -> float:
    han = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    if not han:
        return 0.0
    return sum(ch in _COMMON for ch in han) / len(han)


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, normalised, or None."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936"):
        return "gb18030"
    if name in ("big5", "big5-hkscs", "x-x-big5"):
        return "big5"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _cut_utf8(data: bytes) -> str | None:
    """The text when ``data`` is valid UTF-8 but for an incomplete last character, else None."""
    for k in (1, 2, 3):
        if len(data) <= k or _try(data, "utf-8") is not None:
            return None
        tail = data[-k:]
        if tail[0] >= 0xC0 and all(0x80 <= b < 0xC0 for b in tail[1:]):
            head = _try(data[:-k], "utf-8")
            if head is not None and not head.isascii():
                return head + "\ufffd"
    return None


def detect_and_decode(data: bytes, declared: str | None = None) -> tuple[str, str, int]:
    """Decode bytes, returning (text, encoding, replaced_count).

    A BOM wins; then a declared charset if the bytes decode cleanly with it; then
    UTF-8, GB18030 and Big5, strict, choosing by the share of common Chinese
    characters when more than one decodes. With no clean decoding, the best
    candidate decodes with U+FFFD replacements and the count is returned; ``TRUNCATED`` means
    the bytes were cut inside their last character (one U+FFFD at the end).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            text = _try(data, name)
            if text is not None:
                return text, "utf-8" if name == "utf-8-sig" else name, 0
            text = data.decode(name, errors="replace")
            return text, "utf-8" if name == "utf-8-sig" else name, text.count("\ufffd")
    if b"\x00" in data[:8192]:
        wide = utf16_without_bom(data)
        even = data[:len(data) - len(data) % 2]
        decoded = _try(even, wide) if wide is not None else None
        if decoded is not None:
            return (decoded + "\ufffd", "utf-16", TRUNCATED) if len(data) % 2 else (decoded, "utf-16", 0)
    if declared:
        text = _try(data, declared)
        if text is not None and (declared in ("utf-8", "ascii") or _common_share(text) >= 0.2 or not text):
            return text, declared, 0
    cut = _cut_utf8(data)
    if cut is not None:  # UTF-8 up to a last character the cut left incomplete: a truncation, not GB18030
        return cut, "utf-8", TRUNCATED
    clean: list[tuple[float, str, str]] = []
    for name in CANDIDATES:
        text = _try(data, name)
        if text is None:
            continue
        if name == "utf-8":
            return text, name, 0
        clean.append((_common_share(text), name, text))
    if clean:
        clean.sort(key=lambda c: -c[0])
        return clean[0][2], clean[0][1], 0
    best: tuple[float, str, str] | None = None
    for name in (declared or "utf-8", *CANDIDATES):
        text = data.decode(name, errors="replace")
        share = _common_share(text) - text.count("\ufffd") / max(len(text), 1)
        if best is None or share > best[0]:
            best = (share, name, text)
    assert best is not None
    return best[2], best[1], best[2].count("\ufffd")


_HAN = compiled(HAN)
SUSPECT_HIGH_BYTES = 16


def lost_chinese(data: bytes, text: str) -> bool:
    """A page of many non-ASCII bytes decoded to text without one Chinese character (latin-1 on GBK)."""
    high = sum(1 for b in data[:65536] if b >= 0x80)
    return high >= SUSPECT_HIGH_BYTES and _HAN.search(text) is None


def check_encoding(name: str) -> str | None:
    """The codec's canonical name, or None when Python knows no such encoding."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data: bytes, encoding: str | None = None, declared: str | None = None) -> tuple[str, str, int]:
    """Decode with a forced ``encoding`` (strict), or detect. Returns (text, encoding, replaced)."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}; use e.g. utf-8, gb18030, big5, utf-16") from None
        try:
            return data.decode(encoding), codecs.lookup(encoding).name, 0
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"the bytes are not valid {encoding} (byte {exc.start}); "
                "drop --encoding to let govreport detect it"
            ) from None
    return detect_and_decode(data, declared)
