"""Hostile and broken input: every case ends in time with a Report or a one-line error.

Each case runs in its own process with a generous time-out, so a pattern that
backtracks catastrophically fails the test instead of hanging the suite. The full-size
table (a 50 MB file, a million tags) is ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DOCUMENTS

SEED = (DOCUMENTS / "kjj-fazhi-2020" / "input.txt").read_text(encoding="utf-8")
STYLES = ["一、", "（一）", "1.", "（1）", "①", "第一部分 ", "第一章 ", "第一节 ", "第一条 ", "1.1 ", "一是", "第一，"]

CASES: list[tuple[str, str, bytes]] = [
    ("2 MB single line", "line.txt", ("政府工作" * 2**17 + "一是" * 1000).encode()),
    ("30,000 lines of 一、", "dun.txt", ("一、\n" * 30_000).encode()),
    ("nested marker styles", "nested.txt", "\n".join(STYLES[i % 12] + "标题" for i in range(10_000)).encode()),
    ("deep decimal numbering", "decimal.txt", "\n".join(".".join(["1"] * (i + 1)) + " 标题" for i in range(300)).encode()),
    ("100,000 digits", "digits.txt", ("1" * 100_000 + "件，" + "１" * 100_000).encode()),
    ("100,000 (", "parens.txt", ("(" * 100_000 + "（" * 100_000).encode()),
    ("100,000 第", "di.txt", ("第" * 100_000 + "一条").encode()),
    ("100,000 一是", "shi.txt", ("一是" * 100_000).encode()),
    ("one paragraph of 100,000 inline items", "items.txt", ("（一）总体要求" + "，一是加强" * 100_000 + "。").encode()),
    ("one paragraph of 50,000 circled items", "circled.txt", ("主要任务：" + "①抓项目；②抓招商；" * 25_000).encode()),
    ("100,000 %", "pct.txt", ("%" * 100_000 + "百分之" * 30_000).encode()),
    ("unclosed 《 and “", "quote.txt", ("《" * 50_000 + "“" * 50_000 + "1件").encode()),
    ("digits and dots", "dots.txt", ("1." * 100_000 + "2020年" * 10_000).encode()),
    ("NBSP and ideographic space runs", "space.txt", ("\xa0" * 100_000 + "\u3000" * 100_000 + "一、x").encode()),
    ("header labels only", "labels.txt", ("发布日期：来源：作者：" * 20_000).encode()),
    ("control characters", "ctrl.txt", bytes(range(1, 32)) * 3000 + "一、总体".encode()),
    ("HTML nested 100,000 deep", "deep.html", ("<div>" * 100_000 + "一、总体要求" + "</div>" * 100_000).encode()),
    ("HTML with 200,000 tags", "tags.html", ("<p><b>一、</b>正文。</p>" * 100_000).encode()),
    ("HTML never closed", "open.html", ("<p><span>二、" * 50_000).encode()),
    ("GBK declared as UTF-8", "gbk.html", ('<meta charset="utf-8">' + SEED.replace("\n", "<br>")).encode("gbk")),
    ("UTF-8 declared as Big5", "big5.html", ('<meta charset="big5">' + SEED.replace("\n", "<br>")).encode()),
    ("random bytes", "random.txt", bytes((i * 7919 + 13) % 256 for i in range(500_000))),
]


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True, timeout=timeout,
                          check=False, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize(("name", "filename", "data"), CASES, ids=[c[0] for c in CASES])
def test_pathological_input_ends_in_time(name: str, filename: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / filename
    path.write_bytes(data)
    proc = _run(["extract", str(path), "--format", "jsonl"])
    assert b"Traceback" not in proc.stderr
    assert proc.returncode in (0, 1)
    if proc.returncode == 0:
        report = json.loads(proc.stdout)
        assert report["source"]["chars"] > 0
    else:
        assert proc.stderr.decode().count("\n") == 1 and proc.stderr.startswith(b"govreport: ")


def test_max_bytes_rejects_one_input_and_the_batch_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    small = tmp_path / "small.txt"
    small.write_text(SEED, encoding="utf-8")
    proc = _run(["extract", str(big), str(small), "--max-bytes", "4000", "--quiet", "--jobs", "1"])
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert proc.returncode == 1
    assert records[0]["error"]["code"] == "too-large" and "meta" in records[1]
    assert b"raise --max-bytes" in proc.stderr


def test_stdin_over_max_bytes() -> None:
    proc = subprocess.run([sys.executable, "-m", "govreport", "extract", "-", "--max-bytes", "10"],
                          input=b"x" * 100, capture_output=True, timeout=60, check=False)
    assert proc.returncode == 1 and proc.stderr.startswith(b"govreport: -: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_broken_link_and_link_loop_in_a_walked_directory(tmp_path: Path) -> None:
    root = tmp_path / "pages"
    root.mkdir()
    (root / "a.txt").write_text(SEED, encoding="utf-8")
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    (root / "loop").symlink_to(root)  # a directory link back to its parent
    (root / "x.txt").symlink_to(root / "y.txt")
    (root / "y.txt").symlink_to(root / "x.txt")
    proc = _run(["extract", str(root), "--quiet", "--jobs", "1"], timeout=60)
    records = [json.loads(x) for x in proc.stdout.splitlines()]
    assert proc.returncode == 1
    assert "meta" in records[0]
    codes = sorted(r["error"]["code"] for r in records[1:])
    assert codes == ["unreadable"] * 4
    assert b"not a regular file" in proc.stderr


def test_non_utf8_file_name(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xb9\xab\xb8\xe6.txt")  # 公告 in GBK, not valid UTF-8
    (tmp_path / name).write_text(SEED, encoding="utf-8")
    proc = _run(["extract", str(tmp_path), "--quiet", "--jobs", "1"])
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["source"]["path"].endswith("/\\xb9\\xab\\xb8\\xe6.txt")  # each byte spelt \xNN, never U+FFFD
    assert base64.b64decode(report["source"]["path_bytes"]) == os.fsencode(tmp_path / name)  # the exact bytes


def test_file_deleted_during_the_batch(tmp_path: Path) -> None:
    from govreport.batch import Item, Options, run_one

    path = tmp_path / "gone.txt"
    path.write_text(SEED, encoding="utf-8")
    item = Item(str(path), "gone.txt")
    path.unlink()
    outcome = run_one(item, Options("jsonl", None, None, 1000, None))
    assert outcome.error_code == "unreadable" and "no such file" in (outcome.error or "")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SEED, encoding="utf-8")
    path.chmod(0)
    proc = _run(["extract", str(path)])
    assert proc.returncode == 1 and b"permission" in proc.stderr.lower()


def test_injected_spam_stays_in_its_paragraph_and_the_outline_holds() -> None:
    import govreport

    spam = "【澳门赌场 www.example-casino.com 真人娱乐 注册送88元】"
    text = SEED.replace("(二)完善依法行政制度体系", f"(二)完善{spam}依法行政制度体系")
    clean = govreport.parse(SEED)
    hacked = govreport.parse(text)
    assert [n.marker for n in hacked.outline[0].children] == [n.marker for n in clean.outline[0].children]
    node = hacked.outline[0].children[1]
    assert spam in node.text and node.title.startswith("完善【澳门赌场")
    assert [c.marker for c in node.children] == ["一是", "二是"]
    assert spam in hacked.text
