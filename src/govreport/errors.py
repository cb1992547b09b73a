"""Typed errors raised by the library; the CLI maps them to one-line messages."""

from __future__ import annotations

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Inputs larger than this are refused with ``TooLargeError`` unless the caller sets another limit (here, not in
the pipeline, so that the command line reads it without importing the pipeline)."""


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


INTERNAL = "internal-error"
"""The code of an input govreport itself failed on (a bug, not bad input)."""


def unexpected(exc: Exception) -> tuple[str, str]:
    """The error code and one-line message for an input that failed other than by bad input: too
    deep, out of memory, or govreport's own bug (then GOVREPORT_DEBUG=1 re-raises it, traceback and
    all). The run goes on with the other inputs."""
    import os

    if isinstance(exc, RecursionError):
        return "too-deep", "the document nests too deeply to process"
    if isinstance(exc, MemoryError):
        return "too-large", "not enough memory for this document; split it"
    if os.environ.get("GOVREPORT_DEBUG"):
        raise exc
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    what = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return INTERNAL, f"govreport failed on it ({what}); this is a bug: please report it with the file"
