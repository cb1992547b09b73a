"""Documents cited by title in 《》."""

from __future__ import annotations

from .pattern_cache import compiled
from .records import Line

_CITED = compiled(r"《(?P<title>[^《》\n]{1,200}+)》")


def find_references(line: Line) -> list[tuple[str, tuple[int, int]]]:
    """(title, span) of each 《…》 in a body paragraph, marks dropped from the title."""
    return [(m.group("title"), (line.start + m.start(), line.start + m.end())) for m in _CITED.finditer(line.text)]
