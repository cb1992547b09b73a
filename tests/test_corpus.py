"""Every real page of the shared corpus parses, and keeps the Report's promises.

The corpus (``../shared/corpus``: ``docs/`` with hand-checked answers, ``raw/`` without) is read in
place from the shared checkout beside this repository; without it these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport.models import Report
from govreport.pipeline import analyse_data, decode_bytes
from tests.invariants import check_all

CORPUS = Path(__file__).parent.parent.parent / "shared" / "corpus"
PAGES = sorted(p for folder in ("docs", "raw") if (CORPUS / folder).is_dir()
               for p in (CORPUS / folder).iterdir() if p.is_file())


@pytest.mark.skipif(not PAGES, reason="the shared corpus is not beside this checkout")
@pytest.mark.parametrize("path", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_page_parses_with_spans_nesting_and_nothing_lost(path: Path) -> None:
    source, evidence = decode_bytes(path.read_bytes(), path.name)
    report = Report.model_validate(analyse_data(source, str(path), evidence))
    check_all(report, source.text)
    assert report.text or report.outline or not source.text.strip()


@pytest.mark.skipif(not PAGES, reason="the shared corpus is not beside this checkout")
def test_every_line_removed_from_a_real_page_names_its_rule() -> None:
    from govreport.pipeline import classify

    for path in PAGES:
        source, evidence = decode_bytes(path.read_bytes(), path.name)
        removed = classify(source, evidence).layout.removed
        assert all(s.rule for s in removed), [s for s in removed if not s.rule][:3]
