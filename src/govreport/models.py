"""Public output models: the Report contract of spec/output.md (schema_version "1")."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode

from .records import ERRORS, REMOVAL_RULES, WARNINGS
from .records import SCHEMA_VERSION as SCHEMA_VERSION  # re-exported: the public constant
from .rules.markers import STYLES

Span = tuple[int, int]
SPAN = "[start, end) in code points of the decoded text (for HTML, of its text rendering)"


class PublicNames(GenerateJsonSchema):
    """Names each model in the JSON Schema's ``$defs`` by its public name, its ``title`` (``ReportWarning`` is the
    schema's ``Warning``), so that a class renamed inside govreport leaves the schema as it was."""

    def normalize_name(self, name: str) -> str:
        return super().normalize_name(_PUBLIC_NAMES.get(name, name))


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    @classmethod
    def model_json_schema(cls, by_alias: bool | None = None, ref_template: str = DEFAULT_REF_TEMPLATE,
                          schema_generator: type[GenerateJsonSchema] = PublicNames, mode: JsonSchemaMode = "validation",
                          *, union_format: Literal["any_of", "primitive_type_array"] = "any_of") -> dict[str, Any]:
        """pydantic's, with the models named by their public names (``PublicNames``)."""
        return super().model_json_schema(by_alias, ref_template, schema_generator, mode, union_format=union_format)


_SHARED_SETS: dict[type, list[set[str]]] = {}
"""The fields sets the models of each class share (``Report._share_fields_sets``): a few per class at most."""
_MOST_SETS = 8


def _share_fields_sets(models: list[Any]) -> None:
    """Give each of ``models`` (of one class) the shared fields set equal to its own, or make its own a shared one."""
    if not models:
        return
    sets = _SHARED_SETS.setdefault(type(models[0]), [])
    for model in models:
        own = model.__pydantic_fields_set__
        for one in sets:
            if one == own:
                if one is not own:
                    object.__setattr__(model, "__pydantic_fields_set__", one)
                break
        else:
            if len(sets) < _MOST_SETS:
                sets.append(own)


class DateValue(_Model):
    """A date as written, with its ISO form when it can be decided."""

    raw: str = Field(description="exact text of the date")
    iso: str | None = Field(description="YYYY-MM-DD, YYYY-MM or YYYY; null when it cannot be determined")
    span: Span = Field(description=f"the date as written: {SPAN}")
    repaired: bool = Field(False, description="true when iso was reconstructed from a damaged form")


class Meta(_Model):
    title: str | None = Field(None, description="the document's title (not the site name), its title block "
                                                "joined across line breaks")
    breadcrumb: list[str] = Field(default_factory=list, description='navigation path, e.g. ["首页", "计划公报"]')
    published: DateValue | None = Field(None, description="the page's publication date (发布日期, 发布时间 …)")
    source: str | None = Field(None, description="the stated source (来源, 信息来源 …)")
    author: str | None = Field(None, description="作者 / 撰稿 as the page labels it; null when the field is empty")
    doc_number: str | None = Field(None, description="发文字号, e.g. 京政办发〔2016〕26号")
    issuer: str | None = Field(None, description="organisation named in the closing signature block")
    signed: DateValue | None = Field(None, description="date of the signature block (成文日期)")
    fields: dict[str, str] = Field(default_factory=dict, description="every other label: value header field")


class Node(_Model):
    id: str = Field(description='position path, 1-based: "1", "1.2"')
    level: int = Field(ge=1, description="depth in the tree, top = 1")
    kind: Literal["heading", "item"] = Field(description="heading: its marker starts a line; item: an enumeration "
                                                         "inside a paragraph (一是……二是……)")
    style: str = Field(description="the numbering style: " + ", ".join(f"{s.id} ({s.shown})" for s in STYLES))
    marker: str = Field(description="the marker exactly as in the source")
    number: int = Field(description="its ordinal: (十二) → 12, ③ → 3")
    title: str = Field(description="the node's own heading words, without marker or trailing punctuation")
    title_span: Span = Field(description="span of the title words")
    text: str = Field(description="own text from the marker up to the first child")
    span: Span = Field(description="the whole node, children included")
    inferred: bool = Field(False, description="the page lost this marker; the node was recovered from its siblings")
    children: list[Node] = Field(default_factory=list, description="the nodes under this one, in document order")


class Metric(_Model):
    raw: str = Field(description="exact text: 252.63%, 2501个, 十九件, 1.2亿元")
    value: float = Field(description="the number with 万/亿/千 applied: 1.2亿元 → 120000000")
    unit: str = Field(description="the unit as written after the multiplier is taken out (%, 个, 元, 人次 …); "
                                  "empty for a number with a multiplier and no unit")
    kind: Literal["percent", "count", "money", "measure", "other"] = Field(description="what sort of quantity")
    qualifier: str | None = Field(None, description="约, 近, 超过, 余, 以上 … when the number is approximate "
                                                    "or a bound")
    label: str | None = Field(None, description="what is measured, when the text names it right before "
                                                "(完成率 in 完成率为252.63%)")
    span: Span = Field(description=SPAN)
    node: str | None = Field(None, description="id of the outline node it stands in; null in the preamble")


class Reference(_Model):
    title: str = Field(description="the cited document's title, inside 《》, marks dropped")
    span: Span = Field(description=SPAN)
    node: str | None = Field(None, description="id of the outline node it stands in; null in the preamble")


class Removed(_Model):
    kind: str = Field(description="navigation, header, title, widget, footer, note")
    rule: str | None = Field(None, description="why it was removed (govreport.records.REMOVAL_RULES); always "
                                              "written, optional so that Reports from before it existed still "
                                              "validate", json_schema_extra={"enum": [*REMOVAL_RULES, None]})
    text: str = Field(description="the removed stretch as written")
    span: Span = Field(description=SPAN)


# public name Warning (govreport.Warning, the schema's Warning): a class of that name would shadow Python's builtin
class ReportWarning(_Model):
    model_config = ConfigDict(title="Warning")

    code: str = Field(description="stable kebab-case id (govreport.records.WARNINGS)",
                      json_schema_extra={"enum": list(WARNINGS)})
    message: str = Field(description="one English sentence")
    span: Span | None = Field(None, description=f"what it is about: {SPAN}; null for the whole input")



Warning = ReportWarning
"""The public name of ``ReportWarning`` (``govreport.Warning``), kept importable from here."""

_PUBLIC_NAMES = {"ReportWarning": "Warning"}
"""Models whose class name is not their public name (their ``title``): the JSON Schema uses the public one."""


class SourceInfo(_Model):
    path: str | None = Field(None, description="the input's path as named; null for standard input unless "
                                               "--stdin-name names it")
    path_bytes: str | None = Field(
        default=None, exclude_if=lambda v: v is None,
        description="present only when the file name is not UTF-8: base64 of the path's exact bytes; path then "
        "writes each such byte as \\xNN")
    format: Literal["text", "html"] = Field("text", description="how the input was read")
    encoding: str = Field(description="the encoding it was decoded from (utf-8, gb18030, big5, utf-16 …)")
    sha256: str = Field(description="SHA-256 of the raw bytes, in hex")
    chars: int = Field(description="length of the decoded text in code points")


class Signature(_Model):
    """The closing signature block (issuer lines and date), kept out of ``text``."""

    text: str = Field(description="the signature lines, one per line")
    span: Span = Field(description=SPAN)


class Generator(_Model):
    """The program that wrote a Report."""

    name: str = Field(description='the program: "govreport"')
    version: str = Field(description="its version (PEP 440), raised whenever what it writes changes")


class Report(_Model):
    """Everything govreport reads from one document."""

    schema_version: Literal["1"] = Field(SCHEMA_VERSION, description="the contract's version (spec/output.md)")
    generator: Generator | None = Field(None, description="which program and version wrote this Report; always "
                                                          "written, optional so that earlier Reports still validate")
    source: SourceInfo = Field(description="where the document came from and how it was read")
    meta: Meta = Field(description="the document's metadata")
    text: str = Field(description="the clean body, one paragraph per line, boilerplate and signature removed")
    preamble: str = Field(description='body text before the first top-level node ("" if none)')
    outline: list[Node] = Field(default_factory=list, description="the numbered structure, top-level nodes in "
                                                                  "document order")
    metrics: list[Metric] = Field(default_factory=list, description="quantities stated in the body, in order")
    references: list[Reference] = Field(default_factory=list, description="documents cited in 《》, in order, "
                                                                          "repeats kept")
    removed: list[Removed] = Field(default_factory=list, description="every stretch that is neither body nor "
                                                                     "signature, and the rule that removed it")
    signature: Signature | None = Field(None, description="the closing issuer and date lines, kept out of text")
    warnings: list[ReportWarning] = Field(default_factory=list, description="what a careful reader should know")

    @model_validator(mode="after")
    def _share_fields_sets(self) -> Report:
        """Its many models (outline nodes, metrics, references, removed stretches, warnings) share their fields
        sets: pydantic gives each instance a set of the fields its data named (about 730 bytes for a Node's twelve),
        and the instances of one class name the same fields. One set per class and content, kept for the process,
        replaces them: a Report held in memory is about a third smaller. The models are frozen, so nothing adds to
        a shared set (``model_copy`` copies it first); ``model_fields_set`` answers as before."""
        nodes = list(self.outline)
        for node in nodes:  # the list grows as it is read: every node's children join it
            nodes.extend(node.children)
        for many in (nodes, self.metrics, self.references, self.removed, self.warnings):
            _share_fields_sets(many)
        return self


class ErrorInfo(_Model):
    code: str = Field(description="why the input failed (govreport.records.ERRORS)",
                      json_schema_extra={"enum": list(ERRORS)})
    message: str = Field(description="one line saying what is wrong and the fix")


class ErrorRecord(_Model):
    """What JSONL output carries for an input that could not be parsed."""

    source: dict[str, str | None] = Field(description="path: the input as named (null for standard input "
                                                     "unless --stdin-name names it)")
    error: ErrorInfo = Field(description="what went wrong")
