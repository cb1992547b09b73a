"""Fuzzing parse_bytes with bytes, text and HTML built from real fragments.

CI runs a bounded number of examples; a longer local run:

    GOVREPORT_FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py -q

Every input that ever crashed govreport is kept in tests/fixtures/fuzz/ and replayed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govreport
from govreport.pipeline import decode_bytes
from tests.invariants import check_all
from tests.test_properties import documents

EXAMPLES = int(os.environ.get("GOVREPORT_FUZZ_EXAMPLES", "150"))
REGRESSIONS = sorted((Path(__file__).parent / "fixtures" / "fuzz").iterdir())
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16", "utf-8-sig"]


def _check(data: bytes, name: str | None) -> None:
    try:
        report = govreport.parse_bytes(data, path=name)
    except govreport.GovreportError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    source, _ = decode_bytes(data, name)
    check_all(report, source.text)
    json.loads(report.model_dump_json())


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents(), st.sampled_from(ENCODINGS), st.sampled_from([None, "page.txt", "page.html"]),
       st.binary(max_size=8), st.integers(min_value=0, max_value=400))
def test_fuzz(text: str, encoding: str, name: str | None, junk: bytes, cut: int) -> None:
    data = text.encode(encoding, "replace")
    if name == "page.html":
        data = b"<html><body><div>" + data.replace(b"\n", b"<br>") + b"</div></body></html>"
    _check(data[:cut] + junk + data[cut:], name)


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regressions(path: Path) -> None:
    _check(path.read_bytes(), path.name)
