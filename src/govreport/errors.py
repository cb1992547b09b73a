"""Typed errors raised by the library; the CLI maps them to one-line messages."""

from __future__ import annotations


class GovreportError(Exception):
    """Base class: every error govreport raises on purpose.

    ``code`` is a stable kebab-case id used in JSONL error records.
    """

    code = "error"


class InputError(GovreportError):
    """The input cannot be read as a document."""

    code = "input-error"


class BinaryInputError(InputError):
    """The bytes are not text (NUL bytes, image or archive signatures)."""

    code = "binary-input"


class DecodeError(InputError):
    """The bytes cannot be decoded with the requested encoding."""

    code = "decode-error"


class TooLargeError(InputError):
    """The input is larger than the configured limit."""

    code = "too-large"


class UnreadableError(InputError):
    """The path cannot be opened or read (missing, a directory, permissions, a FIFO)."""

    code = "unreadable"
