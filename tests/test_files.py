"""Files a user can trust: earlier results survive a failing run, outputs never land on inputs or
unknown endings, every file in a folder is taken or counted, paths stay lossless, an interrupted
JSONL run keeps its complete lines, and a resumed batch redoes exactly the inputs that changed.

Every page here is constructed from the sample page in tests/fixtures (or written inline)."""

from __future__ import annotations

import base64
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govreport.batch import expand
from tests.conftest import DOCUMENTS

SEED = DOCUMENTS / "zhoushan-kjj-2020" / "input.txt"
HTML = DOCUMENTS / "kjj-fazhi-2020-html" / "input.html"
CMD = [sys.executable, "-m", "govreport", "extract"]


def run(*args: str, cwd: Path | None = None, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    def preexec() -> None:
        if umask is not None:
            os.umask(umask)

    return subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=600, check=False, cwd=cwd,
                          preexec_fn=preexec)


def pages(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the sample page, each made distinct by a line of its own (so each has its
    own sha256)."""
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        page = folder / f"p{i:04d}.txt"
        page.write_bytes(SEED.read_bytes() + f"\n第{i}页\n".encode())
        made.append(page)
    return made


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def paths_of(records: list[dict[str, object]]) -> list[str]:
    return [r["source"]["path"] for r in records]  # type: ignore[index]


# -- 2: a failing run leaves an earlier result alone ---------------------------------------------------


@pytest.mark.parametrize("name", ["keep.json", "keep.csv", "keep.md", "keep.txt"])
def test_a_failing_input_leaves_an_earlier_result_untouched(tmp_path: Path, name: str) -> None:
    keep = tmp_path / name
    keep.write_text('{"keep":1}\n', encoding="utf-8")
    keep.chmod(0o644)
    proc = run("nosuch.txt", "-o", name, cwd=tmp_path)
    assert proc.returncode == 1 and "nosuch.txt: no such file" in proc.stderr
    assert keep.read_text(encoding="utf-8") == '{"keep":1}\n' and stat.S_IMODE(keep.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left beside it


def test_an_error_record_replaces_an_earlier_jsonl_as_the_readme_promises(tmp_path: Path) -> None:
    keep = tmp_path / "keep.jsonl"
    keep.write_text('{"keep":1}\n', encoding="utf-8")
    assert run("nosuch.txt", "-o", str(keep), cwd=tmp_path).returncode == 1
    assert [r["error"]["code"] for r in lines(keep)] == ["unreadable"]  # type: ignore[index]


# -- 1d: -o never names an input -----------------------------------------------------------------------


@pytest.mark.parametrize(("inputs", "output"), [(["a.txt", "b.txt"], "a.txt"), (["p.html"], "p.html"),
                                                (["a.txt"], "./sub/../a.txt")])
def test_an_output_naming_an_input_is_refused(tmp_path: Path, inputs: list[str], output: str) -> None:
    for name in ("a.txt", "b.txt", "p.html"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    (tmp_path / "sub").mkdir()
    proc = run(*inputs, "-o", output, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == "" and proc.stderr.count("\n") == 1
    assert "is one of the inputs" in proc.stderr
    for name in ("a.txt", "b.txt", "p.html"):
        assert (tmp_path / name).read_bytes() == SEED.read_bytes()


# -- 4: an ending govreport does not know --------------------------------------------------------------


@pytest.mark.parametrize(("inputs", "output"), [(["a.txt", "b.txt"], "all.jsnol"), (["a.txt", "b.txt"], "bodies.text"),
                                                (["a.txt"], "metrics.xlsx"), (["a.txt", "b.txt"], "results")])
def test_an_unknown_output_ending_is_a_usage_error(tmp_path: Path, inputs: list[str], output: str) -> None:
    for name in inputs:
        (tmp_path / name).write_bytes(SEED.read_bytes())
    proc = run(*inputs, "-o", output, cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert ".jsonl" in proc.stderr and ".csv" in proc.stderr and ".duckdb" in proc.stderr and "'/'" in proc.stderr
    assert not (tmp_path / output).exists()


def test_a_directory_is_one_that_exists_or_ends_in_a_slash(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(SEED.read_bytes())
    (tmp_path / "there").mkdir()
    assert run("a.txt", "b.txt", "-o", "there", "--quiet", cwd=tmp_path).returncode == 0
    assert run("a.txt", "b.txt", "-o", "new/", "--quiet", cwd=tmp_path).returncode == 0
    assert (tmp_path / "there" / "a.txt.json").is_file() and (tmp_path / "new" / "b.txt.json").is_file()


# -- 5: the umask's mode, or the replaced file's -------------------------------------------------------


def test_outputs_take_the_umask_mode_or_the_replaced_files_mode(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    assert run("a.txt", "-o", "a.json", cwd=tmp_path, umask=0o022).returncode == 0
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    (tmp_path / "a.json").chmod(0o640)
    assert run("a.txt", "-o", "a.json", cwd=tmp_path, umask=0o077).returncode == 0
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o640
    assert run("a.txt", "-o", "out/", cwd=tmp_path, umask=0o002).returncode == 0
    assert stat.S_IMODE((tmp_path / "out" / "a.txt.json").stat().st_mode) == 0o664


# -- 3: the endings portals use, and a count of what the walk left out ---------------------------------


def test_a_folder_takes_portal_endings_in_any_case_and_counts_what_it_leaves_out(tmp_path: Path) -> None:
    taken = ["a.shtml", "b.HTML", "c.htm?id=42", "d.xhtml", "e.jsp", "f.asp", "g.aspx", "h.php", "i.md", "j.TXT",
             "k.Htm"]
    left = ["scan.pdf", "table.tsv", "data.PDF"]
    folder = tmp_path / "portal"
    folder.mkdir()
    for name in taken:
        (folder / name).write_bytes(HTML.read_bytes() if "htm" in name.lower() else SEED.read_bytes())
    for name in left:
        (folder / name).write_bytes(b"%PDF-1.4")
    assert sorted(os.path.basename(i.path) for i in expand([str(folder)])) == sorted(taken)
    proc = run(str(folder), "-o", str(tmp_path / "all.jsonl"))
    assert proc.returncode == 0 and len(lines(tmp_path / "all.jsonl")) == len(taken)
    assert "3 files left out: 2 .pdf, 1 .tsv" in proc.stderr


# -- 6: the output directory is not read back; each format its own ending -------------------------------


def test_the_output_directory_is_not_read_back_as_input(tmp_path: Path) -> None:
    pages(tmp_path / "p2", 3)
    for _ in range(2):
        proc = run("p2", "--format", "tree", "-o", "p2/trees/", cwd=tmp_path)
        assert proc.returncode == 0 and "3 done, 0 failed" in proc.stderr and "left out" not in proc.stderr
    assert not (tmp_path / "p2" / "trees" / "p2" / "trees").exists()


def test_text_tree_and_source_keep_their_own_files_in_one_directory(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    shown = {}
    for name in ("text", "tree", "source"):
        assert run("a.txt", "--format", name, "-o", "out/", cwd=tmp_path).returncode == 0
        shown[name] = run("a.txt", "--format", name, cwd=tmp_path).stdout
    written = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert written == ["a.txt.text.txt", "a.txt.tree.txt", "a.txt.txt"]
    for name, ending in (("text", ".text.txt"), ("tree", ".tree.txt"), ("source", ".txt")):
        assert (tmp_path / "out" / f"a.txt{ending}").read_text(encoding="utf-8") == shown[name]


# -- 1c: file names that are not UTF-8 ----------------------------------------------------------------

GBK_NAMES = ["工作报告.txt".encode("gbk"), "年度总结.txt".encode("gbk")]


def _gbk_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gbk"
    folder.mkdir()
    for i, name in enumerate(GBK_NAMES):
        try:
            with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
                fh.write(SEED.read_bytes() + f"\n第{i}页\n".encode())
        except OSError:
            pytest.skip("this file system refuses file names that are not UTF-8")
    return folder


def test_file_names_that_are_not_utf8_stay_distinct_and_lossless(tmp_path: Path) -> None:
    folder = _gbk_folder(tmp_path)
    (folder / "missing.txt").symlink_to(folder / "nowhere")
    proc = run(str(folder), "-o", str(tmp_path / "all.jsonl"))
    records = lines(tmp_path / "all.jsonl")
    assert len(records) == 3 and len(set(paths_of(records))) == 3
    assert not any("\ufffd" in p for p in paths_of(records))
    raw = sorted(base64.b64decode(r["source"]["path_bytes"]) for r in records if "path_bytes" in r["source"])
    assert raw == sorted(os.fsencode(folder) + b"/" + n for n in GBK_NAMES)
    assert any("/gbk/\\xb9\\xa4" in p for p in paths_of(records))  # 工 in GBK, each byte spelt \\xNN
    assert proc.returncode == 1 and proc.stderr.count("\n") == 2  # the broken link, and the summary
    out = run(str(folder), "-o", str(tmp_path / "out") + "/", "--quiet")
    assert out.returncode == 1
    results = sorted(os.listdir(os.fsencode(tmp_path / "out" / "gbk")))
    assert results == sorted(n + b".json" for n in GBK_NAMES)


def test_the_python_api_keeps_a_non_utf8_path_lossless(tmp_path: Path) -> None:
    import govreport

    folder = _gbk_folder(tmp_path)
    path = os.fsdecode(os.path.join(os.fsencode(folder), GBK_NAMES[0]))
    report = govreport.parse_file(path)
    assert report.source.path_bytes is not None
    assert base64.b64decode(report.source.path_bytes) == os.fsencode(path)
    json.loads(report.model_dump_json())  # valid JSON, no lone surrogates
    record = govreport.parse_record(path)
    assert record["source"]["path"] == report.source.path
    assert base64.b64decode(record["source"]["path_bytes"]) == os.fsencode(path)


# -- 1e: an interrupted or full JSONL run keeps its complete lines ------------------------------------


def _part_lines(folder: Path) -> int:
    return sum(p.read_bytes().count(b"\n") for p in folder.glob(".all.jsonl.*"))


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_jsonl_run_keeps_complete_lines_and_resumes(tmp_path: Path, signum: int, code: int) -> None:
    made = pages(tmp_path / "pages", 300)
    out = tmp_path / "all.jsonl"
    proc = subprocess.Popen([*CMD, str(tmp_path / "pages"), "--jobs", "1", "-o", str(out), "--quiet"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while _part_lines(tmp_path) < 5 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code and err.count("\n") == 1 and "Traceback" not in err
    kept = paths_of(lines(out))  # every line whole
    assert 5 <= len(kept) < 300 and kept == [str(p) for p in made[:len(kept)]]
    assert f"the first unwritten input is {made[len(kept)]}" in err and "--resume" in err
    assert not list(tmp_path.glob(".all.jsonl.*"))
    resumed = run(str(tmp_path / "pages"), "-o", str(out), "--resume")
    assert resumed.returncode == 0 and f"{len(kept)} skipped" in resumed.stderr
    assert sorted(paths_of(lines(out))) == [str(p) for p in made]


def test_a_full_disk_keeps_the_complete_jsonl_lines_and_names_the_first_unwritten_input(tmp_path: Path) -> None:
    """A real full disk: a 256 KB tmpfs (skipped where mounting is not allowed)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True,
                      check=False).returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        made = pages(tmp_path / "pages", 40)
        proc = run(str(tmp_path / "pages"), "-o", f"{disk}/all.jsonl", "--quiet")
        assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
        kept = paths_of(lines(disk / "all.jsonl"))
        assert 1 <= len(kept) < 40 and kept == [str(p) for p in made[:len(kept)]]
        assert f"the first unwritten input is {made[len(kept)]}" in proc.stderr
        assert not list(disk.glob(".*"))
    finally:
        subprocess.run(["umount", str(disk)], check=False)


# -- 7: resume, keyed by input path and sha256 ---------------------------------------------------------


def test_resume_a_jsonl_file_redoes_changed_failed_and_new_inputs_only(tmp_path: Path) -> None:
    made = pages(tmp_path / "pages", 4)
    bad = tmp_path / "pages" / "p9999.txt"
    bad.write_bytes(b"%PDF-1.4\n")
    out = tmp_path / "all.jsonl"
    assert run(str(tmp_path / "pages"), "-o", str(out), "--quiet").returncode == 1
    before = out.read_text(encoding="utf-8").splitlines()
    made[1].write_bytes(SEED.read_bytes() + "\n改过的一页\n".encode())
    bad.write_bytes(SEED.read_bytes())
    (tmp_path / "pages" / "p0004.txt").write_bytes(SEED.read_bytes() + "\n新的一页\n".encode())
    proc = run(str(tmp_path / "pages"), "-o", str(out), "--resume")
    assert proc.returncode == 0 and "3 done, 0 failed, 3 skipped" in proc.stderr
    after = out.read_text(encoding="utf-8").splitlines()
    assert [after[0], after[1], after[2]] == [before[0], before[2], before[3]]  # kept lines stay as they were
    records = lines(out)
    assert sorted(paths_of(records)) == sorted(str(p) for p in (tmp_path / "pages").iterdir())
    assert not any("error" in r for r in records)
    import hashlib

    for r in records:
        path = Path(r["source"]["path"])  # type: ignore[index]
        assert r["source"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()  # type: ignore[index]
    again = run(str(tmp_path / "pages"), "-o", str(out), "--skip-existing")
    assert again.returncode == 0 and "0 done, 0 failed, 6 skipped" in again.stderr
    assert out.read_text(encoding="utf-8").splitlines() == after


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_resume_a_directory_redoes_a_page_whose_content_changed(tmp_path: Path, fmt: str) -> None:
    made = pages(tmp_path / "pages", 3)
    assert run("pages", "--format", fmt, "-o", "out/", "--quiet", cwd=tmp_path).returncode == 0
    results = sorted(p for p in (tmp_path / "out").rglob("p*") if p.is_file())
    stamps = [p.stat().st_mtime_ns for p in results]
    made[2].write_bytes(made[2].read_bytes().replace("2020年法治舟山建设".encode(), "2021年法治舟山建设".encode()))
    time.sleep(0.01)
    proc = run("pages", "--format", fmt, "-o", "out/", "--resume", cwd=tmp_path)
    assert proc.returncode == 0 and "1 done, 0 failed, 2 skipped" in proc.stderr
    assert [p.stat().st_mtime_ns for p in results][:2] == stamps[:2] and results[2].stat().st_mtime_ns != stamps[2]
    assert "2021年法治舟山建设" in results[2].read_text(encoding="utf-8")


@pytest.mark.parametrize("output", [None, "all.json", "metrics.csv", "outline.md"])
def test_resume_where_it_cannot_apply_is_a_usage_error(tmp_path: Path, output: str | None) -> None:
    pages(tmp_path / "pages", 2)
    proc = run("pages", *(["-o", output] if output else []), "--resume", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--resume" in proc.stderr
    assert proc.stdout == "" and not (output and (tmp_path / output).exists())


def test_resume_a_duckdb_file_redoes_a_page_whose_content_changed(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    made = pages(tmp_path / "pages", 2)
    assert run("pages", "-o", "corpus.duckdb", "--quiet", cwd=tmp_path).returncode == 0
    made[1].write_bytes(made[1].read_bytes().replace("2020年法治舟山建设".encode(), "2021年法治舟山建设".encode()))
    proc = run("pages", "-o", "corpus.duckdb", "--resume", cwd=tmp_path)
    assert proc.returncode == 0 and "1 done, 0 failed, 1 skipped" in proc.stderr
    con = duckdb.connect(str(tmp_path / "corpus.duckdb"), read_only=True)
    import hashlib

    rows = dict(con.execute("SELECT given, sha256 FROM documents").fetchall())  # keyed by resolved path
    assert rows == {p: hashlib.sha256(Path(tmp_path / p).read_bytes()).hexdigest() for p in ("pages/p0000.txt",
                                                                                           "pages/p0001.txt")}
