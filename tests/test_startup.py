"""Start-up: ``govreport --version`` and ``--help`` load nothing of the pipeline (no stage module, no
pydantic model, no HTML parser), so that a command that only answers about itself answers at once."""

from __future__ import annotations

import subprocess
import sys

import pytest

# the stages and what only they need; the command line needs its options, the formats and the batch layer
PIPELINE = ("govreport.pipeline", "govreport.source", "govreport.html", "govreport.boilerplate", "govreport.head",
            "govreport.closing", "govreport.lineclass", "govreport.markers", "govreport.lost", "govreport.titles",
            "govreport.page_title", "govreport.marker_candidates", "govreport.lines",
            "govreport.outline",
            "govreport.metrics", "govreport.references", "govreport.dates", "govreport.meta", "govreport.models",
            "govreport.rules.cues", "govreport.rules.lines", "govreport.rules.fields", "govreport.rules.units",
            "pydantic", "selectolax")

_RUN = """
import sys
sys.argv = ["govreport", *sys.argv[1:]]
from govreport.cli import main
try:
    main()
except SystemExit:
    pass
print("MODULES", *sorted(sys.modules))
"""


@pytest.mark.parametrize("option", ["--version", "--help"])
def test_answers_without_the_pipeline(option: str) -> None:
    proc = subprocess.run([sys.executable, "-c", _RUN, option], capture_output=True, text=True, check=True)
    printed, _, modules = proc.stdout.rpartition("MODULES")
    assert "govreport" in printed  # the version line, or the usage
    loaded = set(modules.split())
    assert "govreport.cli" in loaded
    assert sorted(loaded.intersection(PIPELINE)) == []


def test_the_library_still_reads_the_limit_the_command_line_shows() -> None:
    import govreport
    from govreport import errors, pipeline

    assert govreport.DEFAULT_MAX_BYTES == pipeline.DEFAULT_MAX_BYTES == errors.DEFAULT_MAX_BYTES == 64 * 2**20
