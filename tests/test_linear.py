"""Every stage is linear: each hostile shape at 2N characters takes under 3 times its time at N
(a quadratic stage takes 4 times; measured ratios are 1.3-2.4, and this machine's noise reaches 2.6).

Timings are CPU time compared within one test (the best of several alternating runs at each
size), never against an absolute budget, so a slow or busy machine changes both sides alike."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

import govreport

N = 120_000  # characters (bytes for the HTML shapes) at the smaller size
RATIO = 3.0


def _toc(n: int) -> str:
    entries = "".join(f"第{i % 9 + 1}部分 第{i}项内容……{i % 90 + 1}\n" for i in range(n // 16))
    return "某某部门决算\n目录\n" + entries + "第一部分 部门概况\n全年完成任务。\n"


def _unheaded_toc(n: int) -> str:
    return "某预案\n" + "".join(f"{i}.{j} 第{i}章第{j}节\n" for i in range(1, n // 150) for j in range(1, 10))


SHAPES: dict[str, Callable[[int], str | bytes]] = {
    "table of contents": _toc,
    "unheaded contents": _unheaded_toc,
    "headings": lambda n: "一、总体要求\n" * (n // 7),
    "inline markers": lambda n: "（一）加强领导。一是健全制度；二是落实责任；三是强化考核。\n" * (n // 30),
    "digits": lambda n: "全年完成" + "1234567890" * (n // 10) + "件。",
    "nbsp runs": lambda n: ("工作情况\xa0\xa0\xa0\xa0（一）加强领导。\u3000\u3000" * (n // 20)),
    "decimal numbering": lambda n: "".join(f"{i}.{i % 7 + 1} 条目内容\n" for i in range(n // 10)),
    "html <div></x>": lambda n: b"<div></x>" * (n // 9),
    "html <b></p>": lambda n: b"<b></p>" * (n // 7),
    "html <div/>": lambda n: b"<div/>" * (n // 6),
}


def _once(data: str | bytes) -> float:
    """CPU seconds of this process: other processes on a busy machine do not count."""
    started = time.process_time()
    if isinstance(data, bytes):
        govreport.parse_bytes(data, path="page.html")
    else:
        govreport.parse(data)
    return time.process_time() - started


def _ratio(small: str | bytes, large: str | bytes, runs: int = 4) -> tuple[float, float]:
    """Best times at N and 2N, measured alternately so that machine noise hits both sizes alike."""
    best_small = best_large = float("inf")
    for _ in range(runs):
        best_small = min(best_small, _once(small))
        best_large = min(best_large, _once(large))
    return best_small, best_large


@pytest.mark.parametrize("shape", list(SHAPES))
def test_doubling_the_input_at_most_doubles_the_time(shape: str) -> None:
    make = SHAPES[shape]
    small, large = make(N), make(2 * N)
    t_small, t_large = _ratio(small, large)
    if t_large >= RATIO * max(t_small, 0.01):  # a noisy neighbour: measure once more before judging
        t_small, t_large = _ratio(small, large, runs=6)
    assert t_large < RATIO * max(t_small, 0.01), f"{shape}: {t_small:.3f}s at N, {t_large:.3f}s at 2N"


def test_lines_kept_as_columns_stay_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """The doubling on a page where every line is a heading, with its lines as ``LineColumns`` at both sizes
    (``COLUMN_LINES`` lowered below both): every stage reads a Line by index or in order, never by a search."""
    from govreport import lines as lines_stage

    monkeypatch.setattr(lines_stage, "COLUMN_LINES", 1_000)
    small, large = SHAPES["headings"](N), SHAPES["headings"](2 * N)
    t_small, t_large = _ratio(small, large, runs=3)
    if t_large >= RATIO * max(t_small, 0.01):
        t_small, t_large = _ratio(small, large, runs=6)
    assert t_large < RATIO * max(t_small, 0.01), f"{t_small:.3f}s at N, {t_large:.3f}s at 2N"
