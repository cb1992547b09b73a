#!/usr/bin/env python3
"""What a change does to real pages: the Reports of a commit against the work tree's, page by page.

    python benchmarks/corpus_diff.py                      # HEAD against the work tree, every shared folder
    python benchmarks/corpus_diff.py --base HEAD~3 --sample 20 --show outline
    python benchmarks/corpus_diff.py --only bulk/tw_laws --list

Each side parses every page of ../shared/corpus/{docs,raw,bulk} in-process (``govreport.parse_file``
from that side's own ``src/``), two processes at a time. A committed side is cached under
``$TMPDIR/govreport-snapshots/<commit>.jsonl.gz``, so comparing against HEAD again costs one side.
The summary counts, per folder, the pages whose Report changed and which parts changed (outline,
metrics, each meta field, removed, warnings …); ``--sample N`` prints N changed pages with the
lines of each changed part, before (-) and after (+). Read them: a rule that changes pages it was
not meant for is a rule for a file, not for a class.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
CACHE = Path(tempfile.gettempdir()) / "govreport-snapshots"
FOLDERS = ("docs", "raw", "bulk")
ENDINGS = {".txt", ".html", ".htm", ".md"}


def corpus_files(only: list[str]) -> list[Path]:
    files = []
    for folder in FOLDERS:
        base = SHARED / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(SHARED).as_posix()
            if path.is_file() and path.suffix.lower() in ENDINGS and "manifests" not in path.parts \
                    and path.name != "README.md" and (not only or any(rel.startswith(o) for o in only)):
                files.append(path)
    return files


_SRC: str | None = None


def _init(src: str) -> None:
    global _SRC
    _SRC = src
    sys.path.insert(0, src)
    for name in [m for m in sys.modules if m == "govreport" or m.startswith("govreport.")]:
        del sys.modules[name]


def _one(path: str) -> str:
    import govreport

    rel = Path(path).relative_to(SHARED).as_posix()
    try:
        data = govreport.parse_file(path).model_dump(mode="json")
        data.get("source", {}).pop("path", None)
        return json.dumps({"path": rel, "report": data}, ensure_ascii=False, sort_keys=True)
    except Exception as exc:  # a failing page is part of the picture
        return json.dumps({"path": rel, "error": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False)


def snapshot(src: Path, files: list[Path], out: Path, jobs: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    with gzip.open(tmp, "wt", encoding="utf-8") as fh, \
            ProcessPoolExecutor(jobs, initializer=_init, initargs=(str(src),)) as pool:
        for line in pool.map(_one, [str(f) for f in files], chunksize=8):
            fh.write(line + "\n")
    tmp.replace(out)


def load(path: Path) -> dict[str, dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return {rec["path"]: rec for rec in map(json.loads, fh)}


def commit_of(rev: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True, text=True,
                          check=True).stdout.strip()


def source_at(commit: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True)
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _flatten(nodes: list[dict[str, object]], out: list[str], depth: int = 0) -> list[str]:
    for n in nodes:
        mark = "?" if n.get("inferred") else ""
        out.append(f"{'  ' * depth}{n['level']} {mark}{n.get('marker') or ''} {n.get('title') or ''} "
                   f"[{n.get('style')}]")
        _flatten(n.get("children") or [], out, depth + 1)  # type: ignore[arg-type]
    return out


def parts(rec: dict[str, object]) -> dict[str, list[str]]:
    """The comparable parts of one Report, each as lines."""
    if "error" in rec:
        return {"error": [str(rec["error"])]}
    r: dict[str, object] = rec["report"]  # type: ignore[assignment]
    out: dict[str, list[str]] = {}
    meta = dict(r.get("meta") or {})  # type: ignore[call-overload]
    fields = meta.pop("fields", None)
    for key, value in meta.items():
        if isinstance(value, dict) and "iso" in value:
            value = f"{value.get('raw')} → {value.get('iso')}"
        out[f"meta.{key}"] = [json.dumps(value, ensure_ascii=False)]
    out["meta.fields"] = [json.dumps(fields, ensure_ascii=False, sort_keys=True)]
    out["outline"] = _flatten(r.get("outline") or [], [])  # type: ignore[arg-type]
    out["metrics"] = [f"{m['raw']} → {m['value']} {m['unit']} ({m.get('qualifier')}) {m.get('label')}"
                      for m in r.get("metrics") or []]  # type: ignore[union-attr]
    out["references"] = [str(x.get("title")) for x in r.get("references") or []]  # type: ignore[union-attr]
    out["removed"] = [f"{x['kind']}/{x.get('rule')}: {str(x['text'])[:80]}" for x in r.get("removed") or []]  # type: ignore[union-attr]
    out["signature"] = [str((r.get("signature") or {}).get("text"))]  # type: ignore[union-attr]
    out["warnings"] = [f"{w['code']}: {w['message'][:100]}" for w in r.get("warnings") or []]  # type: ignore[union-attr]
    out["text"] = str(r.get("text") or "").splitlines()
    out["rest"] = [json.dumps({k: v for k, v in r.items() if k not in {
        "meta", "outline", "metrics", "references", "removed", "signature", "warnings", "text", "preamble",
        "generator"}},
        ensure_ascii=False, sort_keys=True)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="HEAD", help="the commit to compare against (default HEAD)")
    ap.add_argument("--head", default=None, help="a commit for the new side (default: the work tree)")
    ap.add_argument("--only", action="append", default=[], help="a folder prefix under corpus/, e.g. bulk/tw_laws")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=5, help="changed pages to print (default 5)")
    ap.add_argument("--show", action="append", default=[], help="print only these parts (outline, meta.title …)")
    ap.add_argument("--list", action="store_true", help="list every changed page with its changed parts")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"corpus_diff: no shared corpus at {SHARED}", file=sys.stderr)
        return 2
    files = corpus_files(args.only)
    suffix = "-" + "+".join(o.replace("/", "_") for o in sorted(args.only)) if args.only else ""

    def side(rev: str | None) -> Path:
        if rev is None:
            out = Path(tempfile.mkdtemp(prefix="govreport-diff-")) / "worktree.jsonl.gz"
            snapshot(ROOT / "src", files, out, args.jobs)
            return out
        commit = commit_of(rev)
        out = CACHE / f"{commit}{suffix}.jsonl.gz"
        if not out.exists():
            with tempfile.TemporaryDirectory() as tmp:
                snapshot(source_at(commit, Path(tmp)), files, out, args.jobs)
        return out

    old, new = load(side(args.base)), load(side(args.head))
    changed: dict[str, list[str]] = {}
    per_folder: Counter[str] = Counter()
    per_part: dict[str, Counter[str]] = {}
    totals: Counter[str] = Counter()
    for path in sorted(set(old) | set(new)):
        folder = "/".join(path.split("/")[:2]) if path.startswith("bulk/") else path.split("/")[0]
        totals[folder] += 1
        a, b = parts(old.get(path, {"error": "absent"})), parts(new.get(path, {"error": "absent"}))
        diff = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        if diff:
            changed[path] = diff
            per_folder[folder] += 1
            for k in diff:
                per_part.setdefault(folder, Counter())[k] += 1
    print(f"{'folder':28} {'pages':>6} {'changed':>8}  parts changed")
    for folder in sorted(totals):
        kinds = ", ".join(f"{k} {n}" for k, n in per_part.get(folder, Counter()).most_common())
        print(f"{folder:28} {totals[folder]:6} {per_folder[folder]:8}  {kinds}")
    print(f"{'all':28} {sum(totals.values()):6} {len(changed):8}")
    if args.list:
        for path, diff in changed.items():
            print(f"{path}\t{' '.join(diff)}")
    rng = random.Random(args.seed)
    pool = [p for p, d in changed.items() if not args.show or set(d) & set(args.show)]
    for path in sorted(rng.sample(pool, min(args.sample, len(pool)))):
        a, b = parts(old.get(path, {"error": "absent"})), parts(new.get(path, {"error": "absent"}))
        print(f"\n=== {path}")
        for key in changed[path]:
            if args.show and key not in args.show:
                continue
            print(f"--- {key}")
            for line in difflib.unified_diff(a.get(key, []), b.get(key, []), lineterm="", n=1):
                if not line.startswith(("---", "+++")):
                    print("   " + line[:160])
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
