"""Files written whole or not at all, and results read back for a resumed run.

A result file is written to a temporary name beside its target and renamed into place only when
complete, with the mode of the file it replaces (or the umask's); a JSONL file is read back line by
line, each whole line keyed by its input's exact path bytes and sha256.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def umask_mode() -> int:
    """The mode a new file gets from the process's umask (0644 under the usual 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def mode_for(target: Path, default: int) -> int:
    """The mode of the regular file ``target`` replaces, else ``default``."""
    try:
        st = os.lstat(target)
    except OSError:
        return default
    return stat.S_IMODE(st.st_mode) if stat.S_ISREG(st.st_mode) else default


def temporary(target: Path, mode: int) -> tuple[int, str]:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        os.fchmod(fd, mode)
    except OSError:
        pass
    return fd, tmp


def write_atomically(target: Path, chunks: Iterable[bytes], mode: int | None = None) -> None:
    """Write to a temporary file beside ``target``, then rename it into place; the file ends with a
    line break and has ``mode`` (the replaced file's, or the umask's)."""
    fd, tmp = temporary(target, mode_for(target, umask_mode() if mode is None else mode))
    try:
        with os.fdopen(fd, "wb") as fh:
            last = b"\n"
            for chunk in chunks:
                if chunk:
                    fh.write(chunk)
                    last = chunk[-1:]
            if last != b"\n":
                fh.write(b"\n")
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def sha256_of(path: str) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read."""
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def exact_path(fields: dict[str, Any], name: str) -> bytes | None:
    """The exact bytes of a path written by ``path_fields`` (``name`` and ``name_bytes``)."""
    raw = fields.get(f"{name}_bytes")
    if isinstance(raw, str):
        import base64

        return base64.b64decode(raw)
    value = fields.get(name)
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else None


@dataclass
class JsonlLine:
    start: int
    end: int
    key: bytes | None
    sha256: str | None
    """None for an error record: its input is tried again."""


def scan_jsonl(path: Path) -> tuple[list[JsonlLine], int]:
    """The whole lines of a JSONL file and where the last one ends (a half line after it is dropped)."""
    found: list[JsonlLine] = []
    offset = 0
    with open(path, "rb") as fh:
        for raw in fh:
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
                source = record.get("source") or {}
                key = exact_path(source, "path")
                sha = None if "error" in record else source.get("sha256")
            except (ValueError, AttributeError):
                key = sha = None
            found.append(JsonlLine(offset, offset + len(raw), key, sha))
            offset += len(raw)
    return found, offset
