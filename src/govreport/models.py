"""Public output models: the Report contract of spec/output.md (schema_version "1")."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field

from .records import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported: the public constant

Span = tuple[int, int]


_LAYOUT: dict[type, tuple[tuple[str, ...], dict[str, Any]]] = {}


def _layout(cls: type[BaseModel]) -> tuple[tuple[str, ...], dict[str, Any]]:
    """Field names in declaration order, and the defaults of the optional ones."""
    found = _LAYOUT.get(cls)
    if found is None:
        defaults = {name: f.get_default(call_default_factory=True) for name, f in cls.model_fields.items()
                    if not f.is_required()}
        found = _LAYOUT[cls] = (tuple(cls.model_fields), defaults)
    return found


def _fresh(value: Any) -> Any:
    return value.copy() if isinstance(value, list | dict) else value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def build(cls, **values: Any) -> Self:
        """Construct from values the pipeline already guarantees, without validation.

        Missing fields take their defaults. This is ``model_construct`` without its
        per-field bookkeeping, which dominates when a document has thousands of nodes;
        the test-suite validates the output against the JSON Schema.
        """
        names, defaults = _layout(cls)
        if tuple(values) != names:  # keep declaration order: it is the order of the JSON output
            values = {n: values[n] if n in values else _fresh(defaults[n]) for n in names}
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj


class DateValue(_Model):
    """A date as written, with its ISO form when it can be decided."""

    raw: str = Field(description="exact text of the date")
    iso: str | None = Field(description="YYYY-MM-DD, YYYY-MM or YYYY; null when it cannot be determined")
    span: Span
    repaired: bool = Field(False, description="true when iso was reconstructed from a damaged form")


class Meta(_Model):
    title: str | None = None
    breadcrumb: list[str] = Field(default_factory=list)
    published: DateValue | None = None
    source: str | None = None
    author: str | None = None
    doc_number: str | None = None
    issuer: str | None = Field(None, description="organisation named in the closing signature block")
    signed: DateValue | None = Field(None, description="date of the signature block (成文日期)")
    fields: dict[str, str] = Field(default_factory=dict, description="every other label: value header field")


class Node(_Model):
    id: str = Field(description='position path, 1-based: "1", "1.2"')
    level: int = Field(ge=1)
    kind: Literal["heading", "item"]
    style: str
    marker: str = Field(description="the marker exactly as in the source")
    number: int
    title: str
    title_span: Span = Field(description="span of the title words")
    text: str = Field(description="own text from the marker up to the first child")
    span: Span = Field(description="the whole node, children included")
    inferred: bool = False
    children: list[Node] = Field(default_factory=list)


class Metric(_Model):
    raw: str
    value: float
    unit: str
    kind: Literal["percent", "count", "money", "measure", "other"]
    qualifier: str | None = None
    label: str | None = None
    span: Span
    node: str | None = None


class Reference(_Model):
    title: str
    span: Span
    node: str | None = None


class Removed(_Model):
    kind: str = Field(description="navigation, header, title, widget, footer, note")
    rule: str | None = Field(None, description="why it was removed: navigation-cue, header-field, title, "
                                              "toc-headed … (govreport.records.REMOVAL_RULES); always written, "
                                              "optional so that Reports from before it existed still validate")
    text: str
    span: Span


class Warning(_Model):
    code: str = Field(description="stable kebab-case id, e.g. date-repaired")
    message: str
    span: Span | None = None


class SourceInfo(_Model):
    path: str | None = None
    format: Literal["text", "html"] = "text"
    encoding: str
    sha256: str
    chars: int


class Signature(_Model):
    """The closing signature block (issuer lines and date), kept out of ``text``."""

    text: str
    span: Span


class Generator(_Model):
    """The program that wrote a Report."""

    name: str = Field(description='the program: "govreport"')
    version: str = Field(description="its version (PEP 440), raised whenever what it writes changes")


class Report(_Model):
    """Everything govreport reads from one document."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    generator: Generator | None = Field(None, description="which program and version wrote this Report; always "
                                                          "written, optional so that earlier Reports still validate")
    source: SourceInfo
    meta: Meta
    text: str
    preamble: str
    outline: list[Node] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    signature: Signature | None = None
    warnings: list[Warning] = Field(default_factory=list)


class ErrorInfo(_Model):
    code: str
    message: str


class ErrorRecord(_Model):
    """What JSONL output carries for an input that could not be parsed."""

    source: dict[str, str | None]
    error: ErrorInfo


def _nodes(items: list[dict[str, Any]]) -> list[Node]:
    return [Node.build(**{**n, "children": _nodes(n["children"])}) for n in items]


def _date(value: dict[str, Any] | None) -> DateValue | None:
    return DateValue.build(**value) if value is not None else None


def report_from_data(data: dict[str, Any]) -> Report:
    """The pipeline's plain data as a Report, without validation (the pipeline guarantees the types)."""
    meta = data["meta"]
    return Report.build(
        schema_version=data["schema_version"],
        generator=Generator.build(**data["generator"]) if data.get("generator") else None,
        source=SourceInfo.build(**data["source"]),
        meta=Meta.build(**{**meta, "published": _date(meta["published"]), "signed": _date(meta["signed"])}),
        text=data["text"],
        preamble=data["preamble"],
        outline=_nodes(data["outline"]),
        metrics=[Metric.build(**m) for m in data["metrics"]],
        references=[Reference.build(**r) for r in data["references"]],
        removed=[Removed.build(**r) for r in data["removed"]],
        signature=Signature.build(**data["signature"]) if data["signature"] is not None else None,
        warnings=[Warning.build(**w) for w in data["warnings"]],
    )
