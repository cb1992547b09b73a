"""The JSON Schema of a Report, generated from the pydantic models."""

from __future__ import annotations

import json

from .models import Report


def report_schema(indent: int | None = 2) -> str:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://govreport.invalid/schema/report-1.json"
    return json.dumps(schema, ensure_ascii=False, indent=indent, sort_keys=True)
