"""The lines stage: a page of more than ``COLUMN_LINES`` short lines keeps them as ``LineColumns`` (offsets into the text,
each Line built when read), and every stage reads them as it reads a tuple of Lines, to the same Report.

Cases are constructed unless they read the fixture documents or the shared corpus."""

from __future__ import annotations

import tracemalloc
from array import array

import pytest

from govreport import lines as lines_stage
from govreport.json_writer import dumps
from govreport.lines import LineColumns, cut_out, select, split_lines, split_where, starts_of
from govreport.pipeline import analyse_data, decode_bytes
from govreport.records import Line

from .conftest import fixture_and_shared_pages

# blank lines, lines of white space only, padding of NBSP and ideographic spaces, a long line whose paragraph
# breaks were lost (cut at its indentation runs) and an empty last line
TEXT = ("标题\n\n  \n\u3000\u3000一、总体要求\xa0\n正文。\n"
        + "某某工作取得进展。" * 40 + "\u3000\u3000二、主要做法" + "某某工作。" * 20 + "\n1.第一项\n")


def _as_tuple(text: str) -> tuple[Line, ...]:
    lines = split_lines(text)
    assert isinstance(lines, tuple)
    return lines


def test_columns_hold_the_same_lines_as_the_tuple() -> None:
    expected = _as_tuple(TEXT)
    columns = LineColumns.of(TEXT)
    assert len(expected) > 8  # the long line was cut
    assert tuple(columns) == expected
    assert [columns[i] for i in range(len(columns))] == list(expected)
    assert columns[-1] == expected[-1] and columns[-2] == expected[-2]
    assert list(starts_of(columns)) == [ln.start for ln in expected]


def test_a_slice_or_a_selection_is_a_view_whose_lines_keep_their_position() -> None:
    expected = _as_tuple(TEXT)
    columns = LineColumns.of(TEXT)
    assert isinstance(columns[3:], LineColumns)
    assert tuple(columns[3:]) == expected[3:]
    assert tuple(columns[2:7][1:3]) == expected[3:5]
    picked = select(columns, array("q", [1, 4, 5]))
    assert [ln.position for ln in picked] == [1, 4, 5]
    assert tuple(picked) == (expected[1], expected[4], expected[5])
    assert tuple(cut_out(columns, 2, 5)) == expected[:2] + expected[5:]
    assert tuple(cut_out(expected, 2, 5)) == expected[:2] + expected[5:]
    assert list(starts_of(picked)) == [expected[i].start for i in (1, 4, 5)]


def test_splitting_a_line_gives_the_same_lines_both_ways() -> None:
    expected = _as_tuple(TEXT)

    def cut_of(ln: Line) -> int:  # split every line that holds 、 after it
        return ln.text.find("、") + 1 if "、" in ln.text and not ln.text.endswith("、") else 0

    split = split_where(expected, cut_of)
    assert len(split) > len(expected)
    assert tuple(split_where(LineColumns.of(TEXT), cut_of)) == split
    columns = LineColumns.of(TEXT)
    assert split_where(columns, lambda ln: 0) is columns


@pytest.mark.parametrize("batch", [1, 3, 4, 5, 4096])
def test_the_stripped_text_is_joined_a_batch_at_a_time_as_one_join_would(batch: int,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Constructed: the lines' stripped texts joined in batches (the last one short, or none) read exactly as one
    join of every line, from the tuple and from the columns."""
    monkeypatch.setattr(lines_stage, "JOIN_BATCH", batch)
    expected = _as_tuple(TEXT)
    whole = "\n".join(ln.stripped for ln in expected)
    assert "\u3000" not in whole and len(expected) % 4 != 0
    assert lines_stage.stripped_text(expected) == whole
    assert lines_stage.stripped_text(LineColumns.of(TEXT)) == whole
    assert lines_stage.stripped_text(expected[:4]) == "\n".join(ln.stripped for ln in expected[:4])
    assert lines_stage.stripped_text(()) == ""


def test_a_page_of_more_than_column_lines_short_lines_gets_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines_stage, "COLUMN_LINES", 5)
    assert isinstance(split_lines("a\n" * 4), tuple)
    assert isinstance(split_lines("a\n" * 5), LineColumns)
    assert isinstance(split_lines("一、总体要求，主要做法。\n" * 5), LineColumns)  # 13 characters a line
    assert isinstance(split_lines("某某工作取得明显进展，各项任务全面完成。\n" * 50), tuple)  # prose: a tuple stays faster


def test_every_page_gives_the_same_report_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fixture document, and every page of the shared corpus's docs/ and raw/ when it is beside the checkout,
    read once with its lines as a tuple and once as columns: the same JSON, byte for byte."""
    for page in fixture_and_shared_pages():
        source, evidence = decode_bytes(page.read_bytes(), str(page))
        monkeypatch.setattr(lines_stage, "COLUMN_LINES", 10**9)
        monkeypatch.setattr(lines_stage, "COLUMN_CHARS", 16)
        as_tuple = dumps(analyse_data(source, str(page), evidence), 2)
        monkeypatch.setattr(lines_stage, "COLUMN_LINES", 0)
        monkeypatch.setattr(lines_stage, "COLUMN_CHARS", 10**9)
        assert isinstance(split_lines(source.text), LineColumns) or "\n" not in source.text  # one line: a tuple
        as_columns = dumps(analyse_data(source, str(page), evidence), 2)
        assert as_columns == as_tuple, page.name


def test_a_page_of_short_lines_costs_a_fraction_of_its_lines_as_tuples(monkeypatch: pytest.MonkeyPatch) -> None:
    """Constructed: 20,000 short lines (ab。, 120 KB) read as columns (COLUMN_LINES lowered to 1,000 to keep the test
    short: the pipeline takes some 40 µs a line). Analysing the page peaks under 35 bytes per input byte (about 22;
    as a tuple of Lines about 53, and about 114 for lines of one letter, where columns take about 23)."""
    monkeypatch.setattr(lines_stage, "COLUMN_LINES", 1_000)
    data = ("ab。\n" * 20_000).encode("utf-8")
    source, evidence = decode_bytes(data, "short.txt")
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        report = analyse_data(source, "short.txt", evidence)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert report["text"].count("\n") == 20_000 - 1
    assert peak < 35 * len(data), f"{peak / len(data):.1f} bytes per input byte"
