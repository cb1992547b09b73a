"""govreport: scraped Chinese government portal pages → a clean, traceable JSON outline.

    >>> import govreport
    >>> report = govreport.parse("一、总体要求\\n完成率为98%。")
    >>> report.outline[0].title
    '总体要求'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import (
    DEFAULT_MAX_BYTES,
    BinaryInputError,
    DecodeError,
    GovreportError,
    InputError,
    TooLargeError,
    UnreadableError,
)

if TYPE_CHECKING:
    from .models import (
        SCHEMA_VERSION,
        DateValue,
        ErrorRecord,
        Meta,
        Metric,
        Node,
        Reference,
        Removed,
        Report,
        Signature,
        SourceInfo,
        Warning,
    )
    from .pipeline import parse, parse_bytes, parse_file, parse_json, parse_record

__version__ = "0.3.0"
"""The one place the version is set (pyproject.toml reads it); raised whenever the output changes."""

_MODELS = ("SCHEMA_VERSION", "Report", "Meta", "DateValue", "Node", "Metric", "Reference", "Removed", "Signature",
           "SourceInfo", "Warning", "ErrorRecord")
_LAZY = {**dict.fromkeys(_MODELS, "models"), "parse": "pipeline",
         "parse_bytes": "pipeline", "parse_file": "pipeline", "parse_json": "pipeline", "parse_record": "pipeline"}


def __getattr__(name: str) -> Any:
    """Load the pipeline and the pydantic models on first use, so that the CLI starts fast."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govreport' has no attribute {name!r}")

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SCHEMA_VERSION",
    "BinaryInputError",
    "DateValue",
    "DecodeError",
    "ErrorRecord",
    "GovreportError",
    "InputError",
    "Meta",
    "Metric",
    "Node",
    "Reference",
    "Removed",
    "Report",
    "Signature",
    "SourceInfo",
    "TooLargeError",
    "UnreadableError",
    "Warning",
    "__version__",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_json",
    "parse_record",
]


def __dir__() -> list[str]:
    return sorted(__all__)
