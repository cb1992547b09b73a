"""Compiled regular expressions, kept between runs the way Python keeps bytecode.

The standard library's ``re`` compiles a pattern in Python code: govreport's patterns (large
alternations of the vocabularies in ``rules/``) took 90-190 ms to compile, most of the start-up of a
command that parses one page, and every worker of a batch paid it again. ``compiled`` instead takes
what ``re`` compiled on an earlier run (the pattern's compiled program, read from a cache file) and
builds the pattern object from it directly, which costs a few milliseconds for all of them.

The cache is a file beside the package's bytecode (``__pycache__``, or under ``sys.pycache_prefix``),
written when Python may write bytecode (not under ``-B`` or ``PYTHONDONTWRITEBYTECODE``), atomically,
and only by the interpreter that reads it: the file is keyed by the interpreter's version, the
regular-expression engine's magic number and govreport's version, and a file that is foreign, damaged or unreadable is
ignored, as is a directory that cannot be written. The engine checks every program it is given
(``invalid SRE code`` otherwise), and a pattern taken from the cache is the same object ``re.compile``
gives (``==`` compares pattern, flags and program; ``tests/test_pattern_cache.py``). Where the
interpreter lacks the engine's internals (not CPython), ``compiled`` is ``re.compile``.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import marshal
import os
import re
import sys
import threading
from array import array
from collections.abc import Callable
from importlib.util import cache_from_source
from pathlib import Path
from typing import Any

_sre: Any = None
_compiler: Any = None
_parser: Any = None
_constants: Any = None
_CODE = ""
"""The array type code of the engine's code words: programs are kept as their bytes, read back in one call."""
try:  # the engine's internals: CPython ≥ 3.11
    _sre = importlib.import_module("_sre")
    _compiler = importlib.import_module("re._compiler")
    _parser = importlib.import_module("re._parser")
    _constants = importlib.import_module("re._constants")
    _CODE = next(t for t in "ILQ" if array(t).itemsize == _sre.CODESIZE)
    KEY = f"4|{sys.implementation.cache_tag}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}"
except (ImportError, AttributeError, StopIteration):  # pragma: no cover - another interpreter
    _sre = None
    KEY = ""

Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
"""What ``re`` compiles a pattern to: flags, program (its code words as bytes), group count, group names,
names by index."""


def _key() -> str:
    """The interpreter's key and govreport's version: an upgrade starts a fresh cache instead of keeping the
    programs of patterns that are gone."""
    return f"{KEY}|{getattr(sys.modules.get('govreport'), '__version__', '')}"


_lock = threading.Lock()
_entries: dict[tuple[str, int], Entry] = {}
_guards: dict[tuple[str, int], str] = {}
"""Patterns with their first-character guard (``rules.guarded``), which reading the pattern costs milliseconds."""
_loaded = False
_added = 0
_stats = {"cached": 0, "compiled": 0, "guarded": 0}
_used: set[tuple[str, int]] = set()
"""The patterns this process compiled or took from the cache."""
_prune_pending = False
"""The cache was written holding more patterns no run used than it should: write it pruned at exit."""


def cache_file() -> Path | None:
    """Where the cache lives: beside this module's bytecode; None where Python keeps none."""
    try:
        return Path(cache_from_source(__file__)).with_suffix(".patterns")
    except (NotImplementedError, ValueError):  # pragma: no cover - no cache tag
        return None


def _digest(payload: bytes) -> bytes:
    return hashlib.sha256(payload).digest()


def _load() -> None:
    global _loaded
    _loaded = True
    path = cache_file()
    if path is None or _sre is None:
        return
    try:
        blob = path.read_bytes()
        payload = blob[32:]
        if blob[:32] != _digest(payload):
            return
        key, entries, guards = marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        return
    if key == _key() and isinstance(entries, dict) and isinstance(guards, dict):
        _entries.update(entries)
        _guards.update(guards)


GUARD = "(?=["
"""How a pattern behind a lookahead guard opens (``(?=[…])``): see ``_skip_to_guard``."""


def _skip_to_guard(tree: Any, code: list[int], flags: int) -> list[int]:
    """The program of a pattern that opens with a lookahead guard, ``(?=[…])``, with the engine's own skip.

    For a pattern that opens with a character class, ``re`` writes the class into the program's info block,
    and a search then tests each character against it in C, trying the pattern only where one stands (about
    6 ns a character). It does not look inside a lookahead, so a guarded pattern was tried, and failed by its
    guard, at every position (about 20 ns). Every match of such a pattern starts with a character of its
    guard, so giving the engine that class as the pattern's opening set finds the same matches; ``re``
    builds the block itself (``_compile_info``), this only hands it the guard's class."""
    if not tree.data or flags & re.IGNORECASE:
        return code
    op, av = tree.data[0]
    if op is not _constants.ASSERT or av[0] != 1 or len(av[1].data) != 1 or av[1].data[0][0] is not _constants.IN:
        return code
    if code[0] != _constants.INFO or code[2] != 0 or code[3] == 0:  # a prefix or set already, or empty matches
        return code
    charset, cased = _compiler._optimize_charset(av[1].data[0][1])
    if cased:  # pragma: no cover - only under IGNORECASE, refused above
        return code
    info = [_constants.INFO, 0, _constants.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    return info + code[1 + code[1]:]


def _program(pattern: str, flags: int) -> Entry:
    """Compile ``pattern`` as ``re`` does, keeping the parts the engine is built from (a guarded pattern with
    the engine's skip to its guard's characters: ``_skip_to_guard``)."""
    tree = _parser.parse(pattern, flags)
    words = _compiler._code(tree, flags)
    if pattern.startswith(GUARD):
        words = _skip_to_guard(tree, words, int(flags | tree.state.flags))
    code = array(_CODE, [int(op) for op in words]).tobytes()
    names = dict(tree.state.groupdict)
    by_index: list[str | None] = [None] * tree.state.groups
    for name, index in names.items():
        by_index[index] = name
    return int(flags | tree.state.flags), code, int(tree.state.groups) - 1, names, tuple(by_index)


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    flags, code, groups, names, by_index = entry
    built: re.Pattern[str] = _sre.compile(pattern, flags, array(_CODE, code).tolist(), groups, names, by_index)
    return built


def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, from the cache when an earlier run compiled it."""
    if _sre is None:  # pragma: no cover - another interpreter
        return re.compile(pattern, flags)
    flags = int(flags)  # a re.RegexFlag is stored as the number it is
    with _lock:
        if not _loaded:
            _load()
        entry = _entries.get((pattern, flags))
    if entry is not None:
        _used.add((pattern, flags))
        try:
            found = _build(pattern, entry)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # a program this engine refuses
            pass
        else:
            _stats["cached"] += 1
            return found
    _stats["compiled"] += 1
    if pattern.startswith(GUARD):  # compiled here, with the engine's skip to its guard's characters
        try:
            entry = _program(pattern, flags)
            regex = _build(pattern, entry)
        except Exception:  # pragma: no cover - a program this engine refuses: re's own
            return re.compile(pattern, flags)
        _keep(pattern, flags, entry)
        return regex
    regex = re.compile(pattern, flags)
    if not _can_save():  # nothing would keep the program: compiling it once more for the cache is waste
        return regex
    try:
        entry = _program(pattern, flags)
        same = _build(pattern, entry) == regex
    except Exception:
        return regex
    if same:
        _keep(pattern, flags, entry)
    return regex


def _keep(pattern: str, flags: int, entry: Entry) -> None:
    """Hold a program for the cache file, where this process may write it."""
    global _added
    if _can_save():
        with _lock:
            _entries[(pattern, flags)] = entry
            _used.add((pattern, flags))
            _added += 1


def guard(pattern: str, flags: int, make: Callable[[str, int], str]) -> str:
    """``make(pattern, flags)``, the pattern behind its first-character guard, from the cache when an earlier
    run made it (finding the guard parses the pattern: 0.7-2.4 ms for each of the long cue alternations). Kept
    under ``make``'s name and the pattern: two kinds of guard of one pattern are two entries."""
    key = (f"{make.__name__}:{pattern}", int(flags))
    with _lock:
        if not _loaded:
            _load()
        found = _guards.get(key)
    if found is not None:
        _used.add(key)
        return found
    global _added
    _stats["guarded"] += 1
    made = make(pattern, flags)
    if _sre is not None and _can_save():
        with _lock:
            _guards[key] = made
            _used.add(key)
            _added += 1
    return made


_saving: bool | None = None


def _can_save() -> bool:
    """Whether this process may write the cache: Python writes bytecode and the cache's directory is writable
    (or can be made in a writable one); decided once."""
    global _saving
    if _saving is None:
        path = cache_file()
        _saving = path is not None and not sys.dont_write_bytecode and _writable(path.parent)
    return _saving


def _writable(directory: Path) -> bool:
    while not directory.exists():
        if directory.parent == directory:
            return False
        directory = directory.parent
    return directory.is_dir() and os.access(directory, os.W_OK)


def stats() -> dict[str, int]:
    """How many patterns this process took from the cache and how many it compiled."""
    return dict(_stats)


def save(prune: bool = False) -> None:
    """Write the cache when this process compiled patterns it did not hold, where Python may write bytecode.
    With ``prune`` (at exit, when the run has compiled all it will), a cache mostly of patterns this run did not
    use (edited rules, an old checkout's) keeps only the run's own."""
    global _added, _prune_pending
    path = cache_file()
    if path is None or not _can_save() or not (_added or (prune and _prune_pending)):
        return
    with _lock:
        kept, guards = _entries, _guards
        if len(_entries) + len(_guards) > 2 * len(_used):
            if prune:
                kept = {k: v for k, v in _entries.items() if k in _used}
                guards = {k: v for k, v in _guards.items() if k in _used}
            _prune_pending = not prune
        try:
            payload = marshal.dumps((_key(), dict(sorted(kept.items())), dict(sorted(guards.items()))))
        except ValueError:  # pragma: no cover - a value marshal cannot write: keep no cache
            return
        _added = 0
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as out:
            out.write(_digest(payload))
            out.write(payload)
        os.replace(tmp, path)
    except OSError:  # read-only install, full disk: the next run compiles again
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


atexit.register(save, prune=True)
