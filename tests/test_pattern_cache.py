"""The compiled-pattern cache: what a later run builds from it is what ``re.compile`` builds, and a
cache that is damaged, foreign, refused by the engine or unwritable only costs the compile."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govreport import pattern_cache

pytestmark = pytest.mark.skipif(pattern_cache.KEY == "", reason="the cache needs CPython's regular-expression engine")

# one process: import the pipeline, parse the seed page, report where its patterns came from and whether each
# pattern in the cache rebuilds into the pattern re.compile gives
PROBE = """
import json, re, sys
import govreport
from govreport import pattern_cache as pc
text = open(sys.argv[1], encoding="utf-8").read()
report = govreport.parse(text)
def alike(p, f, e):  # a guarded pattern's program holds the skip re does not write: it finds what re finds
    if not p.startswith(pc.GUARD):
        return pc._build(p, e) == re.compile(p, f)
    return [(m.span(), m.groups()) for m in pc._build(p, e).finditer(text)] == \
        [(m.span(), m.groups()) for m in re.compile(p, f).finditer(text)]
same = all(alike(p, f, e) for (p, f), e in pc._entries.items())
print(json.dumps({**pc.stats(), "entries": len(pc._entries), "same": same, "nodes": len(report.outline),
                  "file": str(pc.cache_file())}))
"""


def _run(prefix: Path, seed: Path, *, write: bool = True) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run([sys.executable, "-c", PROBE, str(seed)], env=env, capture_output=True, text=True,
                          check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture
def seed() -> Path:
    return Path(__file__).parent / "fixtures" / "documents" / "zhoushan-kjj-2020" / "input.txt"


def test_a_second_run_takes_every_pattern_from_the_cache(tmp_path: Path, seed: Path) -> None:
    first = _run(tmp_path, seed)
    assert first["compiled"] == first["entries"]
    assert isinstance(first["entries"], int) and first["entries"] > 50
    cache = Path(str(first["file"]))
    assert cache.is_file() and str(cache).startswith(str(tmp_path))
    second = _run(tmp_path, seed)
    assert second["compiled"] == 0
    assert second["cached"] == first["compiled"] + first["cached"]
    assert first["guarded"] == 4 and second["guarded"] == 0  # the guards of the cue alternations and dates were kept too
    assert second["same"] is True
    assert second["nodes"] == first["nodes"] > 0


def test_no_cache_is_written_where_python_writes_no_bytecode(tmp_path: Path, seed: Path) -> None:
    result = _run(tmp_path, seed, write=False)
    assert not Path(str(result["file"])).exists()
    again = _run(tmp_path, seed, write=False)
    assert again["cached"] == result["cached"]  # nothing was kept between the runs
    assert again["compiled"] == result["compiled"]


@pytest.mark.parametrize("damage", ["flipped byte", "truncated", "foreign interpreter", "refused program", "empty"])
def test_a_bad_cache_file_is_ignored_and_replaced(tmp_path: Path, seed: Path, damage: str) -> None:
    first = _run(tmp_path, seed)
    cache = Path(str(first["file"]))
    blob = cache.read_bytes()
    payload = blob[32:]
    if damage == "flipped byte":
        cache.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    elif damage == "truncated":
        cache.write_bytes(blob[:len(blob) // 2])
    elif damage == "empty":
        cache.write_bytes(b"")
    else:
        key, entries, guards = marshal.loads(payload)
        if damage == "foreign interpreter":
            key = "cpython-99|another version"
        else:  # a program the engine checks and refuses, under a valid digest
            entries = {k: (flags, b"\xff\xff\x00\x00" + code[4:], groups, names, by_index)
                       for k, (flags, code, groups, names, by_index) in entries.items()}
        payload = marshal.dumps((key, entries, guards))
        cache.write_bytes(pattern_cache._digest(payload) + payload)
    second = _run(tmp_path, seed)
    assert second["cached"] == first["cached"]  # only what the run itself compiled twice
    assert second["compiled"] == first["compiled"]
    assert second["nodes"] == first["nodes"]
    third = _run(tmp_path, seed)  # the bad file was replaced by a good one
    assert third["compiled"] == 0 and third["same"] is True


def test_an_unwritable_cache_directory_costs_only_the_compile(tmp_path: Path, seed: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory would be", encoding="utf-8")
    first = _run(blocker, seed)
    second = _run(blocker, seed)
    assert second["compiled"] == first["compiled"] > 0
    assert not list(tmp_path.glob("**/*.tmp"))


def test_in_process_patterns_equal_re_compile() -> None:
    for pattern, flags in [(r"(?P<n>\d++)\s*+(?P<u>[万亿]?元)", 0), ("[一二三]、", 0), (r"^\s*第.{1,9}条$", 8)]:
        built = pattern_cache.compiled(pattern, flags)
        assert built == __import__("re").compile(pattern, flags)
        assert built.groupindex == __import__("re").compile(pattern, flags).groupindex


def test_a_cache_of_patterns_no_run_uses_is_cut_to_this_runs(tmp_path: Path, seed: Path) -> None:
    """Programs of patterns the code no longer has (edited rules, the cache of an old checkout) are dropped the
    next time the cache is written, once they outnumber the run's own patterns."""
    first = _run(tmp_path, seed)
    cache = Path(str(first["file"]))
    key, entries, guards = marshal.loads(cache.read_bytes()[32:])
    gone = {(f"old pattern {n}", 0): pattern_cache._program(f"old pattern {n}", 0) for n in range(400)}
    entries.pop(next(iter(entries)))  # one pattern of the run is missing, so that the run writes the cache
    payload = marshal.dumps((key, {**entries, **gone}, {**guards, ("old cue", 0): "(?:^|(?=[o]))(?:old cue)"}))
    cache.write_bytes(pattern_cache._digest(payload) + payload)
    second = _run(tmp_path, seed)
    assert second["compiled"] == 1
    _, kept, kept_guards = marshal.loads(cache.read_bytes()[32:])
    assert not any(pattern.startswith("old pattern") for pattern, _ in kept)
    assert ("old cue", 0) not in kept_guards and kept_guards.keys() == guards.keys()
    assert len(kept) == first["entries"]


# constructed: dates, document numbers, inline runs, quantities and lost headings in one paragraph
CONSTRUCTED = ("根据《关于（2020）第3号文件的通知》，2021年1月5日、110年3月5日、111/1/8起，一是加强领导，二是完善制度。"
               "完成率为252.63%，新增3个项目，投资1.2亿元，百分之五十，十九件；执行。四、保障措施 （一）组织领导 ⑴ 1. 第一章")


def test_a_guarded_pattern_skips_to_its_guard_and_finds_what_re_finds(seed: Path) -> None:
    """A pattern that opens with a lookahead guard, (?=[…]), is given the engine's skip to the guard's
    characters (the info block re writes for a pattern that opens with a class): its program differs from
    re's, its matches, groups and spans do not."""
    import re

    from govreport import dates, marker_candidates, metrics

    text = seed.read_text(encoding="utf-8")
    for built in (metrics._METRIC, metrics._NAMED_NUMBER, marker_candidates._INLINE, marker_candidates._JOINED,
                  dates._MINGUO):
        plain = re.compile(built.pattern, built.flags)
        assert built.pattern.startswith(pattern_cache.GUARD) and built != plain
        for page in (text, CONSTRUCTED, CONSTRUCTED[::-1], ""):
            for pos, endpos in ((0, len(page)), (3, max(3, len(page) - 5))):
                found = [(m.span(), m.groups(), m.lastgroup) for m in built.finditer(page, pos, endpos)]
                assert found == [(m.span(), m.groups(), m.lastgroup) for m in plain.finditer(page, pos, endpos)]
        assert any(True for _ in built.finditer(CONSTRUCTED))


@pytest.mark.parametrize("pattern", ["(?=[ab])[ab]?", "(?=[ab])(?:a|b)", "(?i)(?=[ab])(?:a|b)", "(?=[ab]b)(?:a|b)"])
def test_a_guard_the_skip_cannot_read_leaves_re_s_program(pattern: str) -> None:
    """Only a lone class under the lookahead, on a pattern that cannot match empty text and is not
    case-insensitive, gets the skip; the others are compiled as re compiles them."""
    import re

    built = pattern_cache.compiled(pattern)
    skipped = pattern == "(?=[ab])(?:a|b)"
    assert (built != re.compile(pattern)) is skipped
    assert [m.span() for m in built.finditer("xabxbbcA")] == [m.span() for m in re.compile(pattern).finditer("xabxbbcA")]
