"""govreport's build hook: a compiled build on request.

``GOVREPORT_COMPILE=1 pip install .`` compiles the pipeline's modules (``[tool.hatch.build.targets.wheel.hooks.custom]
modules`` in pyproject.toml) to C extensions with mypyc and puts them in the wheel beside their sources; Python imports
an extension before its source. The output is the same byte for byte (``tests/test_compiled_build.py``). Without the
variable the hook does nothing: a plain install needs no C compiler and fetches no mypy.

The modules are compiled in a copy of the package in a temporary directory, so a checkout never holds compiled modules
that would hide later edits of their sources; an editable install is never compiled, for the same reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ENV = "GOVREPORT_COMPILE"

_SETUP = """\
from setuptools import setup
from mypyc.build import mypycify

setup(name="govreport-compiled", ext_modules=mypycify({args!r}, opt_level="3"))
"""


def wanted() -> bool:
    """Whether the build was asked to compile: GOVREPORT_COMPILE set to 1, true, yes or on."""
    return os.environ.get(ENV, "").strip().lower() in {"1", "true", "yes", "on"}


class CompiledBuild(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return ["mypy>=1.10", "setuptools>=68"] if wanted() else []

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if not wanted() or self.target_name != "wheel":
            return
        if version == "editable":
            self.app.display_warning(f"{ENV}: an editable install is not compiled (its compiled modules would hide "
                                     "edits of their sources); use `pip install .`")
            return
        modules = self.config.get("modules", [])
        self._work = Path(tempfile.mkdtemp(prefix="govreport-compile-"))
        src = self._work / "src"
        shutil.copytree(Path(self.root) / "src" / "govreport", src / "govreport",
                        ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
        setup = self._work / "setup.py"
        # missing third-party stubs (orjson in the build environment) are typed Any: the compiled code calls them as
        # Python does
        setup.write_text(_SETUP.format(args=["--ignore-missing-imports", *modules]), encoding="utf-8")
        self.app.display_info(f"{ENV}: compiling {len(modules)} modules with mypyc (about a minute)")
        done = subprocess.run([sys.executable, str(setup), "build_ext", "--inplace"], cwd=src,
                              capture_output=True, text=True)
        if done.returncode:
            tail = (done.stdout + done.stderr)[-3000:]
            shutil.rmtree(self._work, ignore_errors=True)
            raise RuntimeError(f"{ENV}: mypyc could not compile govreport; a compiled build needs a C compiler and "
                               f"Python's headers (without {ENV}, pip installs the same code uncompiled):\n{tail}")
        suffix = EXTENSION_SUFFIXES[0]
        for lib in sorted(src.rglob(f"*{suffix}")):
            build_data["force_include"][str(lib)] = lib.relative_to(src).as_posix()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
