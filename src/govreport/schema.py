"""The JSON Schema of what govreport writes, generated from the pydantic models.

One output document (a JSON file, or one JSONL line) is either a Report or, for an input that
could not be parsed, an error record ``{"source": {...}, "error": {"code", "message"}}``.
"""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from .models import ErrorRecord, PublicNames, Report


def report_schema(indent: int | None = 2) -> str:
    schema = TypeAdapter(Report | ErrorRecord).json_schema(ref_template="#/$defs/{model}", schema_generator=PublicNames)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://govreport.invalid/schema/report-1.json"
    schema["title"] = "govreport output"
    schema["description"] = ("One Report per input document; an input that could not be parsed gives an error "
                             "record instead.")
    return json.dumps(schema, ensure_ascii=False, indent=indent, sort_keys=True)
