"""The Report as plain data: the one typed shape the pipeline builds and every writer reads.

Each TypedDict mirrors a public model of ``models.py`` key for key, in the models' field order,
which is the order of the JSON output (``tests/test_report_data.py`` fails when the two drift).
The pipeline assembles these dicts, the command line serialises them as they are (pydantic is
never loaded for it), and the Python API validates them into the models with
``Report.model_validate``.

Spans are tuples as the pipeline builds them; data read back from JSON (``parse_record``, the
JSONL the table writers read) holds lists, which every reader only indexes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, NamedTuple, NotRequired, TypedDict, final

if TYPE_CHECKING:
    from .outline_node import OutlineNode

Span = tuple[int, int]
NodeKind = Literal["heading", "item"]
MetricKind = Literal["percent", "count", "money", "measure", "other"]
InputFormat = Literal["text", "html"]


class GeneratorData(TypedDict):
    name: str
    version: str


class PathData(TypedDict):
    """How a Report or an error record names its input (``records.path_fields``); not a model of its own."""

    path: str | None
    path_bytes: NotRequired[str]
    """Only for a file name that is not UTF-8."""


class SourceData(TypedDict):
    path: str | None
    path_bytes: NotRequired[str]
    format: InputFormat
    encoding: str
    sha256: str
    chars: int


class DateData(TypedDict):
    raw: str
    iso: str | None
    span: Span
    repaired: bool


class MetaData(TypedDict):
    title: str | None
    breadcrumb: list[str]
    published: DateData | None
    source: str | None
    author: str | None
    doc_number: str | None
    issuer: str | None
    signed: DateData | None
    fields: dict[str, str]


class NodeData(TypedDict):
    id: str
    level: int
    kind: NodeKind
    style: str
    marker: str
    number: int
    title: str
    title_span: Span
    text: str
    span: Span
    inferred: bool
    children: list[NodeData]


class MetricData(TypedDict):
    raw: str
    value: float
    unit: str
    kind: MetricKind
    qualifier: str | None
    label: str | None
    span: Span
    node: str | None


class ReferenceData(TypedDict):
    title: str
    span: Span
    node: str | None


class RemovedData(TypedDict):
    kind: str
    rule: str | None
    text: str
    span: Span


class WarningData(TypedDict):
    code: str
    message: str
    span: Span | None


class SignatureData(TypedDict):
    text: str
    span: Span


@final  # final, so that ``"error" in record`` tells a Report from an error record to a type checker
class ReportData(TypedDict):
    schema_version: Literal["1"]
    generator: GeneratorData | None
    source: SourceData
    meta: MetaData
    text: str
    preamble: str
    outline: list[NodeData]
    metrics: list[MetricData]
    references: list[ReferenceData]
    removed: list[RemovedData]
    signature: SignatureData | None
    warnings: list[WarningData]


class ErrorData(TypedDict):
    code: str
    message: str


@final
class ErrorRecordData(TypedDict):
    source: PathData
    error: ErrorData



def node_data(node: OutlineNode, children: list[NodeData] | None = None) -> NodeData:
    """An outline node as the Report's data, its children's data built with it unless ``children`` is given
    (the JSON writer gives ``[]`` and builds each child's data as it writes it)."""
    return {"id": node.id, "level": node.level, "kind": node.kind, "style": node.style, "marker": node.marker,
            "number": node.number, "title": node.title, "title_span": node.title_span, "text": node.text,
            "span": (node.start, node.end), "inferred": node.inferred,
            "children": [node_data(c) for c in node.children] if children is None else children}


class Analysed(NamedTuple):
    """A page's Report as the command line holds it: the data of every part but the outline (``partial``,
    whose outline is empty) and the outline as the tree the pipeline built (``roots``). ``report()`` is the
    whole Report's data; the JSON writer instead builds each node's data as it writes the node and drops it
    after, so that a page where every line is a heading never holds every node's dict at once."""

    partial: ReportData
    roots: tuple[OutlineNode, ...]

    def report(self) -> ReportData:
        """The Report's data, its outline built whole."""
        data = self.partial.copy()
        data["outline"] = [node_data(n) for n in self.roots]
        return data
