"""The contract documents itself: every property of the JSON Schema has a description, and the codes
a Report or an error record can carry are enums generated from the registries that the code raises
them from (warnings, removal rules, error codes), with a README table for each."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from govreport.records import ERRORS, REMOVAL_RULES, WARNINGS
from govreport.schema import report_schema

ROOT = Path(__file__).parent.parent
SCHEMA: dict[str, Any] = json.loads(report_schema())


def _properties() -> list[tuple[str, dict[str, Any]]]:
    found = [(f"(root).{k}", v) for k, v in SCHEMA.get("properties", {}).items()]
    for name, definition in SCHEMA["$defs"].items():
        found += [(f"{name}.{k}", v) for k, v in definition.get("properties", {}).items()]
    return found


def test_every_property_has_a_description() -> None:
    properties = _properties()
    assert len(properties) > 60
    missing = [name for name, prop in properties if not prop.get("description", "").strip()]
    assert missing == []


def _enum(model: str, field: str) -> list[Any]:
    prop = SCHEMA["$defs"][model]["properties"][field]
    return list(prop["enum"])


def test_codes_are_enums_from_the_registries() -> None:
    assert _enum("Warning", "code") == list(WARNINGS)
    assert _enum("Removed", "rule") == [*REMOVAL_RULES, None]
    assert _enum("ErrorInfo", "code") == list(ERRORS)


def test_a_code_outside_the_registry_fails_validation() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    record = {"source": {"path": "a.txt"}, "error": {"code": "no-such-code", "message": "x"}}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(record, SCHEMA)
    jsonschema.validate({**record, "error": {"code": "binary-input", "message": "x"}}, SCHEMA)


def test_every_error_code_the_code_gives_is_registered() -> None:
    """Codes are written as literals where failures are made (the error classes, the pool, the batch
    runner, the writer): each one is in records.ERRORS."""
    patterns = (r'\bcode = "([a-z-]+)"', r'error_code="([a-z-]+)"', r'_lost\([^)]*"([a-z-]+)"\)',
                r'return "([a-z-]+)", "', r'^INTERNAL = "([a-z-]+)"')
    found: set[str] = set()
    for source in (ROOT / "src" / "govreport").glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for pattern in patterns:
            found.update(re.findall(pattern, text, re.MULTILINE))
    assert {"binary-input", "timeout", "worker-died", "output-error", "internal-error"} <= found
    assert found - set(ERRORS) == set()


def test_the_readme_has_a_table_of_error_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, when in ERRORS.items():
        assert f"| `{code}` | {when} |" in readme


def test_models_keep_their_public_names_in_the_api_and_the_schema() -> None:
    """The warning model's class is ReportWarning inside govreport (no builtin shadowed); the API and both
    schemas (``govreport schema`` and pydantic's own ``model_json_schema``) still call it Warning."""
    import govreport
    from govreport.models import Report, ReportWarning

    assert govreport.Warning is ReportWarning
    report = govreport.parse("一、总体要求\n完成率为98%\ud800。")  # constructed: a lone surrogate becomes U+FFFD
    assert [type(w) for w in report.warnings] == [ReportWarning]
    assert [w.code for w in report.warnings] == ["decode-replaced"]
    own = Report.model_json_schema()
    for defs, report_properties in ((SCHEMA["$defs"], SCHEMA["$defs"]["Report"]["properties"]),
                                    (own["$defs"], own["properties"])):
        assert "Warning" in defs and "ReportWarning" not in defs
        assert report_properties["warnings"]["items"] == {"$ref": "#/$defs/Warning"}


def _names_table() -> list[list[str]]:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    section = text.split("## Internal names and the Report's names", 1)[1].split("\n## ", 1)[0]
    rows = [line.strip().strip("|").split(" | ") for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) >= 15 and all(len(row) == 3 for row in rows)
    return rows


def _resolve(definition: dict[str, Any], path: str) -> bool:
    """Whether a JSON path of the table (``outline[].style``, ``meta.title``) names a property of the schema."""
    def deref(node: dict[str, Any]) -> dict[str, Any]:
        while True:
            if "$ref" in node:
                node = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[1]]
            elif "anyOf" in node:
                node = next(n for n in node["anyOf"] if n.get("type") != "null")
            else:
                return node
    node = definition
    for part in path.split("."):
        properties = deref(node).get("properties", {})
        if part.removesuffix("[]") not in properties:
            return False
        node = properties[part.removesuffix("[]")]
        if part.endswith("[]"):
            node = deref(node)["items"]
    return True


def test_the_table_of_internal_and_public_names_names_what_exists() -> None:
    """ARCHITECTURE.md's table from internal records to the Report's keys: every record and field on the left
    exists in the code, every JSON key on the right in the schema, every model in govreport.models."""
    import dataclasses
    import importlib

    from pydantic import BaseModel

    from govreport import models

    for internal, public, _ in _names_table():
        head, _, fields = internal.partition(":")
        dotted = re.findall(r"`([^`]+)`", head)
        assert len(dotted) == 1, internal
        module, _, name = dotted[0].partition(".")
        found = getattr(importlib.import_module(f"govreport.{module}"), name)
        known = set(getattr(found, "_fields", ())) | (
            {f.name for f in dataclasses.fields(found)} if dataclasses.is_dataclass(found) else set()) | {
            attr for attr, value in getattr(found, "__dict__", {}).items() if isinstance(value, property)}  # read from offsets
        for field_name in re.findall(r"`([^`]+)`", fields):
            assert field_name in known, f"{dotted[0]} has no field {field_name!r}"
        paths, _, model = public.partition(":")
        for path in re.findall(r"`([^`]+)`", paths):
            assert any(_resolve(SCHEMA["$defs"][root], path) for root in ("Report", "ErrorRecord")), path
        for model_name in re.findall(r"`([^`]+)`", model):
            assert issubclass(getattr(models, model_name), BaseModel), model_name


MODULE_LINES = 400


def test_every_module_is_short_and_named_in_architecture() -> None:
    """A newcomer reads a module whole: none is over MODULE_LINES lines, and ARCHITECTURE.md names every
    module of the pipeline's package (the package's own entry points and ``rules/`` data aside)."""
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "govreport"
    modules = sorted(package.rglob("*.py"))
    assert len(modules) > 40
    long = {str(p.relative_to(package)): n for p in modules if (n := len(p.read_text(encoding="utf-8").splitlines()))
            > MODULE_LINES}
    assert long == {}
    unnamed = [p.name for p in package.glob("*.py")
               if not p.name.startswith("__") and p.stem not in text]
    assert unnamed == []
