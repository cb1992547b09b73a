"""A long batch meets faults: a dead worker, a signal, a runaway page, a deep tree, a full disk,
a closed stdout. Every input is still accounted for, no process outlives the run, and no output
file is left half-written. Each case runs the command line in a subprocess with a time-out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreport.batch import expand
from tests.conftest import DOCUMENTS

SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"
CMD = [sys.executable, "-m", "govreport", "extract"]
SHARED = Path(__file__).parent.parent.parent / "shared" / "corpus"
RUNAWAY = "a\n" * 7_000_000
"""A constructed page of seven million one-letter lines: far past any budget a test gives it."""


def _pages(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = SEED.read_bytes()
    for i in range(count):
        (folder / f"p{i:05d}.txt").write_bytes(data)
    return folder


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as fh:
            return [int(x) for x in fh.read().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[-1][:1] not in ("Z", "X")
    except OSError:
        return False


def _wait_for_workers(proc: subprocess.Popen[bytes], want: int = 2, limit: float = 30) -> list[int]:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        kids = _children(proc.pid)
        if len(kids) >= want:
            return kids
        time.sleep(0.05)
    raise AssertionError("the workers did not start")


def _ignore_sigint() -> None:
    """What a shell does to a command started with '&' when job control is off."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _running_batch(tmp_path: Path, count: int,
                   sigint_ignored: bool = False) -> tuple[Path, Path, subprocess.Popen[bytes], list[int]]:
    """A --jobs 2 batch of ``count`` pages into one JSONL file, half a second after its workers started."""
    pages = _pages(tmp_path / "pages", count)
    out = tmp_path / "all.jsonl"
    proc = subprocess.Popen([*CMD, str(pages), "--jobs", "2", "-o", str(out), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_ignore_sigint if sigint_ignored else None)
    workers = _wait_for_workers(proc)
    time.sleep(0.5)
    return pages, out, proc, workers


def test_a_killed_worker_fails_no_input_and_the_batch_goes_on(tmp_path: Path) -> None:
    pages, out, proc, workers = _running_batch(tmp_path, 2500)
    os.kill(workers[0], signal.SIGKILL)  # what the OOM killer does
    _, err = proc.communicate(timeout=300)
    assert proc.returncode in (0, 1) and b"Traceback" not in err
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 2500  # every input is a Report or an error record, in input order
    assert [x["source"]["path"] for x in lines] == [str(p) for p in sorted(pages.iterdir())]
    assert not any(_alive(w) for w in workers)


@pytest.mark.parametrize(("signum", "code", "ignored"), [(signal.SIGTERM, 143, False), (signal.SIGINT, 130, False),
                                                         (signal.SIGINT, 130, True)],
                         ids=["SIGTERM", "SIGINT", "SIGINT-started-ignored"])
def test_a_signal_stops_workers_removes_partial_output_and_says_so(tmp_path: Path, signum: int, code: int,
                                                                   ignored: bool) -> None:
    """Also when govreport was started with SIGINT ignored, as 'govreport … &' in a script is."""
    _, out, proc, workers = _running_batch(tmp_path, 4000, sigint_ignored=ignored)
    proc.send_signal(signum)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"govreport went on after signal {signum}") from None
    assert proc.returncode == code
    assert err.decode().count("\n") == 1 and b"interrupted after" in err and b"Traceback" not in err
    assert not list(tmp_path.glob(".*.part"))
    for line in out.read_text(encoding="utf-8").splitlines() if out.exists() else []:
        json.loads(line)  # the JSONL file keeps whole lines only (tests/test_files.py checks which)
    time.sleep(1)
    assert not any(_alive(w) for w in workers)


def test_a_runaway_page_becomes_a_timeout_record(tmp_path: Path) -> None:
    pages = _pages(tmp_path / "pages", 3)
    (pages / "p00001.txt").write_text("一、总体要求\n" + "全年完成任务八项，取得明显成效。" * 200_000, encoding="utf-8")
    proc = subprocess.run([*CMD, str(pages), "--jobs", "2", "--timeout", "0.5", "--quiet"], capture_output=True,
                          timeout=300, check=False)
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert proc.returncode == 1 and len(lines) == 3
    assert [("error" in x) for x in lines] == [False, True, False]
    assert lines[1]["error"]["code"] == "timeout"


@pytest.mark.parametrize("fmt", ["json", "md", "tree", "tables"])
def test_a_worker_is_warm_before_its_first_input_starts_its_clock(tmp_path: Path, fmt: str) -> None:
    """A worker's first parse would import the pipeline (about 0.2 s, more on a loaded machine) on its
    first input's --timeout clock; the worker's set-up does that first, so an input's job imports nothing."""
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>关于印发方案的通知</title></head><body><p>一、总体要求</p>"
                    "<p>（一）全年完成任务8项。</p></body></html>", encoding="utf-8")  # constructed
    probe = ("import sys\n"
             "from govreport.batch import Item, Options, _job, _start_worker\n"
             f"options = Options({fmt!r}, None, None, None, None)\n"
             "_start_worker(options)\n"
             "before = set(sys.modules)\n"
             f"results = [_job(Item(p, p), options) for p in ({str(SEED)!r}, {str(page)!r})]\n"
             "assert all(r[1] is None and r[0] for r in results), results\n"
             "print(sorted(set(sys.modules) - before))\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _stall(root: Path, folders: list[list[Path]]) -> list[str]:
    """A batch folder ``root``: ``p01``, ``p02`` … each holding links to the given pages, and the
    constructed runaway page first in line; the inputs' paths in the walker's order."""
    for n, pages in enumerate(folders, 1):
        folder = root / f"p{n:02d}"
        folder.mkdir(parents=True)
        for page in pages:
            (folder / page.name).symlink_to(page.resolve())
    (root / "p01" / "a00-runaway.txt").write_text(RUNAWAY, encoding="ascii")
    return [item.path for item in expand([str(root)])]


def _runaway_batch(root: Path, expected: list[str], extra: list[str] | None = None,
                   kill_first_worker: bool = False) -> None:
    """``govreport extract ROOT -j 2 --timeout 5 -o out.jsonl``: one line per input in input order,
    the runaway page an error record when about its own budget is spent (its line is the first on
    stderr: it is first in line), and every other page a Report."""
    budget = 5.0
    out = root.parent / "out.jsonl"
    started = time.monotonic()
    proc = subprocess.Popen([*CMD, str(root), "-j", "2", "--timeout", f"{budget:g}", "-o", str(out), *(extra or [])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if kill_first_worker:  # the worker that took the first chunk, on the runaway page now
            first = _wait_for_workers(proc)[0]
            time.sleep(1)
            os.kill(first, signal.SIGKILL)
        assert proc.stderr is not None
        first_line = proc.stderr.readline().decode()
        runaway_after = time.monotonic() - started
        rest = proc.stderr.read().decode()
        proc.wait(timeout=600)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "a00-runaway.txt: took longer than 5 s" in first_line
    assert runaway_after < 3 * budget  # the chunk's budget (16 pages) and a retry alone took 17
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(expected)
    assert [x["source"]["path"] for x in lines] == expected
    assert lines[0]["error"]["code"] == "timeout"
    assert not [x["source"]["path"] for x in lines[1:] if "error" in x]
    assert proc.returncode == 1 and "Traceback" not in rest
    assert f"{len(expected)} inputs: {len(expected) - 1} done, 1 failed" in rest


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpus is not beside this checkout")
def test_a_runaway_page_first_in_line_among_real_pages_loses_nothing(tmp_path: Path) -> None:
    """516 real pages in three folders and the runaway page first in line: 517 lines."""
    bulk = sorted((SHARED / "bulk" / "tw_tainan").glob("*.txt"))[:300]
    expected = _stall(tmp_path / "stall", [sorted((SHARED / "docs").iterdir()), sorted((SHARED / "raw").iterdir()),
                                           bulk])
    assert len(expected) == 517
    _runaway_batch(tmp_path / "stall", expected)


def _seed_copies(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True)
    data = SEED.read_bytes()
    for i in range(count):
        (folder / f"s{i:04d}.txt").write_bytes(data)
    return sorted(folder.iterdir())


def test_a_runaway_page_first_in_line_loses_nothing(tmp_path: Path) -> None:
    """Constructed: the seed page 300 times in three folders (more than the pool holds at once)
    and the runaway page first in line."""
    pages = _seed_copies(tmp_path / "seed", 300)
    expected = _stall(tmp_path / "stall", [pages[:100], pages[100:200], pages[200:]])
    _runaway_batch(tmp_path / "stall", expected)


def test_a_worker_killed_on_a_slow_first_page_loses_nothing(tmp_path: Path) -> None:
    """``kill -9`` of the worker busy on the runaway page: the page is tried once more alone and
    runs past its own budget; every other input is still a Report."""
    pages = _seed_copies(tmp_path / "seed", 300)
    expected = _stall(tmp_path / "stall", [pages[:100], pages[100:200], pages[200:]])
    _runaway_batch(tmp_path / "stall", expected, kill_first_worker=True)


def test_a_directory_tree_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    levels = [str(tmp_path / "root")]
    os.mkdir(levels[0])
    for _ in range(1200):  # made and removed one level at a time: pathlib and shutil recurse
        levels.append(levels[-1] + "/d")
        os.mkdir(levels[-1])
    page = levels[-1] + "/page.txt"
    Path(page).write_bytes(SEED.read_bytes())
    try:
        proc = subprocess.run([*CMD, "root", "--quiet"], capture_output=True, timeout=120, check=False, cwd=tmp_path)
        assert proc.returncode == 0 and b"Traceback" not in proc.stderr
        assert json.loads(proc.stdout)["meta"]["issuer"] == "舟山市科学技术局"
    finally:
        os.unlink(page)
        for level in reversed(levels):
            os.rmdir(level)


def test_a_closed_stdout_is_one_line() -> None:
    proc = subprocess.run(f"{sys.executable} -m govreport extract {SEED} >&-", shell=True, capture_output=True,
                          timeout=60, check=False)
    assert proc.returncode == 1 and proc.stderr.decode().count("\n") == 1
    assert b"standard output is closed" in proc.stderr


def test_a_full_disk_stops_with_the_first_unwritten_input_and_no_broken_file(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(disk)], capture_output=True,
                             check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        pages = _pages(tmp_path / "pages", 40)
        proc = subprocess.run([*CMD, str(pages), "-o", f"{disk}/out/", "--jobs", "1", "--quiet"], capture_output=True,
                              timeout=120, check=False)
        assert proc.returncode == 1 and b"Traceback" not in proc.stderr
        assert b"the first unwritten input is" in proc.stderr and b"--resume" in proc.stderr
        written = list((disk / "out").rglob("*"))
        assert written and not [p for p in written if p.name.endswith(".part")]
        for result in (p for p in written if p.is_file() and p.name != ".govreport-manifest.jsonl"):
            json.loads(result.read_bytes())  # every file that exists is whole
        stream = subprocess.run([*CMD, str(pages), "-o", f"{disk}/all.jsonl", "--quiet"], capture_output=True,
                                timeout=120, check=False)
        assert stream.returncode == 1 and not (disk / "all.jsonl").exists() and not list(disk.glob(".*.part"))
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize(("debug", "shown"), [("", b""), ("1", b"pool noise")])
def test_a_workers_stderr_is_silent_unless_debugging(debug: str, shown: bytes) -> None:
    """A worker torn down with its pool must not print the pool's traceback into the terminal;
    GOVREPORT_DEBUG=1 keeps a worker's stderr for debugging."""
    code = ("import os, sys\nfrom govreport.batch import _quiet_worker\n_quiet_worker()\n"
            "sys.stderr.write('pool noise'); sys.stderr.flush()")
    env = {**os.environ, "GOVREPORT_DEBUG": debug}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True, timeout=60)
    assert done.stderr == shown
