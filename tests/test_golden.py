"""Golden files: each fixture document's full Report, reviewed as a diff.

Refresh with ``pytest tests/test_golden.py --update-golden`` and read ``git diff``
before committing: a golden file is a hand-checked answer, not a snapshot.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govreport
from tests.conftest import DOCUMENTS, document_inputs


def _report(path: Path) -> dict[str, object]:
    data = govreport.parse_file(path).model_dump(mode="json")
    data["source"]["path"] = path.relative_to(DOCUMENTS).as_posix()  # type: ignore[index]
    return data


@pytest.mark.parametrize("path", document_inputs(), ids=lambda p: p.parent.name)
def test_golden(path: Path, request: pytest.FixtureRequest) -> None:
    expected_path = path.parent / "expected.json"
    got = _report(path)
    if request.config.getoption("--update-golden"):
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        pytest.skip("golden file rewritten; review the diff")
    assert expected_path.exists(), f"no {expected_path}; run pytest --update-golden and review it"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert got == expected
