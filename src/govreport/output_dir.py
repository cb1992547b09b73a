"""A directory of results: one file per input, mirroring the inputs' paths (``-o results/``).

Each result is written whole or not at all (``files.write_atomically``) and recorded in the
directory's manifest with the sha256 of the input bytes it was made from, so that a resumed run
keeps it. A result is never written through a symbolic link, onto an input, or over another
input's result; such a problem, like any other that is not a full disk, fails that input alone.
"""

from __future__ import annotations

import errno
import itertools
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batch import STDIN, Item, Outcome
from .files import exact_path, sha256_of, write_atomically
from .formats import FORMATS
from .records import path_bytes, path_fields

MANIFEST = ".govreport-manifest.jsonl"
"""In an output directory: one line per result written, {"result": …, "sha256": …} of its input."""


def pieces_of(output: bytes | Iterator[bytes]) -> Iterator[bytes]:
    """A result as the pieces it is written in."""
    if isinstance(output, bytes):
        yield output
    else:
        yield from output


def _noting_first(pieces: Iterator[bytes], first: list[bytes]) -> Iterator[bytes]:
    """The pieces, with the first non-empty one kept in ``first`` (an audit page's head)."""
    for piece in pieces:
        if piece and not first:
            first.append(piece)
        yield piece


@dataclass
class OutputDir:
    """The results of a run in a directory, with the manifest and (for the html format) the index."""

    out: Path
    fmt: str
    excel: bool = False
    inputs: frozenset[str] = frozenset()
    """Real paths of the inputs: a result is never written onto one of them."""
    mode: int = 0o644
    existing: list[Item] = field(default_factory=list)
    """Inputs whose results a resumed run keeps."""
    _done: dict[bytes, str] = field(default_factory=dict)
    _manifest: Any = None
    _written: dict[Path, str] = field(default_factory=dict)
    _index: Any = None
    """What lists every input's result (the html format's index.html)."""

    # -- resume ------------------------------------------------------------------------------------

    def plan(self, items: list[Item]) -> list[Item]:
        """The inputs still to do: an input whose result is there, made from the same bytes, is kept."""
        self._read_manifest()
        wanted = []
        for item in items:
            if item.path != STDIN and self._done_already(item):
                self.existing.append(item)
            else:
                wanted.append(item)
        return wanted

    def _done_already(self, item: Item) -> bool:
        target = self.target(item)
        sha = self._done.get(path_bytes(os.path.relpath(target, self.out)))
        return sha is not None and target.is_file() and sha == sha256_of(item.path)

    def _read_manifest(self) -> None:
        try:
            with open(self.out / MANIFEST, "rb") as fh:
                for raw in fh:
                    try:
                        entry = json.loads(raw)
                        key = exact_path(entry, "result")
                    except (ValueError, AttributeError):
                        continue
                    if key is not None and isinstance(entry.get("sha256"), str):
                        self._done[key] = entry["sha256"]
        except OSError:
            pass

    # -- writing -----------------------------------------------------------------------------------

    def start(self, mode: int) -> None:
        """Write new files with ``mode``; open the index, if the format has one."""
        self.mode = mode
        if FORMATS[self.fmt].index is not None:
            self._index = FORMATS[self.fmt].index(self.out)  # type: ignore[misc]
            for item in self.existing:  # results a resumed run keeps are rows of the index too
                self._index.add_existing(item.shown, self.target(item))

    def target(self, item: Item) -> Path:
        """Where an input's result goes: its path under the directory, with the format's extension."""
        rel = Path(item.rel)
        return self.out / rel.parent / (rel.name + FORMATS[self.fmt].extension)

    def repeated(self, item: Item) -> bool:
        """Whether this input's result is written already (the same input named twice: written once)."""
        source = os.path.realpath(item.path) if item.path != STDIN else STDIN
        return self._written.get(self.target(item)) == source

    def write(self, item: Item, output: bytes | Iterator[bytes], sha256: str | None) -> str | None:
        """Write one input's result; returns a message when it could not be written (that input fails).
        A full disk raises OutputError: the run stops."""
        target = self.target(item)
        source = os.path.realpath(item.path) if item.path != STDIN else STDIN
        earlier = self._written.get(target)
        if earlier is not None:
            return (f"its result {target} would overwrite the result of {earlier}; "
                    "name the inputs' parent directory instead, so that their paths differ")
        problem = self._unsafe(target)
        if problem:
            return problem
        prologue = FORMATS[self.fmt].prologue
        pieces = pieces_of(output)
        if prologue is not None:
            pieces = itertools.chain([prologue(self.excel).encode("utf-8")], pieces)
        first: list[bytes] = []
        if self._index is not None:
            pieces = _noting_first(pieces, first)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, pieces, self.mode)
            if sha256 is not None:
                self._record(target, sha256)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                from .output import OutputError

                raise OutputError(f"cannot write {target} ({exc.strerror})", item) from None
            return f"cannot write its result {target} ({exc.strerror or exc}); fix the output directory"
        self._written[target] = source
        if self._index is not None:
            self._index.add(item.shown, target, first[0] if first else b"")
        return None

    def failed(self, outcome: Outcome) -> None:
        """An input that failed is a row of the index too."""
        if self._index is not None:
            self._index.failed(outcome.item.shown, outcome.error_code or "error", outcome.error or "")

    def _record(self, target: Path, sha256: str) -> None:
        """A line in the directory's manifest: which input bytes this result was made from."""
        if self._manifest is None:
            self._manifest = open(self.out / MANIFEST, "ab")
            if self._manifest.tell():
                with open(self.out / MANIFEST, "rb") as fh:
                    fh.seek(-1, os.SEEK_END)
                    if fh.read(1) != b"\n":
                        self._manifest.write(b"\n")  # a half line a full disk left: the next line starts clean
        fields = path_fields(os.path.relpath(target, self.out))
        entry = {"result": fields["path"], **({"result_bytes": fields["path_bytes"]} if "path_bytes" in fields
                                              else {}), "sha256": sha256}
        self._manifest.write(json.dumps(entry, ensure_ascii=False).encode("utf-8") + b"\n")
        self._manifest.flush()

    def _unsafe(self, target: Path) -> str | None:
        """Why writing ``target`` would leave the output directory or hit an input, if it would."""
        here = target
        while here != self.out and here != here.parent:
            if here.is_symlink():
                return f"its result path {here} is a symbolic link; govreport never writes through one"
            here = here.parent
        if os.path.realpath(target) in self.inputs:
            return f"its result {target} would overwrite an input; choose another --output"
        if target.is_dir():
            return f"its result path {target} is a directory; remove it or choose another --output"
        return None

    # -- the end of a run --------------------------------------------------------------------------

    def finish(self) -> None:
        """Close the manifest and write the index."""
        self._close_manifest()
        if self._index is not None:
            index, self._index = self._index, None
            index.finish(self.inputs)

    def abort(self) -> None:
        """Close the manifest and drop the unfinished index: every result file written is whole."""
        self._close_manifest()
        if self._index is not None:
            self._index.discard()
            self._index = None

    def _close_manifest(self) -> None:
        if self._manifest is not None:
            try:
                self._manifest.close()
            except OSError:
                pass
            self._manifest = None
