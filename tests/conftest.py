from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
DOCUMENTS = FIXTURES / "documents"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/fixtures/documents/*/expected.json; review the diff before committing")


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def document_inputs() -> list[Path]:
    return sorted(p for d in DOCUMENTS.iterdir() if d.is_dir() for p in d.glob("input.*"))


SHARED_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def fixture_and_shared_pages() -> list[Path]:
    """Every fixture document, then every page of the shared corpus's docs/ and raw/ when it is beside the checkout."""
    pages = document_inputs()
    for folder in ("docs", "raw"):
        if (SHARED_CORPUS / folder).is_dir():
            pages += sorted(p for p in (SHARED_CORPUS / folder).iterdir() if p.suffix in {".txt", ".html", ".htm"})
    return pages


def all_texts() -> list[str]:
    """Every fixture document's text, for tests that need real fragments."""
    from govreport.pipeline import decode_bytes

    return [decode_bytes(p.read_bytes(), p.name)[0].text for p in document_inputs()]
