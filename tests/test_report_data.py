"""The Report's plain data (report_data.py) and the public models (models.py) are one shape.

The pipeline builds TypedDicts, the command line writes them as they are, and the API validates them
into the models; JSON key order is output, so each TypedDict must list its model's fields in the
models' order, with the same types, and the data the pipeline builds must follow the TypedDicts.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any, NotRequired, get_args, get_origin, get_type_hints

import pytest
from pydantic import BaseModel

from govreport import models, report_data
from govreport.pipeline import analyse_data, decode_bytes
from govreport.records import error_record

FIXTURES = Path(__file__).parent / "fixtures" / "documents"

MIRRORS: dict[Any, type[BaseModel]] = {
    report_data.GeneratorData: models.Generator, report_data.SourceData: models.SourceInfo,
    report_data.DateData: models.DateValue, report_data.MetaData: models.Meta, report_data.NodeData: models.Node,
    report_data.MetricData: models.Metric, report_data.ReferenceData: models.Reference,
    report_data.RemovedData: models.Removed, report_data.WarningData: models.ReportWarning,
    report_data.SignatureData: models.Signature, report_data.ReportData: models.Report,
    report_data.ErrorData: models.ErrorInfo, report_data.ErrorRecordData: models.ErrorRecord,
}
# the one place the two are written differently: the model takes any {path: …} mapping, the data is
# what records.path_fields builds
LOOSER_IN_MODEL = {(models.ErrorRecord, "source")}


def _typeddicts() -> list[Any]:
    return [v for v in vars(report_data).values() if typing.is_typeddict(v) and v.__module__ == report_data.__name__]


def test_every_model_has_its_typeddict() -> None:
    """A new model in models.py needs its TypedDict (PathData is a part of two, not a model)."""
    public = {m for m in vars(models).values() if isinstance(m, type) and issubclass(m, BaseModel)
              and m.__module__ == models.__name__ and not m.__name__.startswith("_")}
    assert set(MIRRORS.values()) == public
    assert set(_typeddicts()) == {*MIRRORS, report_data.PathData}


def _as_model_type(tp: Any) -> Any:
    """A TypedDict's field type written with the models' classes (NodeData → Node)."""
    if tp in MIRRORS:
        return MIRRORS[tp]
    origin, args = get_origin(tp), get_args(tp)
    if origin is NotRequired:  # a key the data leaves out is a None the model leaves out of its JSON
        return _as_model_type(args[0]) | None
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_as_model_type(a) for a in args)]  # noqa: UP007 (built from a tuple)
    if origin in (list, dict, tuple):
        return origin[tuple(_as_model_type(a) for a in args)]
    return tp


@pytest.mark.parametrize("typed", list(MIRRORS), ids=lambda t: t.__name__)
def test_typeddict_lists_its_models_fields_in_order_with_their_types(typed: Any) -> None:
    model = MIRRORS[typed]
    assert list(typed.__annotations__) == list(model.model_fields)  # the order is the JSON's key order
    hints = get_type_hints(typed, include_extras=True)
    for name, field in model.model_fields.items():
        if (model, name) in LOOSER_IN_MODEL:
            continue
        assert _as_model_type(hints[name]) == field.annotation, f"{typed.__name__}.{name}"
        # a key the data may leave out is a field the model leaves out of its JSON when it is None
        assert (get_origin(hints[name]) is NotRequired) == (field.exclude_if is not None), f"{typed.__name__}.{name}"


def _check(value: Any, tp: Any, where: str) -> None:
    """``value`` has the shape of ``tp``: every dict's keys are its TypedDict's, in order, all the way down."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is NotRequired:
        _check(value, args[0], where)
    elif typing.is_typeddict(tp):
        hints = get_type_hints(tp, include_extras=True)
        expected = [k for k in hints if k in value or get_origin(hints[k]) is not NotRequired]
        assert list(value) == expected, where
        for key in expected:
            _check(value[key], hints[key], f"{where}.{key}")
    elif origin in (typing.Union, types.UnionType):
        if value is None:
            assert type(None) in args, where
        else:
            _check(value, next(a for a in args if a is not type(None)), where)
    elif origin is list:
        assert isinstance(value, list), where
        for i, item in enumerate(value):
            _check(item, args[0], f"{where}[{i}]")


def _documents() -> list[Path]:
    return sorted(p for d in FIXTURES.iterdir() for p in d.glob("input.*"))


@pytest.mark.parametrize("path", _documents(), ids=lambda p: p.parent.name)
def test_the_pipelines_data_follows_the_typeddicts(path: Path) -> None:
    source, evidence = decode_bytes(path.read_bytes(), str(path))
    data = analyse_data(source, str(path), evidence)
    _check(data, report_data.ReportData, "report")
    assert data["outline"] and data["removed"] and data["warnings"] is not None  # real pages, not empty shells


def test_data_with_every_optional_part_follows_the_typeddicts() -> None:
    """Constructed: a file name that is not UTF-8 (source.path_bytes), a repaired date, a signature,
    a metric, a cited document and an error record."""
    text = ("关于印发某某办法的通知\n发布日期：2021-01-25\n一、总体要求\n完成率为98%，落实《某某条例》。\n"
            "某某市人民政府\n2020年1229\n")
    name = "\udcb9\udca4.txt"  # GBK bytes of a file name, as the file system hands them over
    data = analyse_data(decode_bytes(text.encode("utf-8"), name)[0], name)
    assert "path_bytes" in data["source"] and data["signature"] is not None and data["metrics"]
    assert data["references"] and data["meta"]["signed"] is not None and data["meta"]["signed"]["repaired"]
    _check(data, report_data.ReportData, "report")
    _check(error_record(name, "unreadable", "no such file; check the path"), report_data.ErrorRecordData, "error")
