"""govreport: scraped Chinese government portal pages → a clean, traceable JSON outline.

    >>> import govreport
    >>> report = govreport.parse("一、总体要求\\n完成率为98%。")
    >>> report.outline[0].title
    '总体要求'
"""

from __future__ import annotations

from .errors import (
    BinaryInputError,
    DecodeError,
    GovreportError,
    InputError,
    TooLargeError,
    UnreadableError,
)
from .models import SCHEMA_VERSION, Report
from .pipeline import DEFAULT_MAX_BYTES, parse, parse_bytes, parse_file

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SCHEMA_VERSION",
    "BinaryInputError",
    "DecodeError",
    "GovreportError",
    "InputError",
    "Report",
    "TooLargeError",
    "UnreadableError",
    "__version__",
    "parse",
    "parse_bytes",
    "parse_file",
]
